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

export class WagriApi implements ICredentialType {
	name = 'wagriApi';

	displayName = 'WAGRI API';

	icon: Icon = { light: 'file:../nodes/Wagri/wagri.svg', dark: 'file:../nodes/Wagri/wagri.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-jp-connect/n8n-nodes-jp-connect#wagri-and-maff-app';

	httpRequestNode = {
		name: 'WAGRI',
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
		...wagriClientProperties,
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const identity = credentialIdentity(
			'wagri',
			credentials.tokenUrl,
			credentials.tokenContentType,
			credentials.clientId,
			credentials.clientSecret,
		);
		return await renewOnce(identity, credentials.accessToken, async () => {
			const token = await fetchWagriToken(this.helpers, credentials);
			return { accessToken: token.access_token, accessExpiresAt: token.expiresAt };
		});
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		if (isTokenDue(credentials.accessToken, credentials.accessExpiresAt)) {
			throw new TokenRenewalDue('WAGRI');
		}
		applyBaseUrl(requestOptions, credentials.baseUrl);
		requestOptions.headers = {
			...(requestOptions.headers ?? {}),
			'X-Authorization': String(credentials.accessToken),
		};
		return requestOptions;
	}

	// WAGRI documents no read-only endpoint every client may call, so the Test button asks the
	// token URL once more (the token from preAuthentication already proved the client ID/secret).
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: '={{$credentials.tokenUrl}}',
			headers: { 'Content-Type': '={{$credentials.tokenContentType}}' },
			body: {
				grant_type: 'client_credentials',
				client_id: '={{$credentials.clientId}}',
				client_secret: '={{$credentials.clientSecret}}',
			},
		},
	};
}
