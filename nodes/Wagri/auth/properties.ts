import type { INodeProperties } from 'n8n-workflow';

import {
	FORM_CONTENT_TYPE,
	JSON_CONTENT_TYPE,
	MAFF_APP_BASE_URL,
	MAFF_APP_LOGIN_URL,
	WAGRI_BASE_URL,
	WAGRI_OLD_TOKEN_URL,
	WAGRI_TOKEN_URL,
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

/**
 * The credential fields both WAGRI credentials share (each adds its own Base URL; the MAFF APP
 * one adds mail, password and the login URL). A credential saved with other values keeps them:
 * n8n fills in a default only for a field the stored credential lacks.
 */
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
			{ name: 'Current (api.wagri2.net/token)', value: WAGRI_TOKEN_URL },
			{ name: 'Old, Ends March 2026 (api.wagri.net/Token)', value: WAGRI_OLD_TOKEN_URL },
		],
		default: WAGRI_TOKEN_URL,
		description:
			"Where the access token is requested: WAGRI's current token URL, or the old one (announced to end at the end of fiscal 2025). Use an expression to type another URL (e.g. a test server).",
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
			'How grant_type, client_id and client_secret are sent to the token URL. WAGRI documents a form body, but the example for its current token URL shows a JSON body: switch to JSON if that URL refuses the form.',
	},
];

/** The WAGRI API credential's base URL: the current host. */
export const wagriBaseUrlProperty: INodeProperties = {
	displayName: 'Base URL',
	name: 'baseUrl',
	type: 'string',
	default: WAGRI_BASE_URL,
	description:
		"Where API paths are sent. Paths on this current host differ from the old host's: take the path from the new URL (新URL) on the API's WAGRI page. An API with no new URL yet is only on the old host https://api.wagri.net (announced to end March 2026): use that as the Base URL for it.",
};

/** The MAFF APP credential's base URL and login URL: WAGRI documents them on the old host only. */
export const maffAppUrlProperties: INodeProperties[] = [
	{
		displayName: 'Base URL',
		name: 'baseUrl',
		type: 'string',
		default: MAFF_APP_BASE_URL,
		description:
			'Where MAFF APP API paths are sent. WAGRI documents MAFF APP on this host only (no new URL on api.wagri2.net yet).',
	},
	{
		displayName: 'MAFF APP Login URL',
		name: 'loginUrl',
		type: 'string',
		default: MAFF_APP_LOGIN_URL,
		description:
			'Where the MAFF APP login is sent: the URL WAGRI documents (no new URL yet). It follows neither the Token URL nor the Base URL.',
	},
];
