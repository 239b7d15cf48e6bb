import type { IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { localExpiry, requestedLifetimeMinutes, sendLoginRequest } from '../shared/credentialAuth';
import { ProviderLoginError } from '../shared/errors';
import type { TokenCredentialAuth } from '../shared/tokenCredential';

export const ROLLER_CREDENTIAL = 'rollerApi';
export const ROLLER_DEFAULT_BASE_URL = 'https://api.receiptroller.com';

export function readRollerError(status: number | undefined, body: unknown) {
	const answer = (body && typeof body === 'object' ? body : {}) as IDataObject;
	const message =
		typeof answer.error === 'string'
			? answer.error
			: typeof body === 'string' && body
				? body.slice(0, 200)
				: `the API answered HTTP ${status ?? '?'}`;
	return { message };
}

export interface RollerLogin {
	token: string;
	/** ROLLER's own end date for the token. */
	expire: string;
	/** The same end date on this machine's clock (see localExpiry). */
	tokenExpiresAt: string;
}

/**
 * POST /account/login with the credential's e-mail and password. Sends `expire` only when the
 * user asked for a token lifetime; ROLLER then applies its default.
 */
export async function loginToRoller(
	helpers: IHttpRequestHelper['helpers'],
	credentials: IDataObject,
): Promise<RollerLogin> {
	const lifetimeMinutes = requestedLifetimeMinutes(
		'ROLLER',
		'Session Lifetime (Minutes)',
		credentials.sessionLifetimeMinutes,
	);
	const body: IDataObject = { userName: credentials.userName, password: credentials.password };
	if (lifetimeMinutes > 0)
		body.expire = new Date(Date.now() + lifetimeMinutes * 60_000).toISOString();
	const { body: answer, headers } = await sendLoginRequest(
		helpers,
		'ROLLER',
		{
			method: 'POST',
			baseURL: String(credentials.baseUrl || ROLLER_DEFAULT_BASE_URL).replace(/\/+$/, ''),
			url: '/account/login',
			headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
			body,
		},
		readRollerError,
	);
	if (typeof answer.token !== 'string' || !answer.token) {
		throw new ProviderLoginError({ provider: 'ROLLER', message: 'the login answer had no token' });
	}
	const expire = typeof answer.expire === 'string' ? answer.expire : '';
	const end = Date.parse(expire);
	return {
		token: answer.token,
		expire,
		tokenExpiresAt: Number.isNaN(end) ? '' : localExpiry(end, headers.date),
	};
}

/** How the ROLLER API credential logs in, keeps and sends its token. */
export const ROLLER_AUTH: TokenCredentialAuth = {
	provider: 'ROLLER',
	identityFields: ['baseUrl', 'userName', 'password'],
	tokens: [{ token: 'sessionToken', expiresAt: 'sessionExpiresAt' }],
	defaultBaseUrl: ROLLER_DEFAULT_BASE_URL,
	login: async (helpers, credentials) => {
		const login = await loginToRoller(helpers, credentials);
		return { sessionToken: login.token, sessionExpiresAt: login.tokenExpiresAt };
	},
	headers: (credentials) => ({ Authorization: `Bearer ${credentials.sessionToken}` }),
};
