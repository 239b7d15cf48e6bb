import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	filtersProperty,
	optionsProperty,
	returnAllAndLimitProperties,
} from '../../../shared/descriptions';
import { readListSettings } from '../../../shared/pagination';
import { integerInRange } from '../../../shared/validation';
import { ROLLER_MAX_PAGE_SIZE, rollerListPages } from '../../transport';
import { getOrganizationId, organizationLocator } from '../common';

const properties: INodeProperties[] = [
	organizationLocator(),
	...returnAllAndLimitProperties(),
	filtersProperty([
		{ displayName: 'Keyword', name: 'keyword', type: 'string', default: '' },
		{
			displayName: 'Month',
			name: 'month',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 12 },
			default: 1,
		},
		{ displayName: 'Store ID', name: 'storeId', type: 'string', default: '' },
		{ displayName: 'Terminal ID', name: 'terminalId', type: 'string', default: '' },
		{
			displayName: 'Year',
			name: 'year',
			type: 'number',
			typeOptions: { minValue: 2000 },
			default: 2026,
		},
	]),
	optionsProperty([
		{
			displayName: 'Items Per Page',
			name: 'itemsPerPage',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: ROLLER_MAX_PAGE_SIZE },
			default: ROLLER_MAX_PAGE_SIZE,
			description:
				'How many receipts each API call fetches (ROLLER allows up to 1000). Fewer calls with larger pages.',
		},
		{
			displayName: 'Sort',
			name: 'sort',
			type: 'options',
			options: [
				{ name: 'Transaction ID Ascending', value: 'transactionId asc' },
				{ name: 'Transaction ID Descending', value: 'transactionId desc' },
			],
			default: 'transactionId asc',
		},
	]),
];

const displayOptions = { show: { resource: ['receipt'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const organizationId = getOrganizationId.call(this, itemIndex);
	const list = readListSettings.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const itemsPerPage = integerInRange(
		this,
		options.itemsPerPage ?? ROLLER_MAX_PAGE_SIZE,
		'Items Per Page',
		{ min: 1, max: ROLLER_MAX_PAGE_SIZE },
		itemIndex,
	);
	return await rollerListPages.call(
		this,
		`/${encodeURIComponent(organizationId)}/receipts`,
		{ ...filters, sort: options.sort ?? 'transactionId asc' },
		list,
		itemsPerPage,
		itemIndex,
	);
}
