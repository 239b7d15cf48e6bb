import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { NE_DEFAULT_BASE_URL, NE_PAIR_CHECK_PATH } from '../nodes/NextEngine/auth/answers';
import {
	authenticate,
	NE_CREDENTIAL_TEST_HEADER,
	NE_DEFAULT_CHECK_MARGIN_MINUTES,
	preAuthentication,
} from '../nodes/NextEngine/auth/credentialAuth';

export class NextEngineApi implements ICredentialType {
	name = 'nextEngineApi';

	displayName = 'Next Engine API';

	icon: Icon = {
		light: 'file:../nodes/NextEngine/nextEngine.svg',
		dark: 'file:../nodes/NextEngine/nextEngine.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-jp-connect/n8n-nodes-jp-connect#next-engine';

	httpRequestNode = {
		name: 'Next Engine',
		docsUrl: 'https://developer.next-engine.com/api',
		apiBaseUrl: NE_DEFAULT_BASE_URL,
	};

	properties: INodeProperties[] = [
		{
			// n8n runs preAuthentication when this is empty: a new credential gets its pair
			// checked (and its end dates learnt) once.
			displayName: 'Pair Stored At',
			name: 'pairStoredAt',
			type: 'hidden',
			typeOptions: { expirable: true },
			default: '',
		},
		{
			displayName: 'Access Token Expires At',
			name: 'accessTokenExpiresAt',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Refresh Token Expires At',
			name: 'refreshTokenExpiresAt',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'Next Engine → Create Apps → your app → Edit → API tab',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Next Engine → Create Apps → your app → Edit → API tab',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Leave empty: the first-login workflow (Webhook → Next Engine node → Auth → Exchange Login) stores it here. After that the credential keeps the newest token here by itself.',
		},
		{
			displayName: 'Refresh Token',
			name: 'refreshToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Leave empty: Exchange Login stores it here with the access token. Next Engine replaces both tokens about once a day; the credential stores each new pair by itself.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: NE_DEFAULT_BASE_URL,
			description: 'Change only to reach a test server',
		},
		{
			displayName: 'Check Pair Before End (Minutes)',
			name: 'checkMarginMinutes',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: NE_DEFAULT_CHECK_MARGIN_MINUTES,
			description:
				"For n8n's HTTP Request node, which never lets Next Engine replace the pair: this long before the access token ends, the credential checks the pair, so a Next Engine clock running up to this much ahead still finds it renewed by the credential. One extra check per renewal, whatever the value.",
		},
	];

	preAuthentication = preAuthentication;

	authenticate = authenticate;

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: NE_PAIR_CHECK_PATH,
			method: 'POST',
			headers: { [NE_CREDENTIAL_TEST_HEADER]: 'pair' },
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'result',
					value: 'redirect',
					message:
						'Next Engine says the access token has expired. The credential renews it on the next workflow run while the refresh token is valid (3 days after the last renewal); otherwise log in again with the first-login workflow.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'result',
					value: 'error',
					message:
						'Next Engine refused the token pair. Log in again: run your first-login workflow (Webhook → Next Engine "Exchange Login") and sign in to Next Engine; it stores the new pair in this credential, nothing to copy.',
				},
			},
		],
	};
}
