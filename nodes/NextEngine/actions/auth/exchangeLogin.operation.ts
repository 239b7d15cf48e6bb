import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { invalidInput, requiredString } from '../../../shared/validation';
import { NE_CREDENTIAL, NE_DEFAULT_BASE_URL } from '../../auth/answers';
import { exchangeFirstLogin, NE_FIRST_LOGIN_PATH } from '../../auth/firstLogin';

const properties: INodeProperties[] = [
	{
		displayName:
			"Start of the first login: a Webhook node whose URL is your app's Redirect URI receives uid and state (valid 5 minutes); this operation exchanges them for the first access token and refresh token. Copy both into the Next Engine credential, or store them per company.",
		name: 'exchangeNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'UID',
		name: 'uid',
		type: 'string',
		default: '={{ $json.query?.uid }}',
		required: true,
		description: 'The uid query parameter Next Engine sent to the Redirect URI',
	},
	{
		displayName: 'State',
		name: 'state',
		type: 'string',
		default: '={{ $json.query?.state }}',
		required: true,
		description: 'The state query parameter Next Engine sent to the Redirect URI',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Client ID',
				name: 'clientId',
				type: 'string',
				default: '',
				description: "Use this client ID instead of the credential's",
			},
			{
				displayName: 'Client Secret',
				name: 'clientSecret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: "Use this client secret instead of the credential's",
			},
			{
				displayName: 'Path',
				name: 'path',
				type: 'string',
				default: NE_FIRST_LOGIN_PATH,
				description: 'The token endpoint (/api_neauth; the SDKs use /api_neauth/)',
			},
		],
	},
];

const displayOptions = { show: { resource: ['auth'], operation: ['exchangeLogin'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const uid = requiredString.call(this, 'uid', 'UID', itemIndex);
	const state = requiredString.call(this, 'state', 'State', itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const credentials = await this.getCredentials(NE_CREDENTIAL, itemIndex);
	const clientId = String(options.clientId || credentials.clientId || '');
	const clientSecret = String(options.clientSecret || credentials.clientSecret || '');
	const missing = 'is empty in the credential and in the options';
	if (!clientId) throw invalidInput(this, 'Client ID', missing, itemIndex);
	if (!clientSecret) throw invalidInput(this, 'Client Secret', missing, itemIndex);
	const login = {
		uid,
		state,
		clientId,
		clientSecret,
		baseUrl: String(credentials.baseUrl || NE_DEFAULT_BASE_URL),
		path: String(options.path || NE_FIRST_LOGIN_PATH),
	};
	return await exchangeFirstLogin.call(this, login, itemIndex);
}
