import {
	INVALID_JSON,
	json,
	makeToken,
	Simulator,
	type SimRequest,
	type SimResponse,
	type SimulatedClock,
} from './framework';

/**
 * WAGRI + MAFF APP simulator, strict to ../shared/seeds/001 and docs/providers.md §2. One origin
 * stands for both WAGRI hosts; the two token URLs are separate routes, so tests can tell them apart:
 * - POST /Token (route `token`: the old https://api.wagri.net/Token): form-urlencoded
 *   grant_type=client_credentials, client_id, client_secret → {access_token, token_type:"bearer",
 *   expires_in:43199}. A JSON body is refused.
 * - POST /token (route `wagri2Token`: the current https://api.wagri2.net/token): the same fields as
 *   a form or as JSON (WAGRI's page shows a JSON example under a form header table: unverified).
 * - Every API path needs `X-Authorization: <token>` (not Bearer); expiry follows the simulated clock.
 * - POST /API/Individual/MAFFAPP/Users/Login: Content-Type application/json + valid X-Authorization,
 *   body {mail, password} → {result:1, user, loginhash, refresh_token}.
 * - MAFF APP paths need both X-Authorization and `Authorization: xxx <loginhash>`.
 * Error bodies are not published; this simulator answers OAuth-style {error, error_description}
 * on the token URL and ASP.NET-style {Message} elsewhere, MAFF login failures {result:0, message}.
 *
 * `singleSession` (default false, back to false on reset()): when true, each new token ends every
 * earlier WAGRI token, and each new MAFF APP login ends every earlier loginhash — for tests of a
 * provider that keeps one session per client (whether WAGRI or MAFF APP does is unpublished).
 */
export interface WagriSimulatorOptions {
	clientId?: string;
	clientSecret?: string;
	mail?: string;
	password?: string;
	/** Seconds; WAGRI answers 43199 (about 12 hours). */
	expiresIn?: number;
	/** loginhash lifetime in ms; undefined = until revoked (the real lifetime is not published). */
	loginhashLifetimeMs?: number;
	clock?: SimulatedClock;
}

export const WAGRI_SAMPLE_ZIP = Buffer.from(
	// A tiny but real zip file holding fields.geojson, so the binary path carries real bytes.
	'UEsDBBQAAAAIAAAAIVz36bSQKAAAACoAAAAOAAAAZmllbGRzLmdlb2pzb26rViqpLEhVslJyS00sKS1Kdc7PyUlNLsnMz1PSUUqDiBUrWUXH1gIAUEsBAhQDFAAAAAgAAAAhXPfptJAoAAAAKgAAAA4AAAAAAAAAAAAAAIABAAAAAGZpZWxkcy5nZW9qc29uUEsFBgAAAAABAAEAPAAAAFQAAAAAAA==',
	'base64',
);

const denied = () => json(401, { Message: 'Authorization has been denied for this request.' });
const tokenError = (status: number, error: string, description?: string) =>
	json(status, { error, ...(description ? { error_description: description } : {}) });

export class WagriSimulator extends Simulator {
	readonly clientId: string;

	readonly clientSecret: string;

	readonly mail: string;

	readonly password: string;

	expiresIn: number;

	loginhashLifetimeMs?: number;

	/** When true, a new token ends every earlier token and a new login every earlier loginhash. */
	singleSession = false;

	readonly tokens = new Map<string, number>();

	readonly loginhashes = new Map<string, number>();

	private issued = 0;

	private failNext?: number;

	constructor(options: WagriSimulatorOptions = {}) {
		super('wagri', options.clock);
		this.clientId = options.clientId ?? 'wagri-client-0001';
		this.clientSecret = options.clientSecret ?? 'wagri-client-secret-value';
		this.mail = options.mail ?? 'farmer@example.jp';
		this.password = options.password ?? 'maff-issued-password';
		this.expiresIn = options.expiresIn ?? 43199;
		this.loginhashLifetimeMs = options.loginhashLifetimeMs;
		this.registerRoutes();
	}

	reset() {
		this.revokeAllTokens();
		this.revokeAllLoginhashes();
		this.singleSession = false;
		this.failNext = undefined;
	}

	revokeAllTokens() {
		this.tokens.clear();
	}

	revokeAllLoginhashes() {
		this.loginhashes.clear();
	}

	/** The next API call (not token or login) answers this status, as WAGRI does on an outage. */
	failNextApiCall(status: number) {
		this.failNext = status;
	}

	private tokenValid(request: SimRequest): boolean {
		const header = request.headers['x-authorization'];
		if (typeof header !== 'string' || !header) return false;
		const expiresAt = this.tokens.get(header);
		return expiresAt !== undefined && expiresAt > this.clock.now();
	}

	private loginValid(request: SimRequest): boolean {
		const match = /^xxx (\S+)$/.exec(request.headers.authorization ?? '');
		if (!match) return false;
		const expiresAt = this.loginhashes.get(match[1]);
		return expiresAt !== undefined && expiresAt > this.clock.now();
	}

	/** Checks for a WAGRI API call: token, then an injected failure. */
	private guardWagri(request: SimRequest): SimResponse | undefined {
		if (!this.tokenValid(request)) return denied();
		if (this.failNext !== undefined) {
			const status = this.failNext;
			this.failNext = undefined;
			return json(status, {
				Message: status >= 500 ? 'An error has occurred.' : 'The request failed.',
			});
		}
		return undefined;
	}

	private guardMaff(request: SimRequest): SimResponse | undefined {
		if (!this.tokenValid(request)) return denied();
		if (!this.loginValid(request))
			return json(401, { result: 0, message: 'Invalid or expired loginhash.' });
		return this.guardWagri(request);
	}

	private issueToken(request: SimRequest, acceptJson: boolean): SimResponse {
		let fields: URLSearchParams | undefined;
		if (request.contentType === 'application/x-www-form-urlencoded') fields = request.form;
		else if (request.contentType === 'application/json' && acceptJson) {
			const body = request.json;
			if (!body || body === (INVALID_JSON as unknown) || typeof body !== 'object') {
				return tokenError(400, 'invalid_request', 'The request body is not valid JSON.');
			}
			fields = new URLSearchParams(
				Object.entries(body as Record<string, unknown>).map(([k, v]): [string, string] => [
					k,
					String(v),
				]),
			);
		} else {
			const accepted = acceptJson
				? 'application/x-www-form-urlencoded or application/json'
				: 'application/x-www-form-urlencoded';
			return tokenError(400, 'invalid_request', `Content-Type must be ${accepted}.`);
		}
		if (!fields || fields.get('grant_type') !== 'client_credentials')
			return tokenError(400, 'unsupported_grant_type');
		if (!fields.get('client_id') || !fields.get('client_secret')) {
			return tokenError(400, 'invalid_request', 'client_id and client_secret are required.');
		}
		if (
			fields.get('client_id') !== this.clientId ||
			fields.get('client_secret') !== this.clientSecret
		) {
			return tokenError(401, 'invalid_client', 'The client credentials are invalid.');
		}
		const token = makeToken('wagri', ++this.issued);
		if (this.singleSession) this.revokeAllTokens();
		this.tokens.set(token, this.clock.now() + this.expiresIn * 1000);
		return json(200, { access_token: token, token_type: 'bearer', expires_in: this.expiresIn });
	}

	private registerRoutes() {
		this.route('POST', '/Token', 'token', (request) => this.issueToken(request, false));
		this.route('POST', '/token', 'wagri2Token', (request) => this.issueToken(request, true));

		this.route('POST', '/API/Individual/MAFFAPP/Users/Login', 'maffLogin', (request) => {
			if (request.contentType !== 'application/json') {
				return json(400, { result: 0, message: 'Content-Type must be application/json.' });
			}
			if (!this.tokenValid(request)) return denied();
			const body = request.json as Record<string, unknown> | undefined;
			if (!body || body === (INVALID_JSON as unknown) || typeof body !== 'object') {
				return json(400, { result: 0, message: 'The request body is not valid JSON.' });
			}
			if (
				typeof body.mail !== 'string' ||
				typeof body.password !== 'string' ||
				!body.mail ||
				!body.password
			) {
				return json(400, { result: 0, message: 'mail and password are required.' });
			}
			if (body.mail !== this.mail || body.password !== this.password) {
				return json(401, { result: 0, message: 'The mail address or password is incorrect.' });
			}
			const loginhash = makeToken('loginhash', ++this.issued);
			if (this.singleSession) this.revokeAllLoginhashes();
			this.loginhashes.set(
				loginhash,
				this.clock.now() + (this.loginhashLifetimeMs ?? Number.MAX_SAFE_INTEGER / 2),
			);
			return json(200, {
				result: 1,
				user: {
					user_id: '6f1c2d3e-4a5b-4c6d-8e7f-901234567890',
					mail: this.mail,
					gender: 2,
					birthyear: 1982,
					prefecture: 13,
					city: 13103,
					cityName: '港区',
					class: 1,
					management: 2,
					career: 10,
					main_work: [],
					scale: 1000,
					other_works: [],
					interest_categories: [],
					isPush: true,
					isShowedProfileFlag: true,
				},
				loginhash,
				refresh_token: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
			});
		});

		// Sample MAFF APP API (paths under /API/Individual/MAFFAPP need both headers).
		this.route('GET', '/API/Individual/MAFFAPP/Notices', 'maffNotices', (request) => {
			const refused = this.guardMaff(request);
			if (refused) return refused;
			const limit = Number(request.query.get('limit') ?? 3);
			return json(200, {
				result: 1,
				notices: Array.from({ length: limit }, (_, index) => ({
					id: index + 1,
					title: `お知らせ ${index + 1}`,
				})),
			});
		});

		// Sample WAGRI APIs: one JSON list, one file (a zipped GeoJSON), one needing a query.
		this.route('GET', '/API/Public/Sample/Crops', 'crops', (request) => {
			const refused = this.guardWagri(request);
			if (refused) return refused;
			return json(200, [
				{ code: '01', name: '水稲' },
				{ code: '02', name: '小麦' },
				{ code: '03', name: '大豆' },
			]);
		});

		this.route('GET', '/API/Public/Sample/FieldPolygons', 'fieldPolygons', (request) => {
			const refused = this.guardWagri(request);
			if (refused) return refused;
			const cityCode = request.query.get('CityCode');
			if (!cityCode)
				return json(400, {
					Message: 'The request is invalid.',
					ModelState: { CityCode: ['CityCode is required.'] },
				});
			if (!/^\d{5}$/.test(cityCode))
				return json(400, {
					Message: 'The request is invalid.',
					ModelState: { CityCode: ['CityCode must be 5 digits.'] },
				});
			return {
				status: 200,
				raw: WAGRI_SAMPLE_ZIP,
				headers: {
					'content-type': 'application/zip',
					'content-disposition': `attachment; filename="fields_${cityCode}.zip"`,
				},
			};
		});

		this.route('POST', '/API/Public/Sample/Weather/Search', 'weatherSearch', (request) => {
			const refused = this.guardWagri(request);
			if (refused) return refused;
			if (request.contentType !== 'application/json')
				return json(400, { Message: 'The request is invalid.' });
			const body = (request.json ?? {}) as Record<string, unknown>;
			if (typeof body.lat !== 'number' || typeof body.lon !== 'number') {
				return json(400, {
					Message: 'The request is invalid.',
					ModelState: { lat: ['lat and lon are required numbers.'] },
				});
			}
			return json(200, {
				lat: body.lat,
				lon: body.lon,
				date: body.date ?? null,
				temperature: 18.5,
			});
		});

		// A WAGRI API the client has not applied for: valid token, but forbidden.
		this.route('GET', '/API/Individual/Restricted/Data', 'restricted', (request) => {
			const refused = this.guardWagri(request);
			if (refused) return refused;
			return json(403, { Message: 'You do not have permission to use this API.' });
		});
	}
}
