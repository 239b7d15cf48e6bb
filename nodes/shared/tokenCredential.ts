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
	TokenRenewalDue,
} from './credentialAuth';

/**
 * What a credential that logs in by itself (ROLLER, WAGRI, MAFF APP) tells the shared
 * skeleton. The credential class keeps its literal fields (name, properties, test: n8n's lint
 * reads them) and takes `preAuthentication` / `authenticate` from `tokenCredentialAuth`.
 */
export interface TokenCredentialAuth {
	/** Provider name as users see it in messages, e.g. `ROLLER`. */
	provider: string;
	/** Credential fields that say whose token it is: one login is shared per identity. */
	identityFields: string[];
	/** Hidden fields holding each token and its end date; the first token is n8n's expirable one. */
	tokens: Array<{ token: string; expiresAt: string }>;
	/** Logs in and returns every token field and end-date field to store. */
	login(
		helpers: IHttpRequestHelper['helpers'],
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject>;
	/** The headers that carry the token(s) on each request. */
	headers(credentials: ICredentialDataDecryptedObject): IDataObject;
	/** Base URL when the credential has none. */
	defaultBaseUrl: string;
}

/**
 * The shared `preAuthentication` + `authenticate` of a token credential:
 * - preAuthentication logs in once per stale token (concurrent callers share the login) and
 *   returns the new token(s) for n8n to store;
 * - authenticate refuses to send a request with a token that is due (n8n then runs
 *   preAuthentication and retries) and otherwise puts the base URL and token headers on it.
 */
export function tokenCredentialAuth(auth: TokenCredentialAuth) {
	async function preAuthentication(
		this: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	) {
		const identity = credentialIdentity(
			auth.provider,
			...auth.identityFields.map((field) => credentials[field]),
		);
		const stale = auth.tokens.map(({ token }) => String(credentials[token] ?? '')).join(' ');
		return await renewOnce(
			identity,
			stale,
			async () => await auth.login(this.helpers, credentials),
		);
	}

	async function authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		if (
			auth.tokens.some(({ token, expiresAt }) =>
				isTokenDue(credentials[token], credentials[expiresAt]),
			)
		) {
			throw new TokenRenewalDue(auth.provider);
		}
		applyBaseUrl(requestOptions, credentials.baseUrl || auth.defaultBaseUrl);
		requestOptions.headers = { ...(requestOptions.headers ?? {}), ...auth.headers(credentials) };
		return requestOptions;
	}

	return { preAuthentication, authenticate };
}
