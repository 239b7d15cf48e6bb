import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import {
	WAGRI_AUTH,
	WAGRI_BASE_URL,
	wagriAccessTokenProperties,
	wagriBaseUrlProperty,
	wagriClientProperties,
} from '../nodes/Wagri/auth';
import { tokenCredentialAuth, tokenRenewalProperty } from '../nodes/shared/tokenCredential';

const { preAuthentication, authenticate } = tokenCredentialAuth(WAGRI_AUTH);

export class WagriApi implements ICredentialType {
	name = 'wagriApi';

	displayName = 'WAGRI API';

	icon: Icon = {
		light: 'file:../nodes/Wagri/wagri.svg',
		dark: 'file:../nodes/Wagri/wagri.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-jp-connect/n8n-nodes-jp-connect#wagri-and-maff-app';

	httpRequestNode = {
		name: 'WAGRI',
		docsUrl: 'https://wagri.naro.go.jp/',
		apiBaseUrl: WAGRI_BASE_URL,
	};

	properties: INodeProperties[] = [
		...wagriAccessTokenProperties,
		...wagriClientProperties,
		wagriBaseUrlProperty,
		tokenRenewalProperty,
	];

	preAuthentication = preAuthentication;

	authenticate = authenticate;

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
