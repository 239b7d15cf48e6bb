import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../shared/descriptions';
import { invalidInput, requiredString } from '../../shared/validation';
import { callOptionsFrom, itemPairOutput, NE_OPERATORS, type ItemPair, type NextEngineCallOptions } from '../transport';

/** The Options collection every call with tokens offers: wait_flag and the overload retry. */
export function callOptionsDescription(show: Record<string, string[]>, extra: INodeProperties[] = []): INodeProperties {
	return optionsCollection({ show }, [
		...extra,
		{
			displayName: 'Overload Retries',
			name: 'overloadRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 3,
			description: 'How often to try again when Next Engine answers 003002 (overloaded), waiting longer each time',
		},
		{
			displayName: 'Overload Retry Delay (Ms)',
			name: 'overloadRetryDelayMs',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 2000,
			description: 'Wait before the first retry after 003002; doubled on every further retry',
		},
		{
			displayName: 'Wait for Server',
			name: 'waitFlag',
			type: 'boolean',
			default: false,
			description: 'Whether to send wait_flag=1: Next Engine should wait (up to 60 minutes) instead of answering 003002 when it is overloaded',
		},
	]);
}

/** Where the token pair comes from: the credential (default) or the input item (one pair per company). */
export function tokenSourceDescription(show: Record<string, string[]>): INodeProperties[] {
	const fromItem = { show: { ...show, tokenSource: ['item'] } };
	return [
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
			displayOptions: { show },
		},
		{
			displayName: 'Access Token',
			name: 'itemAccessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '={{ $json.access_token }}',
			required: true,
			displayOptions: fromItem,
			description: "This item's access token. Client ID and secret still come from the credential.",
		},
		{
			displayName: 'Refresh Token',
			name: 'itemRefreshToken',
			type: 'string',
			typeOptions: { password: true },
			default: '={{ $json.refresh_token }}',
			required: true,
			displayOptions: fromItem,
			description: "This item's refresh token",
		},
	];
}

export function readCallOptions(
	this: IExecuteFunctions,
	itemIndex: number,
): NextEngineCallOptions & IDataObject & { itemPair?: ItemPair } {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const callOptions: NextEngineCallOptions & IDataObject = { ...options, ...callOptionsFrom(options) };
	if (this.getNodeParameter('tokenSource', itemIndex, 'credential') === 'item') {
		const item = this.getInputData()[itemIndex]?.json ?? {};
		callOptions.itemPair = {
			accessToken: requiredString.call(this, 'itemAccessToken', 'Access Token', itemIndex),
			refreshToken: requiredString.call(this, 'itemRefreshToken', 'Refresh Token', itemIndex),
			accessTokenEndDate: typeof item.access_token_end_date === 'string' ? item.access_token_end_date : '',
			refreshTokenEndDate: typeof item.refresh_token_end_date === 'string' ? item.refresh_token_end_date : '',
			rotated: false,
		};
	}
	return callOptions;
}

/** With tokens from the item, every output item carries the pair valid after the call. */
export function withItemPair<T extends IDataObject>(output: T | T[], itemPair: ItemPair | undefined): IDataObject | IDataObject[] {
	if (!itemPair) return output;
	const pair = itemPairOutput(itemPair);
	return Array.isArray(output) ? output.map((entry) => ({ ...entry, ...pair })) : { ...output, ...pair };
}

export const COMMON_ENTITIES = [
	{ name: 'Goods', value: 'master_goods', description: 'Sent as /api_v1_master_goods' },
	{ name: 'Order Rows', value: 'receiveorder_row', description: 'Sent as /api_v1_receiveorder_row' },
	{ name: 'Orders', value: 'receiveorder_base', description: 'Sent as /api_v1_receiveorder_base' },
	{ name: 'Other', value: '__other', description: 'Enter any entity name' },
	{ name: 'Shops', value: 'master_shop', description: 'Sent as /api_v1_master_shop' },
	{ name: 'Stock', value: 'master_stock', description: 'Sent as /api_v1_master_stock' },
	{ name: 'Suppliers', value: 'master_supplier', description: 'Sent as /api_v1_master_supplier' },
	{ name: 'Warehouses', value: 'master_warehouse', description: 'Sent as /api_v1_master_warehouse' },
];

export function entityDescription(show: Record<string, string[]>): INodeProperties[] {
	return [
		{
			displayName: 'Entity',
			name: 'entity',
			type: 'options',
			options: COMMON_ENTITIES,
			default: 'receiveorder_base',
			displayOptions: { show },
			description: 'Which Next Engine data to read: the API path /api_v1_&lt;entity&gt;/…',
		},
		{
			displayName: 'Entity Name',
			name: 'entityName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. receiveorder_option',
			displayOptions: { show: { ...show, entity: ['__other'] } },
			description: 'The part after api_v1_ in the API path, e.g. receiveorder_option for /api_v1_receiveorder_option/search',
		},
	];
}

export function conditionsDescription(show: Record<string, string[]>): INodeProperties {
	return {
		displayName: 'Conditions',
		name: 'conditions',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Condition',
		default: {},
		displayOptions: { show },
		description: 'All conditions must match (sent as field-operator=value)',
		options: [
			{
				displayName: 'Condition',
				name: 'condition',
				values: [
					{
						displayName: 'Field',
						name: 'field',
						type: 'string',
						default: '',
						placeholder: 'e.g. receive_order_date',
					},
					{
						displayName: 'Operator',
						name: 'operator',
						type: 'options',
						options: [
							{ name: 'Equal', value: 'eq', description: 'Sent as field-eq=value' },
							{ name: 'Greater or Equal', value: 'gte', description: 'Sent as field-gte=value' },
							{ name: 'Greater Than', value: 'gt', description: 'Sent as field-gt=value' },
							{ name: 'In List', value: 'in', description: 'Sent as field-in=value' },
							{ name: 'Is Blank', value: 'blank', description: 'Sent as field-blank=value' },
							{ name: 'Is Not Blank', value: 'nblank', description: 'Sent as field-nblank=value' },
							{ name: 'Is Not Null', value: 'nnull', description: 'Sent as field-nnull=value' },
							{ name: 'Is Null', value: 'null', description: 'Sent as field-null=value' },
							{ name: 'Less or Equal', value: 'lte', description: 'Sent as field-lte=value' },
							{ name: 'Less Than', value: 'lt', description: 'Sent as field-lt=value' },
							{ name: 'Like', value: 'like', description: 'Sent as field-like=value' },
							{ name: 'Not Equal', value: 'neq', description: 'Sent as field-neq=value' },
							{ name: 'Not In List', value: 'nin', description: 'Sent as field-nin=value' },
							{ name: 'Not Like', value: 'nlike', description: 'Sent as field-nlike=value' },
						],
						default: 'eq',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'For In/Not In: a comma-separated list. For Like: % matches any text. Ignored by the null/blank operators.',
					},
				],
			},
		],
	};
}

export function readEntity(this: IExecuteFunctions, itemIndex: number): string {
	const entity = this.getNodeParameter('entity', itemIndex) as string;
	const name = entity === '__other' ? requiredString.call(this, 'entityName', 'Entity Name', itemIndex) : entity;
	const bare = name.replace(/^\/?api_v1_/, '').replace(/\/.*$/, '');
	if (!/^[a-z0-9_]+$/i.test(bare)) {
		throw invalidInput(this, 'Entity Name', 'may only contain letters, digits and underscores, e.g. receiveorder_base', itemIndex);
	}
	return bare;
}

const VALUELESS = ['null', 'nnull', 'blank', 'nblank'];

export function readConditions(this: IExecuteFunctions, itemIndex: number): Record<string, string> {
	const raw = this.getNodeParameter('conditions', itemIndex, {}) as { condition?: IDataObject[] };
	const form: Record<string, string> = {};
	for (const [index, condition] of (raw.condition ?? []).entries()) {
		const field = String(condition.field ?? '').trim();
		const operator = String(condition.operator ?? 'eq');
		if (!field) throw invalidInput(this, `Conditions › Condition ${index + 1} › Field`, 'is required but empty', itemIndex);
		if (!/^[a-z0-9_]+$/i.test(field)) {
			throw invalidInput(this, `Conditions › Condition ${index + 1} › Field`, `"${field}" is not a Next Engine field name`, itemIndex);
		}
		if (!NE_OPERATORS.includes(operator)) {
			throw invalidInput(this, `Conditions › Condition ${index + 1} › Operator`, `"${operator}" is not one of ${NE_OPERATORS.join(', ')}`, itemIndex);
		}
		form[`${field}-${operator}`] = VALUELESS.includes(operator) ? '' : String(condition.value ?? '');
	}
	return form;
}
