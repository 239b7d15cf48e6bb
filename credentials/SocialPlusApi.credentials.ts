import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { applyBaseUrl } from '../nodes/shared/credentialAuth';
import { SOCIAL_PLUS_DEFAULT_BASE_URL } from '../nodes/SocialPlus/transport';

export class SocialPlusApi implements ICredentialType {
	name = 'socialPlusApi';

	displayName = 'Social PLUS API';

	icon: Icon = { light: 'file:../nodes/SocialPlus/socialPlus.svg', dark: 'file:../nodes/SocialPlus/socialPlus.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-jp-connect/n8n-nodes-jp-connect#social-plus';

	httpRequestNode = {
		name: 'Social PLUS',
		docsUrl: 'https://docs.socialplus.jp/api-references/getting-started',
		apiBaseUrl: `${SOCIAL_PLUS_DEFAULT_BASE_URL}/api/`,
	};

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'From Social Login Manager → your service → Settings → API Key. It is sent as the "key" query parameter and must stay on the server.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: SOCIAL_PLUS_DEFAULT_BASE_URL,
			description: 'Change only to reach a test server',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		applyBaseUrl(requestOptions, credentials.baseUrl || SOCIAL_PLUS_DEFAULT_BASE_URL);
		requestOptions.qs = { ...(requestOptions.qs ?? {}), key: credentials.apiKey };
		return requestOptions;
	}

	// A cheap read (one user ID). Social PLUS answers 401 code 1 for an unknown key, and 403 code 12
	// for a key without the privilege; n8n shows the matching rule's message.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/api/users',
			qs: { limit: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'Social PLUS: Invalid API key or key not found. [code 1] (HTTP 401) Check the API key.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'Social PLUS: Privilege not granted. [code 12] (HTTP 403) This API key may not list users.',
				},
			},
		],
	};
}
