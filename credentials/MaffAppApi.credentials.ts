import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import {
	MAFF_APP_AUTH,
	MAFF_APP_BASE_URL,
	maffAppUrlProperties,
	wagriAccessTokenProperties,
	wagriClientProperties,
} from '../nodes/Wagri/auth';
import { tokenCredentialAuth, tokenRenewalProperty } from '../nodes/shared/tokenCredential';

const { preAuthentication, authenticate } = tokenCredentialAuth(MAFF_APP_AUTH);

export class MaffAppApi implements ICredentialType {
	name = 'maffAppApi';

	displayName = 'MAFF APP (via WAGRI) API';

	icon: Icon = {
		light: 'file:../nodes/Wagri/wagri.svg',
		dark: 'file:../nodes/Wagri/wagri.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-jp-connect/n8n-nodes-jp-connect#wagri-and-maff-app';

	httpRequestNode = {
		name: 'MAFF APP (WAGRI)',
		docsUrl: 'https://wagri.naro.go.jp/',
		apiBaseUrl: MAFF_APP_BASE_URL,
	};

	properties: INodeProperties[] = [
		...wagriAccessTokenProperties,
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
		...maffAppUrlProperties,
		{
			displayName: 'Login Lifetime (Minutes)',
			name: 'loginLifetimeMinutes',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				'How long a MAFF APP login (loginhash) is used before logging in again: 0 keeps it until MAFF APP refuses it (its lifetime is not published), otherwise at least 5 minutes. A refused login is renewed by itself.',
		},
		tokenRenewalProperty,
	];

	/** Gets a WAGRI token, then logs in to MAFF APP with it; both are stored together. */
	preAuthentication = preAuthentication;

	authenticate = authenticate;

	// MAFF APP documents only its login: the Test button logs in once more, sending the fresh
	// WAGRI token, which proves both the token and the mail/password.
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: '={{$credentials.loginUrl}}',
			headers: { 'Content-Type': 'application/json' },
			body: { mail: '={{$credentials.mail}}', password: '={{$credentials.password}}' },
		},
	};
}
