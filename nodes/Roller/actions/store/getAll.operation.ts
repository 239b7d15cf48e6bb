import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	filtersProperty,
	optionsProperty,
	returnAllAndLimitProperties,
} from '../../../shared/descriptions';
import { readListSettings } from '../../../shared/pagination';
import { ROLLER_MAX_PAGE_SIZE, rollerListPages } from '../../transport';
import { getOrganizationId, organizationLocator } from '../common';

const properties: INodeProperties[] = [
	organizationLocator(),
	...returnAllAndLimitProperties(),
	filtersProperty([{ displayName: 'Keyword', name: 'keyword', type: 'string', default: '' }]),
	optionsProperty(),
];

const displayOptions = { show: { resource: ['store'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const organizationId = getOrganizationId.call(this, itemIndex);
	const list = readListSettings.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	return await rollerListPages.call(
		this,
		`/${encodeURIComponent(organizationId)}/stores`,
		filters,
		list,
		ROLLER_MAX_PAGE_SIZE,
		itemIndex,
	);
}
