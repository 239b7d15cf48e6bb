import type { INodeProperties } from 'n8n-workflow';

import {
	FORM_CONTENT_TYPE,
	JSON_CONTENT_TYPE,
	WAGRI2_TOKEN_URL,
	WAGRI_DEFAULT_BASE_URL,
	WAGRI_DEFAULT_TOKEN_URL,
} from './login';

/** The hidden WAGRI access token and its end date, kept by both credentials. */
export const wagriAccessTokenProperties: INodeProperties[] = [
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
];

/** The credential fields both WAGRI credentials share (the MAFF APP one adds mail and password). */
export const wagriClientProperties: INodeProperties[] = [
	{
		displayName: 'Client ID',
		name: 'clientId',
		type: 'string',
		default: '',
		required: true,
		description: 'The client ID WAGRI issued for your application',
	},
	{
		displayName: 'Client Secret',
		name: 'clientSecret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
	},
	{
		displayName: 'Token URL',
		name: 'tokenUrl',
		type: 'options',
		options: [
			{ name: 'WAGRI (Api.wagri.net/Token)', value: WAGRI_DEFAULT_TOKEN_URL },
			{ name: 'WAGRI2 (Api.wagri2.net/token)', value: WAGRI2_TOKEN_URL },
		],
		default: WAGRI_DEFAULT_TOKEN_URL,
		description:
			'Where the access token is requested. api.wagri.net/Token is announced to end after fiscal 2025; WAGRI2 is its successor. Use an expression to type another URL (e.g. a test server).',
	},
	{
		displayName: 'Token Request Body',
		name: 'tokenContentType',
		type: 'options',
		options: [
			{ name: 'Form (X-Www-Form-Urlencoded)', value: FORM_CONTENT_TYPE },
			{ name: 'JSON', value: JSON_CONTENT_TYPE },
		],
		default: FORM_CONTENT_TYPE,
		description:
			'How grant_type, client_id and client_secret are sent to the token URL. WAGRI documents a form body; switch to JSON only if the WAGRI2 token URL refuses the form.',
	},
	{
		displayName: 'Base URL',
		name: 'baseUrl',
		type: 'string',
		default: WAGRI_DEFAULT_BASE_URL,
		description:
			'Where API paths are sent. Change only to reach a test server or a WAGRI successor host.',
	},
];
