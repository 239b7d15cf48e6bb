import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { returnAllAndLimitProperties } from '../../../shared/descriptions';
import { forEachPage, readListSettings } from '../../../shared/pagination';
import { integerInRange, invalidInput } from '../../../shared/validation';
import { withoutTokens } from '../../auth/answers';
import { nextEngineApiRequest } from '../../transport';
import {
	callOptionsProperty,
	readCallOptions,
	tokenSourceProperties,
	withItemPair,
} from '../common';
import { conditionsProperty, entityProperties, readConditions, readEntity } from './common';

/** Next Engine's documented default (and our maximum) page size for search. */
const MAX_PAGE_SIZE = 10000;

const properties: INodeProperties[] = [
	...tokenSourceProperties,
	...entityProperties,
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. receive_order_id,receive_order_date,receive_order_total_amount',
		description: 'Comma-separated field names to return (Next Engine requires at least one)',
	},
	conditionsProperty,
	...returnAllAndLimitProperties(),
	callOptionsProperty([
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			options: [
				{ name: 'One Item per Row', value: 'rows' },
				{ name: 'One Item with Count and Rows', value: 'summary' },
			],
			default: 'rows',
		},
		{
			displayName: 'Page Size',
			name: 'pageSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_PAGE_SIZE },
			default: MAX_PAGE_SIZE,
			description: 'Rows per API call (Next Engine limit). Fewer calls with larger pages.',
		},
	]),
];

const displayOptions = { show: { resource: ['entity'], operation: ['search'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export function readFields(this: IExecuteFunctions, itemIndex: number): string {
	const raw = String(this.getNodeParameter('fields', itemIndex, '') ?? '');
	const fields = raw
		.split(',')
		.map((field) => field.trim())
		.filter(Boolean);
	if (fields.length === 0) {
		const problem = 'Next Engine needs at least one field name to return, e.g. receive_order_id';
		throw invalidInput(this, 'Fields', problem, itemIndex);
	}
	const bad = fields.find((field) => !/^[a-z0-9_]+$/i.test(field));
	if (bad)
		throw invalidInput(this, 'Fields', `"${bad}" is not a Next Engine field name`, itemIndex);
	return fields.join(',');
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const entity = readEntity.call(this, itemIndex);
	const fields = readFields.call(this, itemIndex);
	const conditions = readConditions.call(this, itemIndex);
	const list = readListSettings.call(this, itemIndex);
	const options = readCallOptions.call(this, itemIndex);
	const pageSize = integerInRange(
		this,
		options.pageSize ?? MAX_PAGE_SIZE,
		'Page Size',
		{ min: 1, max: MAX_PAGE_SIZE },
		itemIndex,
	);

	const rows: IDataObject[] = [];
	await forEachPage<IDataObject>(
		list,
		{ mode: 'offset', maxPageSize: pageSize },
		async ({ offset, pageSize: size }) => {
			const form = { fields, ...conditions, offset, limit: size };
			const path = `/api_v1_${entity}/search`;
			const answer = await nextEngineApiRequest.call(this, path, form, itemIndex, options);
			const data = withoutTokens(answer).data;
			const page = Array.isArray(data) ? (data as IDataObject[]) : [];
			return { items: page, hasMore: page.length === size };
		},
		(page) => {
			for (const row of page) rows.push(row);
		},
	);
	// With tokens from the item: every row carries the pair after the last page.
	if (options.output === 'summary') {
		return withItemPair({ count: rows.length, data: rows }, options.itemPair);
	}
	if (rows.length === 0 && options.itemPair) return withItemPair({ count: 0 }, options.itemPair);
	return withItemPair(rows, options.itemPair);
}
