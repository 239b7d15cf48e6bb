import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { providerApiError } from '../../../shared/errors';
import { invalidInput, requiredString } from '../../../shared/validation';
import { NE_CREDENTIAL, NE_DEFAULT_BASE_URL, NE_PROVIDER, withoutTokens } from '../../auth/answers';
import { exchangeFirstLogin, NE_FIRST_LOGIN_PATH } from '../../auth/firstLogin';
import { storeRotatedPair } from '../../auth/pairStorage';

/** The Store Pair In setting of one node version, with that version's default. */
function storePairIn(version: 1 | 2, defaultValue: 'credential' | 'output'): INodeProperties {
	return {
		displayName: 'Store Pair In',
		name: 'pairDestination',
		type: 'options',
		displayOptions: { show: { '@version': version === 1 ? [1] : [{ _cnd: { gte: 2 } }] } },
		options: [
			{
				name: "This Node's Credential",
				value: 'credential',
				description:
					'Store the new pair in the Next Engine credential selected above (it then renews it by itself). The output says which company is connected and holds no tokens.',
			},
			{
				name: 'Output Only',
				value: 'output',
				description:
					'Output the new pair, tokens included, to store it yourself (app makers: one pair per company, e.g. in a Data Table). The credential is not changed.',
			},
		],
		default: defaultValue,
	};
}

const properties: INodeProperties[] = [
	{
		displayName:
			"The first login (and every new login): a Webhook node whose URL is your app's Redirect URI receives uid and state (valid 5 minutes); this operation exchanges them for a new token pair and, by default, stores it in the credential selected above. Nothing to copy.",
		name: 'exchangeNotice',
		type: 'notice',
		default: '',
	},
	// version 1 output the pair (tokens included): saved workflows keep doing so
	storePairIn(2, 'credential'),
	storePairIn(1, 'output'),
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
	const { answer, pair } = await exchangeFirstLogin.call(this, login, itemIndex);
	if (this.getNodeParameter('pairDestination', itemIndex, 'credential') === 'output') return answer;
	if (!pair) {
		const message = 'the login answer holds no token pair, so nothing was stored';
		throw providerApiError(this.getNode(), { provider: NE_PROVIDER, message }, itemIndex);
	}
	await storeRotatedPair.call(this, { ...credentials }, pair, itemIndex);
	return connectedOutput(answer);
}

/** What a stored first login outputs: who is connected and when the pair ends; no tokens. */
function connectedOutput(answer: IDataObject): IDataObject {
	const { result: _result, ...about } = withoutTokens(answer);
	const company = String(answer.company_name ?? '');
	return {
		connected: true,
		stored_in_credential: true,
		message: `Next Engine is connected to ${company}`,
		...about,
		access_token_end_jst: answer.access_token_end_date ?? '',
		refresh_token_end_jst: answer.refresh_token_end_date ?? '',
	};
}
