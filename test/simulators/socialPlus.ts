import { createHash } from 'node:crypto';

import {
	json,
	Simulator,
	type SimRequest,
	type SimResponse,
	type SimulatedClock,
} from './framework';

/**
 * Social PLUS simulator, strict to ../shared/seeds/002 and docs/providers.md §3:
 * GET /api/<resource> only, API key in the `key` query parameter, users addressed by
 * `identifier` (≤ 40 chars) or `primary_key` (≤ 255, ASCII 0x21–0x7e), errors as
 * HTTP status + {"status":"failed","error":{"code":N,"message":"…"}}.
 */

/** The documented error table: code → [HTTP status, message]. */
export const SOCIAL_PLUS_ERRORS: Record<number, [number, string]> = {
	1: [401, 'Invalid API key or key not found.'],
	3: [500, 'Operation failed.'],
	4: [404, 'Invalid authentication token or token not found.'],
	5: [400, 'Required parameter not found.'],
	6: [400, 'Invalid parameter.'],
	7: [404, 'Entity not found.'],
	8: [403, 'Field existed and overwrite disabled.'],
	9: [404, 'Specified provider not associated with this user.'],
	10: [400, 'Incompatible operation.'],
	11: [400, 'Specified provider settings incomplete.'],
	12: [403, 'Privilege not granted.'],
	15: [409, 'Specified provider already associated with this user.'],
	16: [400, 'Duplicated primary key.'],
};

export const LOGIN_PROVIDER_NAMES = [
	'line',
	'yahoo',
	'facebook',
	'gplus',
	'google',
	'apple',
	'twitter',
] as const;

export function failed(code: number): SimResponse {
	const [status, message] = SOCIAL_PLUS_ERRORS[code];
	return json(status, { status: 'failed', error: { code, message } });
}

const ok = (body: Record<string, unknown> = {}) => json(200, { status: 'ok', ...body });

type ProviderRecord = Record<string, unknown>;

export interface SocialPlusUser {
	identifier: string;
	primary_key: string | null;
	mapped_at: string | null;
	last_logged_in_at: string | null;
	last_logged_in_provider: string | null;
	login_count: number;
	created_at: string;
	profile_prohibited: boolean;
	providers: Record<string, ProviderRecord>;
	profile?: Record<string, unknown>;
}

/** The user of the seed's response example: linked to LINE and Yahoo! JAPAN. */
export const SEED_USER_IDENTIFIER = '5f8a9b18e6eafc375f756af8d75763d43175a00e';
export const SEED_USER_PRIMARY_KEY = 'user_123';

function seedUser(): SocialPlusUser {
	return {
		identifier: SEED_USER_IDENTIFIER,
		primary_key: SEED_USER_PRIMARY_KEY,
		mapped_at: '2021-03-14T13:29:28Z',
		last_logged_in_at: '2021-04-10T09:42:41Z',
		last_logged_in_provider: 'yahoo',
		login_count: 40,
		created_at: '2012-04-10T08:19:07Z',
		profile_prohibited: false,
		providers: {
			line: {
				line_id: 'U9810e27f7b07a65c69be1219f3400000',
				access_token:
					'eyJhbGciOiJIUzI1N123.Fp_kDPwxh-44g6BG...3HzycRR5eidPQ.5DFZn5NqLw...aBpUajz-b456',
				refresh_token: '4izfbBr...O5ih999',
				expires_at: '2020-08-04T08:36:51Z',
				friendship_updated_at: null,
				created_at: '2020-02-22T06:02:29Z',
				updated_at: '2020-07-05T08:36:51Z',
				friendship_status: true,
				friendship_status_updated_at: '2020-07-05T08:36:51Z',
			},
			yahoo: {
				yahoo_id: 'TJS7X3KFJ67MICRKZGKD200000',
				access_token: 'TdFj8xQH4fDUPcJP...TT6glzhqWFbsoY31YDxA--',
				access_token_secret: null,
				refresh_token: 'A1fK4mABAAaTYkl...g8frHi7nkqbGJWZ6w~1',
				session_handle: null,
				expires_at: '2020-07-05T10:01:11Z',
				handle_expires_at: null,
				client_access_token: null,
				client_refresh_token: null,
				client_expires_at: null,
				friendship_updated_at: null,
				created_at: '2019-10-29T09:24:12Z',
				updated_at: '2020-07-05T09:01:11Z',
			},
		},
		profile: { email: 'taro@example.jp', family_name: 'Yamada', given_name: 'Taro' },
	};
}

/** 40 hex characters, like a real Social PLUS ID; reproducible per seed text. */
function hexIdentifier(seed: number | string) {
	return createHash('sha1').update(`social-plus-user-${seed}`).digest('hex');
}

export interface SocialPlusSimulatorOptions {
	apiKey?: string;
	/** A second key that may only read (user_attribute, users): other APIs answer code 12. */
	readOnlyApiKey?: string;
	/** Users in total, the seed user included (default 250). */
	userCount?: number;
	clock?: SimulatedClock;
}

const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;
const PERIOD = /^(\d+)([smhd])$/;
const PERIOD_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3600_000, d: 86400_000 };
const READ_ONLY_RESOURCES = new Set(['user_attribute', 'users']);

export class SocialPlusSimulator extends Simulator {
	readonly apiKey: string;

	readonly readOnlyApiKey: string;

	/** Users in creation order (the order `users` lists them). */
	users: SocialPlusUser[] = [];

	/** One-time login tokens (from the login callback) → identifier. */
	readonly loginTokens = new Map<string, string>();

	/** The query of every request (key included), per resource, oldest first. */
	private readonly queries: Array<{ resource: string; query: URLSearchParams }> = [];

	/** Errors to answer on the next calls of a resource, whatever the request (e.g. code 3). */
	private readonly injected = new Map<string, number[]>();

	private created = 0;

	private tokensIssued = 0;

	private readonly userCount: number;

	constructor(options: SocialPlusSimulatorOptions = {}) {
		super('socialPlus', options.clock);
		this.apiKey = options.apiKey ?? 'sp-54d7503feb24aca8796c49b7517c0ffee';
		this.readOnlyApiKey = options.readOnlyApiKey ?? 'sp-readonly-0a1b2c3d4e5f';
		this.userCount = options.userCount ?? 250;
		this.reset();
		this.registerRoutes();
	}

	/** Back to the seeded users, no login tokens, no injected errors. */
	reset() {
		this.users = [seedUser()];
		this.loginTokens.clear();
		this.injected.clear();
		this.created = 0;
		const now = this.clock.now();
		for (let index = 1; index < this.userCount; index++) {
			const createdAt = new Date(now - index * 3600_000);
			const providers: Record<string, ProviderRecord> = {};
			if (index % 2 === 0) {
				providers.line = {
					line_id: `U${hexIdentifier(index).slice(0, 32)}`,
					access_token: `line-access-${index}`,
					refresh_token: `line-refresh-${index}`,
					expires_at: new Date(now + 30 * 86400_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
					friendship_updated_at: null,
					created_at: createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
					updated_at: createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
					friendship_status: index % 4 === 0,
					friendship_status_updated_at: createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
				};
			}
			if (index % 3 === 0) {
				providers.apple = {
					apple_id: `000${index}.apple`,
					created_at: createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
					updated_at: createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
				};
			}
			this.users.push({
				identifier: hexIdentifier(index),
				primary_key: index % 5 === 0 ? `member-${index}` : null,
				mapped_at: index % 5 === 0 ? createdAt.toISOString() : null,
				last_logged_in_at: new Date(now - index * 60_000).toISOString(),
				last_logged_in_provider: Object.keys(providers)[0] ?? null,
				login_count: index % 7,
				created_at: createdAt.toISOString(),
				profile_prohibited: false,
				providers,
			});
		}
	}

	requestQueries(resource: string): URLSearchParams[] {
		return this.queries.filter((entry) => entry.resource === resource).map((entry) => entry.query);
	}

	resetCounters() {
		super.resetCounters();
		this.queries.length = 0;
	}

	/** A one-time token as Social PLUS puts it on the login callback, for this user. */
	issueLoginToken(identifier: string): string {
		const token = createHash('sha1').update(`login-token-${++this.tokensIssued}`).digest('hex');
		this.loginTokens.set(token, identifier);
		return token;
	}

	/** The next call to `resource` answers with this documented error code. */
	failNext(resource: string, code: number) {
		this.injected.set(resource, [...(this.injected.get(resource) ?? []), code]);
	}

	findUser(query: { identifier?: string; primary_key?: string }) {
		if (query.identifier !== undefined)
			return this.users.find((user) => user.identifier === query.identifier);
		return this.users.find((user) => user.primary_key === query.primary_key);
	}

	private api(resource: string, handler: (request: SimRequest) => SimResponse) {
		this.route('GET', `/api/${resource}`, resource, (request) => {
			this.queries.push({ resource, query: new URLSearchParams(request.query) });
			const key = request.query.get('key');
			if (!key || (key !== this.apiKey && key !== this.readOnlyApiKey)) return failed(1);
			if (key === this.readOnlyApiKey && !READ_ONLY_RESOURCES.has(resource)) return failed(12);
			const injected = this.injected.get(resource);
			if (injected?.length) return failed(injected.shift()!);
			return handler(request);
		});
	}

	/**
	 * Reads the user a request addresses: `<prefix>identifier` or `<prefix>primary_key`.
	 * Returns the user, or the documented error.
	 */
	private addressedUser(request: SimRequest, prefix = ''): SocialPlusUser | SimResponse {
		const identifier = request.query.get(`${prefix}identifier`);
		const primaryKey = request.query.get(`${prefix}primary_key`);
		if (!identifier && !primaryKey) return failed(5);
		if (identifier) {
			if (identifier.length > 40 || !PRINTABLE_ASCII.test(identifier)) return failed(6);
			return this.findUser({ identifier }) ?? failed(7);
		}
		if (!validPrimaryKey(primaryKey!)) return failed(6);
		return this.findUser({ primary_key: primaryKey! }) ?? failed(7);
	}

	private registerRoutes() {
		this.api('user_attribute', (request) => {
			const user = this.addressedUser(request);
			if (isResponse(user)) return user;
			return ok({ user: publicUser(user), providers: structuredClone(user.providers) });
		});

		this.api('authenticated_user', (request) => {
			const token = request.query.get('token');
			if (!token) return failed(5);
			const addProfile = booleanParameter(request, 'add_profile');
			const deleteProfile = booleanParameter(request, 'delete_profile');
			if (addProfile === undefined || deleteProfile === undefined) return failed(6);
			const identifier = this.loginTokens.get(token);
			const user = identifier ? this.findUser({ identifier }) : undefined;
			if (!user) return failed(4);
			this.loginTokens.delete(token);
			const body: Record<string, unknown> = { user: publicUser(user) };
			if (addProfile) {
				body.profile = structuredClone(user.profile ?? {});
				if (deleteProfile) delete user.profile;
			}
			return ok(body);
		});

		this.api('map', (request) => {
			const identifier = request.query.get('identifier');
			const primaryKey = request.query.get('primary_key');
			if (!identifier || !primaryKey) return failed(5);
			const overwrite = booleanParameter(request, 'overwrite');
			if (overwrite === undefined || !validPrimaryKey(primaryKey) || identifier.length > 40)
				return failed(6);
			const user = this.findUser({ identifier });
			if (!user) return failed(7);
			const owner = this.findUser({ primary_key: primaryKey });
			if (owner && owner !== user) return failed(16);
			if (user.primary_key && user.primary_key !== primaryKey && !overwrite) return failed(8);
			user.primary_key = primaryKey;
			user.mapped_at = this.clock.date().toISOString();
			return ok();
		});

		this.api('create_user', (request) => {
			const primaryKey = request.query.get('primary_key');
			if (primaryKey !== null) {
				if (!validPrimaryKey(primaryKey)) return failed(6);
				if (this.findUser({ primary_key: primaryKey })) return failed(16);
			}
			const now = this.clock.date().toISOString();
			const user: SocialPlusUser = {
				identifier: hexIdentifier(`created-${++this.created}`),
				primary_key: primaryKey,
				mapped_at: primaryKey ? now : null,
				last_logged_in_at: null,
				last_logged_in_provider: null,
				login_count: 0,
				created_at: now,
				profile_prohibited: false,
				providers: {},
			};
			this.users.push(user);
			return ok({ user: { identifier: user.identifier, primary_key: user.primary_key } });
		});

		this.api('users', (request) => {
			const page = integerParameter(request, 'page', 0);
			const limit = integerParameter(request, 'limit', 20);
			if (page === undefined || page < 0 || limit === undefined || limit < 1 || limit > 100)
				return failed(6);
			let list = this.users;
			for (const [name, field] of [
				['last_login_within', 'last_logged_in_at'],
				['created_within', 'created_at'],
			] as const) {
				const value = request.query.get(name);
				if (value === null) continue;
				const match = PERIOD.exec(value);
				if (!match) return failed(6);
				const since = this.clock.now() - Number(match[1]) * PERIOD_MS[match[2]];
				list = list.filter((user) => user[field] !== null && Date.parse(user[field]!) >= since);
			}
			const mapped = request.query.get('mapped');
			if (mapped !== null) {
				if (mapped === 'mapped_only') list = list.filter((user) => user.primary_key);
				else if (mapped === 'not_mapped_only') list = list.filter((user) => !user.primary_key);
				else return failed(6);
			}
			const users = list.slice(page * limit, page * limit + limit).map((user) => user.identifier);
			return ok({ users, total: list.length, size: users.length });
		});

		this.api('delete_user', (request) => {
			const user = this.addressedUser(request);
			if (isResponse(user)) return user;
			this.users = this.users.filter((entry) => entry !== user);
			return ok();
		});

		this.api('dissociate', (request) => {
			const user = this.addressedUser(request);
			if (isResponse(user)) return user;
			const target = request.query.get('target_provider');
			if (!target) return failed(5);
			const nowarn = booleanParameter(request, 'nowarn');
			const nomerge = booleanParameter(request, 'nomerge');
			if (nowarn === undefined || nomerge === undefined) return failed(6);
			const providers = target.split(',').map((name) => name.trim());
			if (providers.some((name) => !(LOGIN_PROVIDER_NAMES as readonly string[]).includes(name)))
				return failed(6);
			if (providers.some((name) => !user.providers[name])) return failed(9);
			const remaining = Object.keys(user.providers).filter((name) => !providers.includes(name));
			if (remaining.length === 0 && !nowarn) return failed(10);
			for (const name of providers) delete user.providers[name];
			return ok();
		});

		this.api('merge_user', (request) => {
			const source = this.addressedUser(request, 'source_');
			if (isResponse(source)) return source;
			const destination = this.addressedUser(request, 'dest_');
			if (isResponse(destination)) return destination;
			if (booleanParameter(request, 'nomerge') === undefined) return failed(6);
			if (source === destination) return failed(10);
			const shared = Object.keys(source.providers).some(
				(name) =>
					destination.providers[name] &&
					destination.providers[name][`${name}_id`] === source.providers[name][`${name}_id`],
			);
			if (shared) return failed(3);
			for (const [name, details] of Object.entries(source.providers)) {
				if (!destination.providers[name]) destination.providers[name] = details;
			}
			this.users = this.users.filter((entry) => entry !== source);
			return ok();
		});
	}

	// ── Users arriving, for the trigger tests ──────────────────────────────────────────────

	private arrivedUsers = 0;

	/** `count` new users created now on the simulator's clock; returns their identifiers. */
	addUsers(count: number): string[] {
		const createdAt = this.clock.date().toISOString();
		const identifiers: string[] = [];
		for (let index = 0; index < count; index++) {
			const identifier = hexIdentifier(`arrived-${++this.arrivedUsers}`);
			this.users.push({
				identifier,
				primary_key: null,
				mapped_at: null,
				last_logged_in_at: createdAt,
				last_logged_in_provider: null,
				login_count: 1,
				created_at: createdAt,
				profile_prohibited: false,
				providers: {},
			});
			identifiers.push(identifier);
		}
		return identifiers;
	}
}

function isResponse(value: SocialPlusUser | SimResponse): value is SimResponse {
	return 'status' in value && typeof (value as SimResponse).status === 'number';
}

function validPrimaryKey(value: string) {
	return value.length >= 1 && value.length <= 255 && PRINTABLE_ASCII.test(value);
}

/** Documented booleans are "true"/"false"; absent means false; anything else is invalid. */
function booleanParameter(request: SimRequest, name: string): boolean | undefined {
	const value = request.query.get(name);
	if (value === null || value === 'false') return false;
	if (value === 'true') return true;
	return undefined;
}

function integerParameter(request: SimRequest, name: string, fallback: number): number | undefined {
	const value = request.query.get(name);
	if (value === null) return fallback;
	return /^\d+$/.test(value) ? Number(value) : undefined;
}

function publicUser(user: SocialPlusUser) {
	return {
		identifier: user.identifier,
		primary_key: user.primary_key,
		mapped_at: user.mapped_at,
		last_logged_in_at: user.last_logged_in_at,
		last_logged_in_provider: user.last_logged_in_provider,
		login_count: user.login_count,
		created_at: user.created_at,
		profile_prohibited: user.profile_prohibited,
	};
}
