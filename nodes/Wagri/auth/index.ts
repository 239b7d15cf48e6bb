/**
 * WAGRI and MAFF APP authentication, imported by both credentials and the node: the token
 * request and the MAFF APP login (login.ts), the credentials' shared fields (properties.ts) and
 * the token-credential specs below.
 */
import { requestedLifetimeMinutes } from '../../shared/credentialAuth';
import type { TokenCredentialAuth } from '../../shared/tokenCredential';
import {
	fetchWagriToken,
	loginToMaffApp,
	MAFF_APP_BASE_URL,
	maffAuthorization,
	WAGRI_BASE_URL,
} from './login';

export {
	fetchWagriToken,
	loginToMaffApp,
	MAFF_APP_BASE_URL,
	readWagriError,
	WAGRI_BASE_URL,
	type MaffAppLogin,
	type WagriToken,
} from './login';
export {
	maffAppUrlProperties,
	wagriAccessTokenProperties,
	wagriBaseUrlProperty,
	wagriClientProperties,
} from './properties';

export const WAGRI_CREDENTIAL = 'wagriApi';
export const MAFF_APP_CREDENTIAL = 'maffAppApi';

/** How the WAGRI API credential gets, keeps and sends its token. */
export const WAGRI_AUTH: TokenCredentialAuth = {
	provider: 'WAGRI',
	identityFields: ['tokenUrl', 'tokenContentType', 'clientId', 'clientSecret'],
	tokens: [{ token: 'accessToken', expiresAt: 'accessExpiresAt' }],
	defaultBaseUrl: WAGRI_BASE_URL,
	login: async (helpers, credentials) => {
		const token = await fetchWagriToken(helpers, credentials);
		return { accessToken: token.access_token, accessExpiresAt: token.expiresAt };
	},
	headers: (credentials) => ({ 'X-Authorization': String(credentials.accessToken) }),
};

/**
 * How the MAFF APP credential logs in: a WAGRI token, then the MAFF APP login with it. Both are
 * stored and renewed together; a loginhash has no published lifetime, so it ends only when the
 * user sets Login Lifetime (or when MAFF APP refuses it).
 */
export const MAFF_APP_AUTH: TokenCredentialAuth = {
	provider: 'MAFF APP',
	identityFields: [...WAGRI_AUTH.identityFields, 'loginUrl', 'mail', 'password'],
	tokens: [...WAGRI_AUTH.tokens, { token: 'loginToken', expiresAt: 'loginExpiresAt' }],
	defaultBaseUrl: MAFF_APP_BASE_URL,
	login: async (helpers, credentials) => {
		const lifetimeMinutes = requestedLifetimeMinutes(
			'MAFF APP',
			'Login Lifetime (Minutes)',
			credentials.loginLifetimeMinutes,
		);
		const token = await WAGRI_AUTH.login(helpers, credentials);
		const login = await loginToMaffApp(helpers, credentials, String(token.accessToken));
		const loginEnd = new Date(Date.now() + lifetimeMinutes * 60_000);
		return {
			...token,
			loginToken: login.loginhash,
			loginExpiresAt: lifetimeMinutes > 0 ? loginEnd.toISOString() : '',
		};
	},
	headers: (credentials) => ({
		...WAGRI_AUTH.headers(credentials),
		Authorization: maffAuthorization(credentials.loginToken),
	}),
};
