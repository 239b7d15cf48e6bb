import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { loginToRoller, ROLLER_DEFAULT_BASE_URL } from '../nodes/Roller/transport';
import {
	applyBaseUrl,
	credentialIdentity,
	isTokenDue,
	renewOnce,
	TokenRenewalDue,
} from '../nodes/shared/credentialAuth';

export class RollerApi implements ICredentialType {
	name = 'rollerApi';

	displayName = 'ROLLER API';

	icon: Icon = { light: 'file:../nodes/Roller/roller.svg', dark: 'file:../nodes/Roller/roller.dark.svg' };

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
				'How long each login token should live. 0 uses ROLLER\'s default. The credential logs in again by itself when the token ends.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: ROLLER_DEFAULT_BASE_URL,
			description: 'Change only to reach a test server',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const identity = credentialIdentity('roller', credentials.baseUrl, credentials.userName, credentials.password);
		return await renewOnce(identity, credentials.sessionToken, async () => {
			const login = await loginToRoller(this.helpers, credentials);
			return { sessionToken: login.token, sessionExpiresAt: login.tokenExpiresAt };
		});
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		if (isTokenDue(credentials.sessionToken, credentials.sessionExpiresAt)) {
			throw new TokenRenewalDue('ROLLER');
		}
		applyBaseUrl(requestOptions, credentials.baseUrl);
		requestOptions.headers = {
			...(requestOptions.headers ?? {}),
			Authorization: `Bearer ${credentials.sessionToken}`,
		};
		return requestOptions;
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/account/me',
		},
	};
}
