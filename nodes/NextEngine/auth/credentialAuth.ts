import {
	sleep,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
} from 'n8n-workflow';

import {
	applyBaseUrl,
	credentialIdentity,
	isTokenDue,
	renewOnce,
	sendLoginRequest,
	TokenRenewalDue,
} from '../../shared/credentialAuth';
import { ProviderLoginError } from '../../shared/errors';
import {
	NE_DEFAULT_BASE_URL,
	NE_FIRST_LOGIN_HINT,
	NE_PAIR_CHECK_PATH,
	NE_PROVIDER,
	NE_RELOGIN_HINT,
	isDeadPairCode,
	nextEngineErrorIn,
	pairFromAnswer,
	readNextEngineError,
} from './answers';
import {
	NE_ITEM_PAIR_KEY,
	NE_PENDING_PAIR_KEY,
	pairToStore,
	pendingPairIn,
	stopPersistOnlyRequest,
} from './pairStorage';

/** The test request carries this header: the Test button must never rotate (and lose) the pair. */
export const NE_CREDENTIAL_TEST_HEADER = 'X-Jp-Connect-Pair-Check';

/**
 * Marks the credential data of a request sent by the package's own node, which stores every
 * pair an answer carries: only such a request may send the refresh token. n8n's HTTP Request
 * node sends data without it. Never stored.
 */
export const NE_NODE_REQUEST_KEY = 'jpConnectNextEngineNode';

/**
 * A pair check refused outside the package's node (whose own retry reads the stored pair again):
 * most often another n8n process renewed the pair a moment earlier and stored it.
 */
const NE_RACED_CHECK_HINT =
	'If another n8n process (a queue-mode worker) renewed the pair at the same moment, the credential already holds the new pair: run again ' +
	'(in the HTTP Request node, "Retry On Fail" does that at once). If it fails again: ' +
	NE_RELOGIN_HINT;

/** After a renewal check, do not force another one for this long (the server's clock decides). */
const RECHECK_AFTER_MS = 2 * 60_000;

/** Default of the credential's "Check Pair Before End (Minutes)". */
export const NE_DEFAULT_CHECK_MARGIN_MINUTES = 10;

/**
 * Next Engine's end date is known to about a second (dates and Date header in whole seconds):
 * requests this close before it wait, and the check goes out this long after it.
 */
const END_UNCERTAINTY_MS = 2_000;

/** A check's result is never due again at once (n8n authenticates its retry right after it). */
const JUST_CHECKED_MS = 10_000;

function checkMarginMs(credentials: ICredentialDataDecryptedObject) {
	const minutes = Number(credentials.checkMarginMinutes ?? NE_DEFAULT_CHECK_MARGIN_MINUTES);
	return Math.max(1, Number.isFinite(minutes) ? minutes : NE_DEFAULT_CHECK_MARGIN_MINUTES) * 60_000;
}

/**
 * When a request of n8n's HTTP Request node needs a pair check first: undefined when not, else
 * how long to wait before it. That node never sends the refresh token, so Next Engine cannot
 * rotate the pair there (an expired access token is answered `redirect`); checks renew it, and
 * n8n stores their results:
 * 1. once the stored end date is within the margin: if Next Engine's clock has passed it, the
 *    check rotates the pair; if not, the answer's Date header corrects the end date;
 * 2. just after that corrected end date: the check that rotates the pair.
 * One check more per renewal than the one that rotates (more only if Next Engine's clock falls
 * behind ours after step 1).
 */
export function httpRequestNodeCheckWait(
	credentials: ICredentialDataDecryptedObject,
	now = Date.now(),
): number | undefined {
	const end = Date.parse(String(credentials.accessTokenExpiresAt ?? ''));
	const checkedAt = Date.parse(String(credentials.pairStoredAt ?? '')) || 0;
	if (now - checkedAt < JUST_CHECKED_MS) return undefined;
	if (Number.isNaN(end)) return now - checkedAt >= RECHECK_AFTER_MS ? 0 : undefined;
	const margin = checkMarginMs(credentials);
	if (now < end - margin) return undefined;
	const untilAfterEnd = Math.max(0, end + END_UNCERTAINTY_MS - now);
	const nearEnd = now >= end - END_UNCERTAINTY_MS;
	// the end date moves by a second or so from check to check: a check within twice the margin
	// was step 1
	if (checkedAt < end - 2 * margin) return nearEnd ? untilAfterEnd : 0;
	if (!nearEnd) return undefined;
	if (checkedAt < end - END_UNCERTAINTY_MS) return untilAfterEnd;
	// checked after the end and not rotated: Next Engine's clock is behind, ask again later
	return now - checkedAt >= RECHECK_AFTER_MS ? 0 : undefined;
}

/** The package node's rule: due on this machine's clock, unless checked moments ago. */
function isPairCheckDueForNode(credentials: ICredentialDataDecryptedObject, accessToken: string) {
	const checkedAt = Date.parse(String(credentials.pairStoredAt ?? ''));
	const checkedRecently = !Number.isNaN(checkedAt) && Date.now() - checkedAt < RECHECK_AFTER_MS;
	return isTokenDue(accessToken, credentials.accessTokenExpiresAt) && !checkedRecently;
}

function pairIn(credentials: ICredentialDataDecryptedObject) {
	const accessToken = String(credentials.accessToken ?? '');
	const refreshToken = String(credentials.refreshToken ?? '');
	if (!accessToken || !refreshToken) {
		throw new ProviderLoginError({
			provider: NE_PROVIDER,
			message: 'no token pair in the credential',
			hint: NE_FIRST_LOGIN_HINT,
		});
	}
	return { accessToken, refreshToken };
}

/**
 * The credential's `preAuthentication`. Either returns a pending pair handed over by the node
 * (no call, see pairStorage), or checks the stored pair with one cheap call; Next Engine rotates
 * it on that call when the access token has expired, and n8n persists what is returned.
 */
export async function preAuthentication(
	this: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<IDataObject> {
	// A pair from an input item belongs to the app maker's store, not to this credential: return
	// no expirable key, so n8n stores nothing.
	if (credentials[NE_ITEM_PAIR_KEY]) return {};
	const pending = pendingPairIn(credentials);
	if (pending) return pairToStore(pending);
	const { accessToken, refreshToken } = pairIn(credentials);
	// Executions (and parallel items) in this process that hold the same stored data share one
	// check: a second check with the same pair would find it already rotated away (002004).
	const identity = credentialIdentity(
		NE_PROVIDER,
		credentials.baseUrl,
		credentials.clientId,
		refreshToken,
	);
	const heldData = [accessToken, credentials.pairStoredAt, credentials.accessTokenExpiresAt];
	return await renewOnce(identity, heldData.map(String).join(' '), async () => {
		const { body, headers } = await sendLoginRequest(
			this.helpers,
			NE_PROVIDER,
			{
				method: 'POST',
				baseURL: String(credentials.baseUrl || NE_DEFAULT_BASE_URL).replace(/\/+$/, ''),
				url: NE_PAIR_CHECK_PATH,
				headers: {
					'Content-Type': 'application/x-www-form-urlencoded',
					Accept: 'application/json',
				},
				body: new URLSearchParams({ access_token: accessToken, refresh_token: refreshToken }),
			},
			readNextEngineError,
		);
		const inBody = nextEngineErrorIn(body);
		if (inBody) {
			const raced = credentials[NE_NODE_REQUEST_KEY] !== true && isDeadPairCode(inBody.code);
			const hint = raced ? NE_RACED_CHECK_HINT : inBody.hint;
			const refused = new ProviderLoginError({ provider: NE_PROVIDER, ...inBody, hint });
			// n8n's HTTP Request node shows this error as it is: its description is the hint
			if (raced) refused.description = hint;
			throw refused;
		}
		const pair = pairFromAnswer(body, headers);
		if (pair && (pair.accessToken !== accessToken || pair.refreshToken !== refreshToken)) {
			return pairToStore(pair);
		}
		// Not rotated: only the end dates, so that this result, stored late, can never put the
		// pair back over a newer one that another execution stored meanwhile.
		return {
			accessTokenExpiresAt: pair?.accessTokenExpiresAt || credentials.accessTokenExpiresAt || '',
			refreshTokenExpiresAt: pair?.refreshTokenExpiresAt || credentials.refreshTokenExpiresAt || '',
			pairStoredAt: new Date().toISOString(),
		};
	});
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

/** The credential's `authenticate`: both tokens into the form body of a POST. */
export async function authenticate(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	if (credentials[NE_PENDING_PAIR_KEY]) stopPersistOnlyRequest(credentials);
	const { accessToken, refreshToken } = pairIn(credentials);
	const headers = { ...(requestOptions.headers ?? {}) } as IDataObject;
	const sameHeader = (key: string, name: string) => key.toLowerCase() === name.toLowerCase();
	const pairCheck = Object.keys(headers).some((key) => sameHeader(key, NE_CREDENTIAL_TEST_HEADER));
	const fromNode = credentials[NE_NODE_REQUEST_KEY] === true;
	if (fromNode || pairCheck) {
		if (isPairCheckDueForNode(credentials, accessToken)) throw new TokenRenewalDue(NE_PROVIDER);
	} else {
		const wait = httpRequestNodeCheckWait(credentials);
		if (wait !== undefined) {
			if (wait > 0) await sleep(wait);
			throw new TokenRenewalDue(NE_PROVIDER);
		}
	}
	applyBaseUrl(requestOptions, credentials.baseUrl || NE_DEFAULT_BASE_URL);
	// n8n's HTTP Request node sends form fields as the legacy `form` option
	const legacy = requestOptions as IHttpRequestOptions & { form?: unknown };
	const form = toForm(requestOptions.body);
	for (const [key, value] of toForm(legacy.form)) if (!form.has(key)) form.set(key, value);
	delete legacy.form;
	form.set('access_token', accessToken);
	// Only the package's node sends the refresh token: Next Engine then cannot rotate the pair
	// where nobody would store the new one (the Test button, n8n's HTTP Request node).
	if (fromNode && !pairCheck) form.set('refresh_token', refreshToken);
	else form.delete('refresh_token');
	for (const key of Object.keys(headers)) if (sameHeader(key, 'content-type')) delete headers[key];
	requestOptions.headers = { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' };
	requestOptions.method = 'POST';
	// a string: n8n's legacy request path (HTTP Request node) drops a URLSearchParams body
	requestOptions.body = form.toString();
	return requestOptions;
}
