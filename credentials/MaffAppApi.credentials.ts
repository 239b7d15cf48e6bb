import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import {
	fetchWagriToken,
	loginToMaffApp,
	MAFF_APP_LOGIN_PATH,
	maffAuthorization,
	WAGRI_DEFAULT_BASE_URL,
	wagriClientProperties,
} from '../nodes/Wagri/transport';
import {
	applyBaseUrl,
	credentialIdentity,
	isTokenDue,
	renewOnce,
	TokenRenewalDue,
} from '../nodes/shared/credentialAuth';

export class MaffAppApi implements ICredentialType {
	name = 'maffAppApi';

	displayName = 'MAFF APP (via WAGRI) API';

	icon: Icon = { light: 'file:../nodes/Wagri/wagri.svg', dark: 'file:../nodes/Wagri/wagri.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-jp-connect/n8n-nodes-jp-connect#wagri-and-maff-app';

	httpRequestNode = {
		name: 'MAFF APP (WAGRI)',
		docsUrl: 'https://wagri.naro.go.jp/',
		apiBaseUrl: WAGRI_DEFAULT_BASE_URL,
	};

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Access Token End',
			name: 'accessExpiresAt',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Login Hash',
			name: 'loginToken',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Login Hash End',
			name: 'loginExpiresAt',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Mail',
			name: 'mail',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			required: true,
			description: 'The mail address registered with the MAFF secretariat',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The password the MAFF secretariat issued',
		},
		...wagriClientProperties,
		{
			displayName: 'Login Lifetime (Minutes)',
			name: 'loginLifetimeMinutes',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				'How long a MAFF APP login (loginhash) is used before logging in again. 0 keeps it until MAFF APP refuses it (its lifetime is not published); a refused login is renewed by itself.',
		},
	];

	/** Gets a WAGRI token, then logs in to MAFF APP with it; both are stored together. */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const identity = credentialIdentity(
			'maffApp',
			credentials.tokenUrl,
			credentials.tokenContentType,
			credentials.clientId,
			credentials.clientSecret,
			credentials.baseUrl,
			credentials.mail,
			credentials.password,
		);
		const stale = `${String(credentials.accessToken ?? '')} ${String(credentials.loginToken ?? '')}`;
		return await renewOnce(identity, stale, async () => {
			const token = await fetchWagriToken(this.helpers, credentials);
			const login = await loginToMaffApp(this.helpers, credentials, token.access_token);
			const lifetimeMinutes = Number(credentials.loginLifetimeMinutes ?? 0);
			return {
				accessToken: token.access_token,
				accessExpiresAt: token.expiresAt,
				loginToken: login.loginhash,
				loginExpiresAt:
					lifetimeMinutes > 0 ? new Date(Date.now() + lifetimeMinutes * 60_000).toISOString() : '',
			};
		});
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		if (
			isTokenDue(credentials.accessToken, credentials.accessExpiresAt) ||
			isTokenDue(credentials.loginToken, credentials.loginExpiresAt)
		) {
			throw new TokenRenewalDue('MAFF APP');
		}
		applyBaseUrl(requestOptions, credentials.baseUrl);
		requestOptions.headers = {
			...(requestOptions.headers ?? {}),
			'X-Authorization': String(credentials.accessToken),
			Authorization: maffAuthorization(credentials.loginToken),
		};
		return requestOptions;
	}

	// MAFF APP documents only its login: the Test button logs in once more, sending the fresh
	// WAGRI token, which proves both the token and the mail/password.
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			baseURL: '={{$credentials.baseUrl}}',
			url: MAFF_APP_LOGIN_PATH,
			headers: { 'Content-Type': 'application/json' },
			body: { mail: '={{$credentials.mail}}', password: '={{$credentials.password}}' },
		},
	};
}
