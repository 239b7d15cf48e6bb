import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput, requiredString } from '../../../shared/validation';

export const COMMON_ENTITIES = [
	{ name: 'Goods', value: 'master_goods', description: 'Sent as /api_v1_master_goods' },
	{
		name: 'Order Rows',
		value: 'receiveorder_row',
		description: 'Sent as /api_v1_receiveorder_row',
	},
	{ name: 'Orders', value: 'receiveorder_base', description: 'Sent as /api_v1_receiveorder_base' },
	{ name: 'Other', value: '__other', description: 'Enter any entity name' },
	{ name: 'Shops', value: 'master_shop', description: 'Sent as /api_v1_master_shop' },
	{ name: 'Stock', value: 'master_stock', description: 'Sent as /api_v1_master_stock' },
	{ name: 'Suppliers', value: 'master_supplier', description: 'Sent as /api_v1_master_supplier' },
	{
		name: 'Warehouses',
		value: 'master_warehouse',
		description: 'Sent as /api_v1_master_warehouse',
	},
];

export const entityProperties: INodeProperties[] = [
	{
		displayName: 'Entity',
		name: 'entity',
		type: 'options',
		options: COMMON_ENTITIES,
		default: 'receiveorder_base',
		description: 'Which Next Engine data to read: the API path /api_v1_&lt;entity&gt;/…',
	},
	{
		displayName: 'Entity Name',
		name: 'entityName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. receiveorder_option',
		displayOptions: { show: { entity: ['__other'] } },
		description:
			'The part after api_v1_ in the API path, e.g. receiveorder_option for /api_v1_receiveorder_option/search',
	},
];

/** Search/count condition operators (`{field}-{operator}=value`), in Next Engine's order. */
const OPERATOR_NAMES: Record<string, string> = {
	eq: 'Equal',
	neq: 'Not Equal',
	gt: 'Greater Than',
	gte: 'Greater or Equal',
	lt: 'Less Than',
	lte: 'Less or Equal',
	in: 'In List',
	nin: 'Not In List',
	like: 'Like',
	nlike: 'Not Like',
	null: 'Is Null',
	nnull: 'Is Not Null',
	blank: 'Is Blank',
	nblank: 'Is Not Blank',
};
const OPERATORS = Object.keys(OPERATOR_NAMES);
/** Operators that take no value: Next Engine gets `field-null=`. */
const VALUELESS = ['null', 'nnull', 'blank', 'nblank'];

export const conditionsProperty: INodeProperties = {
	displayName: 'Conditions',
	name: 'conditions',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Condition',
	default: {},
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
					options: Object.entries(OPERATOR_NAMES)
						.map(([value, name]) => ({ name, value, description: `Sent as field-${value}=value` }))
						.sort((a, b) => a.name.localeCompare(b.name)),
					default: 'eq',
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					description:
						'For In/Not In: a comma-separated list. For Like: % matches any text. Ignored by the null/blank operators.',
				},
			],
		},
	],
};

export function readEntity(this: IExecuteFunctions, itemIndex: number): string {
	const entity = this.getNodeParameter('entity', itemIndex) as string;
	const name =
		entity === '__other'
			? requiredString.call(this, 'entityName', 'Entity Name', itemIndex)
			: entity;
	const bare = name.replace(/^\/?api_v1_/, '').replace(/\/.*$/, '');
	if (!/^[a-z0-9_]+$/i.test(bare)) {
		const rule = 'may only contain letters, digits and underscores, e.g. receiveorder_base';
		throw invalidInput(this, 'Entity Name', rule, itemIndex);
	}
	return bare;
}

export function readConditions(this: IExecuteFunctions, itemIndex: number): Record<string, string> {
	const raw = this.getNodeParameter('conditions', itemIndex, {}) as { condition?: IDataObject[] };
	const form: Record<string, string> = {};
	for (const [index, condition] of (raw.condition ?? []).entries()) {
		const field = String(condition.field ?? '').trim();
		const operator = String(condition.operator ?? 'eq');
		const label = `Conditions › Condition ${index + 1}`;
		if (!field) throw invalidInput(this, `${label} › Field`, 'is required but empty', itemIndex);
		if (!/^[a-z0-9_]+$/i.test(field)) {
			const problem = `"${field}" is not a Next Engine field name`;
			throw invalidInput(this, `${label} › Field`, problem, itemIndex);
		}
		if (!OPERATORS.includes(operator)) {
			const problem = `"${operator}" is not one of ${OPERATORS.join(', ')}`;
			throw invalidInput(this, `${label} › Operator`, problem, itemIndex);
		}
		form[`${field}-${operator}`] = VALUELESS.includes(operator)
			? ''
			: String(condition.value ?? '');
	}
	return form;
}
