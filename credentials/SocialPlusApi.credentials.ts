import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { authenticateWithApiKey, SOCIAL_PLUS_DEFAULT_BASE_URL } from '../nodes/SocialPlus/auth';

export class SocialPlusApi implements ICredentialType {
	name = 'socialPlusApi';

	displayName = 'Social PLUS API';

	icon: Icon = {
		light: 'file:../nodes/SocialPlus/socialPlus.svg',
		dark: 'file:../nodes/SocialPlus/socialPlus.dark.svg',
	};

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

	authenticate = authenticateWithApiKey;

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
					message:
						'Social PLUS: Invalid API key or key not found. [code 1] (HTTP 401) Check the API key.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'Social PLUS: Privilege not granted. [code 12] (HTTP 403) This API key may not list users.',
				},
			},
		],
	};
}
