import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { ROLLER_AUTH, ROLLER_DEFAULT_BASE_URL } from '../nodes/Roller/auth';
import { tokenCredentialAuth, tokenRenewalProperty } from '../nodes/shared/tokenCredential';

const { preAuthentication, authenticate } = tokenCredentialAuth(ROLLER_AUTH);

export class RollerApi implements ICredentialType {
	name = 'rollerApi';

	displayName = 'ROLLER API';

	icon: Icon = {
		light: 'file:../nodes/Roller/roller.svg',
		dark: 'file:../nodes/Roller/roller.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-jp-connect/n8n-nodes-jp-connect#roller';

	httpRequestNode = {
		name: 'ROLLER',
		docsUrl: 'https://receiptroller.com/',
		apiBaseUrl: ROLLER_DEFAULT_BASE_URL,
	};

	properties: INodeProperties[] = [
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Session Expires At',
			name: 'sessionExpiresAt',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'E-Mail',
			name: 'userName',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			required: true,
			description: 'The e-mail address you log in to ROLLER with',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Session Lifetime (Minutes)',
			name: 'sessionLifetimeMinutes',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				"How long each login token should live: 0 uses ROLLER's default, otherwise at least 5 minutes. The credential logs in again by itself when the token ends.",
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: ROLLER_DEFAULT_BASE_URL,
			description: 'Change only to reach a test server',
		},
		tokenRenewalProperty,
	];

	preAuthentication = preAuthentication;

	authenticate = authenticate;

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/account/me',
		},
	};
}
