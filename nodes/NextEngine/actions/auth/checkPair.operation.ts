import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import {
	formatJapanTime,
	NE_CREDENTIAL,
	NE_PAIR_CHECK_PATH,
	parseNextEngineDate,
} from '../../auth/answers';
import { nextEngineApiRequest } from '../../transport';
import { callOptionsProperty, readCallOptions } from '../common';

/** Next Engine's company info: one more call, only when the Include Company option asks. */
const COMPANY_INFO_PATH = '/api_v1_login_company/info';

const properties: INodeProperties[] = [
	{
		displayName:
			"Keeps the credential's token pair alive and shows when it ends, without outputting tokens. It makes one call with the pair (the cheapest: /api_v1_login_user/info); when the access token is due, Next Engine renews the pair on that call and the credential stores it. Run it on a schedule, e.g. every 12 hours: a pair that is used at least once a day never ends.",
		name: 'checkPairNotice',
		type: 'notice',
		default: '',
	},
	callOptionsProperty([
		{
			displayName: 'Include Company',
			name: 'includeCompany',
			type: 'boolean',
			default: false,
			description:
				'Whether to add the company name and ID; costs one more call (/api_v1_login_company/info)',
		},
	]),
];

const displayOptions = { show: { resource: ['auth'], operation: ['checkPair'] } };

export const description = updateDisplayOptions(displayOptions, properties);

const HOUR_MS = 3600_000;

/** An end date on this machine's clock (stored by the credential), else Next Engine's own. */
function endOf(stored: unknown, answered: unknown) {
	const local = Date.parse(String(stored ?? ''));
	return Number.isNaN(local) ? parseNextEngineDate(answered) : local;
}

function endFields(token: 'access_token' | 'refresh_token', end: number): IDataObject {
	if (Number.isNaN(end)) return { [`${token}_end_jst`]: '', [`${token}_hours_left`]: null };
	const hoursLeft = Math.round(((end - Date.now()) / HOUR_MS) * 10) / 10;
	return { [`${token}_end_jst`]: formatJapanTime(end), [`${token}_hours_left`]: hoursLeft };
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const options = readCallOptions.call(this, itemIndex, false);
	const before = await this.getCredentials(NE_CREDENTIAL, itemIndex);
	const answer = await nextEngineApiRequest.call(this, NE_PAIR_CHECK_PATH, {}, itemIndex, options);
	const after = await this.getCredentials(NE_CREDENTIAL, itemIndex);
	const [user] = Array.isArray(answer.data) ? (answer.data as IDataObject[]) : [];
	const health: IDataObject = {
		pair_alive: true,
		renewed: after.accessToken !== before.accessToken,
		...endFields('access_token', endOf(after.accessTokenExpiresAt, answer.access_token_end_date)),
		...endFields(
			'refresh_token',
			endOf(after.refreshTokenExpiresAt, answer.refresh_token_end_date),
		),
		checked_at_jst: formatJapanTime(Date.now()),
		login_user: user?.pic_name ?? '',
	};
	if (options.includeCompany === true) {
		const company = await nextEngineApiRequest.call(
			this,
			COMPANY_INFO_PATH,
			{},
			itemIndex,
			options,
		);
		const [row] = Array.isArray(company.data) ? (company.data as IDataObject[]) : [];
		health.company_name = row?.company_name ?? '';
		health.company_ne_id = row?.company_ne_id ?? '';
	}
	return health;
}
