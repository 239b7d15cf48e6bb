import {
	sleep,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type IN8nHttpFullResponse,
} from 'n8n-workflow';

import {
	applyBaseUrl,
	credentialIdentity,
	isTokenDue,
	localExpiry,
	renewOnce,
	sendLoginRequest,
	TokenRenewalDue,
} from '../../shared/credentialAuth';
import { describeHttpFailure, ProviderLoginError, providerApiError, type ProviderErrorDetails } from '../../shared/errors';
import { providerErrorFrom, type ProviderProfile } from '../../shared/request';

export const NE_CREDENTIAL = 'nextEngineApi';
export const NE_DEFAULT_BASE_URL = 'https://api.next-engine.org';
export const NE_PROVIDER = 'Next Engine';
/** Codes for "the request's tokens are invalid" (no tokens in the answer). */
export const NE_DEAD_PAIR_CODES = ['002002', '002004'];
export const NE_OVERLOAD_CODE = '003002';
/** How often a 003002 (overloaded) answer is retried unless the node's options say otherwise. */
export const DEFAULT_OVERLOAD_RETRIES = 3;
/** The wait before the first overload retry, doubled on every further retry. */
export const DEFAULT_OVERLOAD_RETRY_DELAY_MS = 2000;

/** The test request carries this header: the Test button must never rotate (and lose) the pair. */
export const NE_CREDENTIAL_TEST_HEADER = 'X-Jp-Connect-Pair-Check';

/**
 * Key of a pending new pair handed to the helper in `credentialsDecrypted`: preAuthentication
 * returns it (n8n persists it) and authenticate then stops the request. Never persisted itself.
 */
export const NE_PENDING_PAIR_KEY = 'jpConnectPendingPair';

/** Marks credential data whose pair came from an input item: never renewed into, or stored in, the credential. */
export const NE_ITEM_PAIR_KEY = 'jpConnectItemPair';

/** After a renewal check, do not force another one for this long (the server's clock decides). */
const RECHECK_AFTER_MS = 2 * 60_000;

export const NE_RELOGIN_HINT =
	'This Next Engine token pair can no longer be used (the refresh token ended or the pair was replaced by a new login). ' +
	"Log in again: run your first-login workflow (Webhook node whose URL is the app's Redirect URI → Next Engine \"Exchange Login\"), " +
	'open https://base.next-engine.org/users/sign_in/?client_id=<your client ID>&redirect_uri=<that webhook URL> in a browser, ' +
	'then copy the new access token and refresh token into this credential.';

const FIRST_LOGIN_HINT =
	'The credential has no access token or refresh token yet. Get the first pair with the first-login workflow ' +
	'(Webhook → Next Engine "Exchange Login") and copy both tokens into the credential.';

/** The pair as kept in the credential; end dates on this machine's clock (see localExpiry). */
export interface StoredPair {
	accessToken: string;
	refreshToken: string;
	accessTokenExpiresAt: string;
	refreshTokenExpiresAt: string;
}

/** Next Engine end dates are `YYYY-MM-DD HH:MM:SS` in Japan time. */
export function parseNextEngineDate(value: unknown): number {
	const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(String(value ?? '').trim());
	if (!match) return Number.NaN;
	return Date.parse(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}+09:00`);
}

function nonEmpty(value: unknown): value is string {
	return typeof value === 'string' && value.length > 0;
}

function toLocal(endDate: unknown, dateHeader: unknown): string {
	const end = parseNextEngineDate(endDate);
	return Number.isNaN(end) ? '' : localExpiry(end, dateHeader);
}

/** The pair an answer carries, only when it carries both tokens (never a half or empty pair). */
export function pairFromAnswer(answer: unknown, headers: IDataObject | undefined): StoredPair | undefined {
	if (!answer || typeof answer !== 'object') return undefined;
	const body = answer as IDataObject;
	if (!nonEmpty(body.access_token) || !nonEmpty(body.refresh_token)) return undefined;
	return {
		accessToken: body.access_token,
		refreshToken: body.refresh_token,
		accessTokenExpiresAt: toLocal(body.access_token_end_date, headers?.date),
		refreshTokenExpiresAt: toLocal(body.refresh_token_end_date, headers?.date),
	};
}

export const NE_TOKEN_KEYS = ['access_token', 'refresh_token', 'access_token_end_date', 'refresh_token_end_date'];

/** An answer without its tokens, `count` as a number. */
export function withoutTokens(answer: IDataObject): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(answer)) {
		if (NE_TOKEN_KEYS.includes(key)) continue;
		result[key] = key === 'count' && value !== '' && !Number.isNaN(Number(value)) ? Number(value) : value;
	}
	return result;
}

/** `result: error` / `redirect` inside an HTTP 200 answer, in Next Engine's own words. */
export function nextEngineErrorIn(body: unknown): Omit<ProviderErrorDetails, 'provider'> | undefined {
	if (!body || typeof body !== 'object') return undefined;
	const answer = body as IDataObject;
	const message = typeof answer.message === 'string' ? answer.message : JSON.stringify(answer.message ?? '');
	if (answer.result === 'redirect') {
		return {
			message: `Next Engine asks for a new login (result "redirect")${message ? `: ${message}` : ''}`,
			hint: NE_RELOGIN_HINT,
		};
	}
	if (answer.result !== 'error') return undefined;
	const code = answer.code === undefined ? undefined : String(answer.code);
	let hint: string | undefined;
	if (code && NE_DEAD_PAIR_CODES.includes(code)) hint = NE_RELOGIN_HINT;
	else if (code === NE_OVERLOAD_CODE) {
		hint = 'Next Engine is overloaded. Raise "Overload Retries" or turn on "Wait for Server (wait_flag)" in the node options.';
	} else if (code === '003001') hint = 'Next Engine could not be reached even after waiting. Try again later.';
	return { code, message: message || 'Next Engine answered result "error"', hint };
}

export const NEXT_ENGINE: ProviderProfile = {
	name: NE_PROVIDER,
	readError: (status, body) => {
		const inBody = nextEngineErrorIn(body);
		if (inBody) return inBody;
		return { message: `the API answered HTTP ${status}` };
	},
	errorInSuccessfulAnswer: (body) => nextEngineErrorIn(body),
};

function readLoginError(status: number | undefined, body: unknown) {
	return nextEngineErrorIn(body) ?? { message: `the API answered HTTP ${status ?? '?'}` };
}

/** The credential's `authenticate`: both tokens into the form body of a POST. */
export async function authenticateNextEngine(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	if (credentials[NE_PENDING_PAIR_KEY]) {
		// The persist-only pass: preAuthentication has (or has not) stored the pending pair.
		throw credentials.pairStoredAt ? new PairPersisted() : new PairNotPersisted();
	}
	const accessToken = String(credentials.accessToken ?? '');
	const refreshToken = String(credentials.refreshToken ?? '');
	if (!accessToken || !refreshToken) {
		throw new ProviderLoginError({ provider: NE_PROVIDER, message: 'no token pair in the credential', hint: FIRST_LOGIN_HINT });
	}
	const checkedAt = Date.parse(String(credentials.pairStoredAt ?? ''));
	const checkedRecently = !Number.isNaN(checkedAt) && Date.now() - checkedAt < RECHECK_AFTER_MS;
	if (isTokenDue(accessToken, credentials.accessTokenExpiresAt) && !checkedRecently) {
		throw new TokenRenewalDue(NE_PROVIDER);
	}
	applyBaseUrl(requestOptions, credentials.baseUrl || NE_DEFAULT_BASE_URL);
	const headers = { ...(requestOptions.headers ?? {}) } as IDataObject;
	const pairCheck = Object.keys(headers).some((key) => key.toLowerCase() === NE_CREDENTIAL_TEST_HEADER.toLowerCase());
	// n8n's HTTP Request node sends form fields as the legacy `form` option
	const legacy = requestOptions as IHttpRequestOptions & { form?: unknown };
	const form = toForm(requestOptions.body);
	for (const [key, value] of toForm(legacy.form)) if (!form.has(key)) form.set(key, value);
	delete legacy.form;
	form.set('access_token', accessToken);
	// The Test button sends no refresh token: Next Engine then cannot rotate the pair, so a
	// test never hands out a new pair that nobody would store.
	if (pairCheck) form.delete('refresh_token');
	else form.set('refresh_token', refreshToken);
	for (const key of Object.keys(headers)) if (key.toLowerCase() === 'content-type') delete headers[key];
	requestOptions.headers = { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' };
	requestOptions.method = 'POST';
	// a string: n8n's legacy request path (HTTP Request node) drops a URLSearchParams body
	requestOptions.body = form.toString();
	return requestOptions;
}

function toForm(body: unknown): URLSearchParams {
	if (body instanceof URLSearchParams) return new URLSearchParams(body);
	if (typeof body === 'string') return new URLSearchParams(body);
	const form = new URLSearchParams();
	if (body && typeof body === 'object') {
		for (const [key, value] of Object.entries(body as IDataObject)) {
			if (value === undefined || value === null) continue;
			form.set(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
		}
	}
	return form;
}

const PAIR_PERSISTED_MESSAGE = 'Next Engine: the renewed token pair was stored';

/** Stops the persist-only pass after n8n has stored the pending pair: not a failure. */
export class PairPersisted extends Error {
	readonly jpConnectPairPersisted = true;

	constructor() {
		super(PAIR_PERSISTED_MESSAGE);
		this.name = 'PairPersisted';
	}
}

export class PairNotPersisted extends Error {
	readonly jpConnectPairNotPersisted = true;

	constructor() {
		super('Next Engine: the renewed token pair could not be stored in the credential');
		this.name = 'PairNotPersisted';
	}
}

/**
 * The credential's `preAuthentication`. Either returns a pending pair handed over by the node
 * (no call), or checks the stored pair with one cheap call; Next Engine rotates it on that
 * call when the access token has expired, and n8n persists what is returned.
 */
export async function renewNextEngine(
	helpers: IHttpRequestHelper['helpers'],
	credentials: ICredentialDataDecryptedObject,
): Promise<IDataObject> {
	// A pair from an input item belongs to the app maker's store, not to this credential: return
	// no expirable key, so n8n stores nothing.
	if (credentials[NE_ITEM_PAIR_KEY]) return {};
	const pending = credentials[NE_PENDING_PAIR_KEY] as unknown as StoredPair | undefined;
	if (pending && nonEmpty(pending.accessToken) && nonEmpty(pending.refreshToken)) {
		return { ...pairOutput(pending), pairStoredAt: new Date().toISOString() };
	}
	const accessToken = String(credentials.accessToken ?? '');
	const refreshToken = String(credentials.refreshToken ?? '');
	if (!accessToken || !refreshToken) {
		throw new ProviderLoginError({ provider: NE_PROVIDER, message: 'no token pair in the credential', hint: FIRST_LOGIN_HINT });
	}
	// Executions (and parallel items) in this process that hold the same stale pair share one
	// check: a second check with the same pair would find it already rotated away (002004).
	return await renewOnce(credentialIdentity(NE_PROVIDER, credentials.baseUrl, credentials.clientId, refreshToken), accessToken, async () =>
		await checkPair(helpers, credentials, accessToken, refreshToken),
	);
}

async function checkPair(
	helpers: IHttpRequestHelper['helpers'],
	credentials: ICredentialDataDecryptedObject,
	accessToken: string,
	refreshToken: string,
): Promise<IDataObject> {
	const { body, headers } = await sendLoginRequest(
		helpers,
		NE_PROVIDER,
		{
			method: 'POST',
			baseURL: String(credentials.baseUrl || NE_DEFAULT_BASE_URL).replace(/\/+$/, ''),
			url: '/api_v1_login_user/info',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			body: new URLSearchParams({ access_token: accessToken, refresh_token: refreshToken }),
		},
		readLoginError,
	);
	const inBody = nextEngineErrorIn(body);
	if (inBody) throw new ProviderLoginError({ provider: NE_PROVIDER, ...inBody });
	const pair = pairFromAnswer(body, headers) ?? {
		accessToken,
		refreshToken,
		accessTokenExpiresAt: String(credentials.accessTokenExpiresAt ?? ''),
		refreshTokenExpiresAt: String(credentials.refreshTokenExpiresAt ?? ''),
	};
	return { ...pairOutput(pair), pairStoredAt: new Date().toISOString() };
}

function pairOutput(pair: StoredPair): IDataObject {
	return {
		accessToken: pair.accessToken,
		refreshToken: pair.refreshToken,
		accessTokenExpiresAt: pair.accessTokenExpiresAt,
		refreshTokenExpiresAt: pair.refreshTokenExpiresAt,
	};
}

/** n8n 1.x wraps the error in a NodeApiError without its cause: then only the message is left. */
function findInChain(error: unknown, key: string, message: string): boolean {
	const seen = new Set<unknown>();
	let current: any = error;
	while (current && typeof current === 'object' && !seen.has(current)) {
		if (current[key] || current.message === message) return true;
		seen.add(current);
		current = current.cause;
	}
	return false;
}

type NodeContext = Pick<IExecuteFunctions, 'getNode' | 'helpers' | 'getCredentials'>;

/**
 * Hands a pair that came back in an ordinary answer to n8n for storing: the helper runs
 * preAuthentication on data whose expirable field is empty; it returns the pending pair, n8n
 * merges it into the stored credential, and authenticate stops the request. No API call.
 */
export async function storePair(this: NodeContext, credentials: IDataObject, pair: StoredPair, itemIndex: number) {
	let failure: unknown;
	try {
		await this.helpers.httpRequestWithAuthentication.call(
			this as never,
			NE_CREDENTIAL,
			{ method: 'POST', url: '/api_v1_login_user/info' },
			{
				credentialsDecrypted: {
					id: '',
					name: NE_CREDENTIAL,
					type: NE_CREDENTIAL,
					data: { ...credentials, pairStoredAt: '', [NE_PENDING_PAIR_KEY]: pair as unknown as IDataObject },
				},
			},
		);
	} catch (error) {
		if (findInChain(error, 'jpConnectPairPersisted', PAIR_PERSISTED_MESSAGE)) {
			Object.assign(credentials, pairOutput(pair));
			return;
		}
		failure = error;
	}
	throw providerApiError(
		this.getNode(),
		{
			provider: NE_PROVIDER,
			message: 'Next Engine renewed the token pair, but n8n did not store it in the credential',
			hint:
				'Make sure the credential\'s Access Token and Refresh Token fields hold plain values (not expressions). ' +
				(failure instanceof Error ? failure.message : ''),
		},
		itemIndex,
	);
}

/** The stored pair, once it differs from the one that was refused (another execution renewed it). */
async function newerStoredPair(this: NodeContext, refused: IDataObject, itemIndex: number) {
	for (let attempt = 0; attempt < 5; attempt++) {
		const stored = await this.getCredentials(NE_CREDENTIAL, itemIndex);
		if (nonEmpty(stored.accessToken) && stored.accessToken !== refused.accessToken) return stored;
		await sleep(200);
	}
	return undefined;
}

/**
 * A token pair that came with an input item (app makers with one pair per company). Updated in
 * place after every call, so the next page uses the newest pair and the output can carry it.
 */
export interface ItemPair {
	accessToken: string;
	refreshToken: string;
	accessTokenEndDate: string;
	refreshTokenEndDate: string;
	rotated: boolean;
}

export interface NextEngineCallOptions {
	/** Use this pair (from the input item) instead of the credential's. */
	itemPair?: ItemPair;
	/** `wait_flag=1`: Next Engine waits on overload instead of answering 003002. */
	waitFlag?: boolean;
	/** How often to retry a 003002 overload answer. */
	overloadRetries?: number;
	/** First retry delay; doubled on each retry. */
	overloadRetryDelayMs?: number;
}

function isDeadPairCode(code: unknown) {
	return code !== undefined && NE_DEAD_PAIR_CODES.includes(String(code));
}

/**
 * One Next Engine call with the credential's pair: the pair that comes back is stored when it
 * is new; a pair refused because another execution rotated it first is replaced by the stored
 * one and the call retried once. Answers with result error/redirect are returned as they are.
 */
async function callWithStoredPair(
	this: NodeContext,
	path: string,
	form: IDataObject,
	itemIndex: number,
): Promise<IDataObject> {
	let credentials = await this.getCredentials(NE_CREDENTIAL, itemIndex);
	for (let raceRetry = 0; ; raceRetry++) {
		const sent: IDataObject = { ...credentials };
		let response: IN8nHttpFullResponse | undefined;
		let failure: unknown;
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(
				this as never,
				NE_CREDENTIAL,
				{
					method: 'POST',
					url: path,
					body: { ...form },
					headers: { Accept: 'application/json' },
					json: true,
					returnFullResponse: true,
				},
				{ credentialsDecrypted: { id: '', name: NE_CREDENTIAL, type: NE_CREDENTIAL, data: sent as ICredentialDataDecryptedObject } },
			)) as IN8nHttpFullResponse;
		} catch (error) {
			failure = error;
		}
		if (failure !== undefined) {
			const login = describeHttpFailure(failure).login;
			if (login && isDeadPairCode(login.code) && raceRetry === 0) {
				const stored = await newerStoredPair.call(this, sent, itemIndex);
				if (stored) {
					credentials = stored;
					continue;
				}
			}
			throw nextEngineFailure(this, failure, itemIndex);
		}
		const answer = (typeof response!.body === 'string' ? JSON.parse(response!.body) : response!.body) as IDataObject;
		const pair = pairFromAnswer(answer, response!.headers as IDataObject);
		if (pair && (pair.accessToken !== sent.accessToken || pair.refreshToken !== sent.refreshToken || !sent.accessTokenExpiresAt)) {
			await storePair.call(this, sent, pair, itemIndex);
		}
		if (answer?.result === 'error' && isDeadPairCode(answer.code) && raceRetry === 0) {
			const stored = await newerStoredPair.call(this, sent, itemIndex);
			if (stored) {
				credentials = stored;
				continue;
			}
		}
		return answer;
	}
}

/** One call with a pair from an input item; the pair Next Engine answers replaces it in place. */
async function callWithItemPair(
	this: NodeContext,
	path: string,
	form: IDataObject,
	itemIndex: number,
	itemPair: ItemPair,
): Promise<IDataObject> {
	const credentials = await this.getCredentials(NE_CREDENTIAL, itemIndex);
	const data: ICredentialDataDecryptedObject = {
		...credentials,
		accessToken: itemPair.accessToken,
		refreshToken: itemPair.refreshToken,
		accessTokenExpiresAt: '',
		refreshTokenExpiresAt: '',
		pairStoredAt: 'input item',
		[NE_ITEM_PAIR_KEY]: true,
	};
	let response: IN8nHttpFullResponse | undefined;
	let failure: unknown;
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(
			this as never,
			NE_CREDENTIAL,
			{ method: 'POST', url: path, body: { ...form }, headers: { Accept: 'application/json' }, json: true, returnFullResponse: true },
			{ credentialsDecrypted: { id: '', name: NE_CREDENTIAL, type: NE_CREDENTIAL, data } },
		)) as IN8nHttpFullResponse;
	} catch (error) {
		failure = error;
	}
	if (failure !== undefined) {
		const error = nextEngineFailure(this, failure, itemIndex, itemPair);
		attachItemPair(error, itemPair);
		throw error;
	}
	const answer = (typeof response!.body === 'string' ? JSON.parse(response!.body) : response!.body) as IDataObject;
	if (answer && nonEmpty(answer.access_token) && nonEmpty(answer.refresh_token)) {
		if (answer.access_token !== itemPair.accessToken || answer.refresh_token !== itemPair.refreshToken) itemPair.rotated = true;
		itemPair.accessToken = answer.access_token;
		itemPair.refreshToken = answer.refresh_token;
		if (nonEmpty(answer.access_token_end_date)) itemPair.accessTokenEndDate = answer.access_token_end_date;
		if (nonEmpty(answer.refresh_token_end_date)) itemPair.refreshTokenEndDate = answer.refresh_token_end_date;
	}
	return answer;
}

/** The fields every output item carries when the pair came from the input item. */
export function itemPairOutput(itemPair: ItemPair): IDataObject {
	return {
		access_token: itemPair.accessToken,
		refresh_token: itemPair.refreshToken,
		access_token_end_date: itemPair.accessTokenEndDate,
		refresh_token_end_date: itemPair.refreshTokenEndDate,
		tokens_rotated: itemPair.rotated,
	};
}

function itemLabel(itemPair: ItemPair | undefined, itemIndex: number) {
	return itemPair ? ` (token pair of input item ${itemIndex})` : '';
}

/** A failure of the helper (incl. a renewal refused by Next Engine) as a Next Engine error. */
export function nextEngineFailure(
	context: Pick<IExecuteFunctions, 'getNode'>,
	error: unknown,
	itemIndex: number,
	itemPair?: ItemPair,
) {
	const login = describeHttpFailure(error).login;
	if (login && (isDeadPairCode(login.code) || login.hint === NE_RELOGIN_HINT)) {
		return providerApiError(
			context.getNode(),
			{ ...login, message: `the token pair was refused${itemLabel(itemPair, itemIndex)}: ${login.message}`, hint: NE_RELOGIN_HINT },
			itemIndex,
		);
	}
	if (login && !login.code && login.hint) {
		return providerApiError(context.getNode(), login, itemIndex);
	}
	return providerErrorFrom(context, NEXT_ENGINE, error, itemIndex);
}

/**
 * The one way the node calls Next Engine's token APIs: wait_flag, 003002 retry with backoff,
 * result error/redirect turned into errors with Next Engine's code and message.
 */
export async function nextEngineApiRequest(
	this: NodeContext,
	path: string,
	form: IDataObject,
	itemIndex: number,
	options: NextEngineCallOptions = {},
): Promise<IDataObject> {
	const body: IDataObject = { ...form };
	if (options.waitFlag) body.wait_flag = '1';
	const retries = options.overloadRetries ?? DEFAULT_OVERLOAD_RETRIES;
	const delay = options.overloadRetryDelayMs ?? DEFAULT_OVERLOAD_RETRY_DELAY_MS;
	for (let attempt = 0; ; attempt++) {
		const answer = options.itemPair
			? await callWithItemPair.call(this, path, body, itemIndex, options.itemPair)
			: await callWithStoredPair.call(this, path, body, itemIndex);
		if (answer?.result === 'error' && String(answer.code) === NE_OVERLOAD_CODE && attempt < retries) {
			await sleep(delay * 2 ** attempt);
			continue;
		}
		const inBody = nextEngineErrorIn(answer);
		if (inBody) {
			const message = `${inBody.message}${itemLabel(options.itemPair, itemIndex)}`;
			const error = providerApiError(this.getNode(), { provider: NE_PROVIDER, ...inBody, message }, itemIndex);
			if (options.itemPair) attachItemPair(error, options.itemPair);
			throw error;
		}
		return answer;
	}
}

/**
 * An error item (continueOnFail) must still carry the item's pair: Next Engine may have rotated
 * it on an earlier page or inside the error answer itself. The per-item runner copies these
 * fields into the error item.
 */
function attachItemPair(error: object, itemPair: ItemPair) {
	Object.defineProperty(error, 'jpConnectItemFields', { value: itemPairOutput(itemPair), enumerable: false });
}

/** POST /api_neauth: uid + state from the Redirect URI → the first token pair and who logged in. */
export async function exchangeLogin(
	this: Pick<IExecuteFunctions, 'getNode' | 'helpers'>,
	input: { uid: string; state: string; clientId: string; clientSecret: string; baseUrl: string; path: string },
	itemIndex: number,
): Promise<IDataObject> {
	let failure: unknown;
	let answer: IDataObject | undefined;
	try {
		answer = (await this.helpers.httpRequest({
			method: 'POST',
			baseURL: input.baseUrl.replace(/\/+$/, ''),
			url: input.path,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			body: new URLSearchParams({
				uid: input.uid,
				state: input.state,
				client_id: input.clientId,
				client_secret: input.clientSecret,
			}),
			json: true,
		})) as IDataObject;
	} catch (error) {
		failure = error;
	}
	if (failure !== undefined) throw providerErrorFrom(this, NEXT_ENGINE, failure, itemIndex);
	if (typeof answer === 'string') answer = JSON.parse(answer) as IDataObject;
	const inBody = nextEngineErrorIn(answer);
	if (inBody) {
		throw providerApiError(
			this.getNode(),
			{
				provider: NE_PROVIDER,
				...inBody,
				hint:
					answer?.result === 'redirect'
						? 'The uid/state are older than 5 minutes or were already used: log in to Next Engine again from the browser.'
						: 'Check the client ID and secret (Next Engine → Create Apps → your app → API tab) and that uid and state come straight from the Redirect URI (valid 5 minutes, once).',
			},
			itemIndex,
		);
	}
	return answer ?? {};
}
