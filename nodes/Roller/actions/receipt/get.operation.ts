import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsProperty } from '../../../shared/descriptions';
import { invalidInput, requiredString } from '../../../shared/validation';
import { rollerApiRequest } from '../../transport';
import { getOrganizationId, organizationLocator } from '../common';

const properties: INodeProperties[] = [
	organizationLocator(),
	{
		displayName: 'Year and Month',
		name: 'yearMonth',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 202611',
		description: 'The month the receipt was issued in, as yyyyMM',
	},
	{
		displayName: 'Store ID',
		name: 'storeId',
		type: 'string',
		required: true,
		default: '',
	},
	{
		displayName: 'Receipt ID',
		name: 'receiptId',
		type: 'string',
		required: true,
		default: '',
	},
	optionsProperty(),
];

const displayOptions = { show: { resource: ['receipt'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const organizationId = getOrganizationId.call(this, itemIndex);
	const yearMonth = requiredString.call(this, 'yearMonth', 'Year and Month', itemIndex);
	if (!/^\d{4}(0[1-9]|1[0-2])$/.test(yearMonth)) {
		throw invalidInput(
			this,
			'Year and Month',
			`must be six digits yyyyMM, e.g. 202611 (got "${yearMonth}")`,
			itemIndex,
		);
	}
	const storeId = requiredString.call(this, 'storeId', 'Store ID', itemIndex);
	const receiptId = requiredString.call(this, 'receiptId', 'Receipt ID', itemIndex);
	const path = [organizationId, yearMonth, storeId, 'receipt', receiptId]
		.map(encodeURIComponent)
		.join('/');
	return await rollerApiRequest.call(this, { method: 'GET', url: `/${path}`, itemIndex });
}
