import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsProperty } from '../../shared/descriptions';
import { requiredString } from '../../shared/validation';
import {
	DEFAULT_OVERLOAD_RETRIES,
	DEFAULT_OVERLOAD_RETRY_DELAY_MS,
	itemPairOutput,
	type ItemPair,
	type NextEngineCallOptions,
} from '../transport';

/**
 * Next Engine's Parallel Requests: still 1 by default, and it says why. However high it is set,
 * items of one credential share one renewal (see the credential's preAuthentication).
 */
const PARALLEL_REQUESTS_DESCRIPTION =
	'How many input items to send to Next Engine at the same time. Keep 1: Hamee asks API users not to make parallel (multi-threaded) requests as the same user; around a token renewal they may fail, and Next Engine may restrict access. Raised, the pair is still renewed only once.';

/** The Options collection every call with tokens offers: wait_flag and the overload retry. */
export function callOptionsProperty(extra: INodeProperties[] = []): INodeProperties {
	const collection = optionsProperty([
		...extra,
		{
			displayName: 'Overload Retries',
			name: 'overloadRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: DEFAULT_OVERLOAD_RETRIES,
			description:
				'How often to try again when Next Engine answers 003002 (overloaded), waiting longer each time',
		},
		{
			displayName: 'Overload Retry Delay (Ms)',
			name: 'overloadRetryDelayMs',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: DEFAULT_OVERLOAD_RETRY_DELAY_MS,
			description: 'Wait before the first retry after 003002; doubled on every further retry',
		},
		{
			displayName: 'Wait for Server',
			name: 'waitFlag',
			type: 'boolean',
			default: false,
			description:
				'Whether to send wait_flag=1: Next Engine should wait (up to 60 minutes) instead of answering 003002 when it is overloaded',
		},
	]);
	collection.options = collection.options?.map((option) =>
		option.name === 'parallelRequests'
			? { ...option, default: 1, description: PARALLEL_REQUESTS_DESCRIPTION }
			: option,
	);
	return collection;
}

/** Where the pair comes from: the credential (default) or the input item (one per company). */
export const tokenSourceProperties: INodeProperties[] = [
	{
		displayName: 'Tokens From',
		name: 'tokenSource',
		type: 'options',
		options: [
			{
				name: 'Credential',
				value: 'credential',
				description: 'The pair stored in the credential; the credential keeps it current by itself',
			},
			{
				name: 'Input Item',
				value: 'item',
				description:
					'A pair per item (one per company, from your own store). Every output item carries the pair valid after the call: write it back.',
			},
		],
		default: 'credential',
	},
	{
		displayName: 'Access Token',
		name: 'itemAccessToken',
		type: 'string',
		typeOptions: { password: true },
		default: '={{ $json.access_token }}',
		required: true,
		displayOptions: { show: { tokenSource: ['item'] } },
		description: "This item's access token. Client ID and secret still come from the credential.",
	},
	{
		displayName: 'Refresh Token',
		name: 'itemRefreshToken',
		type: 'string',
		typeOptions: { password: true },
		default: '={{ $json.refresh_token }}',
		required: true,
		displayOptions: { show: { tokenSource: ['item'] } },
		description: "This item's refresh token",
	},
];

/** The Options collection's values; the item's pair too unless the operation has no Tokens From. */
export function readCallOptions(
	this: IExecuteFunctions,
	itemIndex: number,
	tokensFromItems = true,
): NextEngineCallOptions & IDataObject & { itemPair?: ItemPair } {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const numberOr = (value: unknown, fallback: number) =>
		value === undefined ? fallback : Number(value);
	const callOptions: NextEngineCallOptions & IDataObject = {
		...options,
		waitFlag: options.waitFlag === true,
		overloadRetries: numberOr(options.overloadRetries, DEFAULT_OVERLOAD_RETRIES),
		overloadRetryDelayMs: numberOr(options.overloadRetryDelayMs, DEFAULT_OVERLOAD_RETRY_DELAY_MS),
	};
	const tokenSource = tokensFromItems
		? this.getNodeParameter('tokenSource', itemIndex, 'credential')
		: '';
	if (tokenSource === 'item') {
		const item = this.getInputData()[itemIndex]?.json ?? {};
		const endDate = (value: unknown) => (typeof value === 'string' ? value : '');
		callOptions.itemPair = {
			accessToken: requiredString.call(this, 'itemAccessToken', 'Access Token', itemIndex),
			refreshToken: requiredString.call(this, 'itemRefreshToken', 'Refresh Token', itemIndex),
			accessTokenEndDate: endDate(item.access_token_end_date),
			refreshTokenEndDate: endDate(item.refresh_token_end_date),
			rotated: false,
		};
	}
	return callOptions;
}

/** With tokens from the item, every output item carries the pair valid after the call. */
export function withItemPair<T extends IDataObject>(
	output: T | T[],
	itemPair: ItemPair | undefined,
): IDataObject | IDataObject[] {
	if (!itemPair) return output;
	const pair = itemPairOutput(itemPair);
	return Array.isArray(output)
		? output.map((entry) => ({ ...entry, ...pair }))
		: { ...output, ...pair };
}
