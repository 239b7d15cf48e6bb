import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
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

/** After a renewal check, do not force another one for this long (the server's clock decides). */
const RECHECK_AFTER_MS = 2 * 60_000;

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
	// Executions (and parallel items) in this process that hold the same stale pair share one
	// check: a second check with the same pair would find it already rotated away (002004).
	const identity = credentialIdentity(
		NE_PROVIDER,
		credentials.baseUrl,
		credentials.clientId,
		refreshToken,
	);
	return await renewOnce(identity, accessToken, async () => {
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
		if (inBody) throw new ProviderLoginError({ provider: NE_PROVIDER, ...inBody });
		return pairToStore(
			pairFromAnswer(body, headers) ?? {
				accessToken,
				refreshToken,
				accessTokenExpiresAt: String(credentials.accessTokenExpiresAt ?? ''),
				refreshTokenExpiresAt: String(credentials.refreshTokenExpiresAt ?? ''),
			},
		);
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
	const checkedAt = Date.parse(String(credentials.pairStoredAt ?? ''));
	const checkedRecently = !Number.isNaN(checkedAt) && Date.now() - checkedAt < RECHECK_AFTER_MS;
	if (isTokenDue(accessToken, credentials.accessTokenExpiresAt) && !checkedRecently) {
		throw new TokenRenewalDue(NE_PROVIDER);
	}
	applyBaseUrl(requestOptions, credentials.baseUrl || NE_DEFAULT_BASE_URL);
	const headers = { ...(requestOptions.headers ?? {}) } as IDataObject;
	const sameHeader = (key: string, name: string) => key.toLowerCase() === name.toLowerCase();
	const pairCheck = Object.keys(headers).some((key) => sameHeader(key, NE_CREDENTIAL_TEST_HEADER));
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
	for (const key of Object.keys(headers)) if (sameHeader(key, 'content-type')) delete headers[key];
	requestOptions.headers = { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' };
	requestOptions.method = 'POST';
	// a string: n8n's legacy request path (HTTP Request node) drops a URLSearchParams body
	requestOptions.body = form.toString();
	return requestOptions;
}
