import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection, returnAllAndLimit } from '../../../shared/descriptions';
import { collectPages } from '../../../shared/pagination';
import { ROLLER_MAX_PAGE_SIZE, rollerApiRequest } from '../../transport';
import { getOrganizationId, organizationLocator } from '../common';

const show = { resource: ['store'], operation: ['getAll'] };

export const description: INodeProperties[] = [
	organizationLocator(show),
	...returnAllAndLimit({ show }),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [{ displayName: 'Keyword', name: 'keyword', type: 'string', default: '' }],
	},
	optionsCollection({ show }),
];

interface StorePage {
	items: IDataObject[];
	totalPages?: number;
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const organizationId = getOrganizationId.call(this, itemIndex);
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	const limit = returnAll ? 0 : (this.getNodeParameter('limit', itemIndex) as number);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const pageSize = returnAll ? ROLLER_MAX_PAGE_SIZE : Math.min(ROLLER_MAX_PAGE_SIZE, limit);
	return await collectPages<IDataObject>({ returnAll, limit, maxPageSize: pageSize }, async ({ pageIndex }) => {
		const page = (await rollerApiRequest.call(this, {
			method: 'POST',
			url: `/${encodeURIComponent(organizationId)}/stores`,
			body: { ...filters, currentPage: pageIndex + 1, itemsPerPage: pageSize },
			itemIndex,
		})) as unknown as StorePage;
		const items = Array.isArray(page.items) ? page.items : [];
		const hasMore = page.totalPages !== undefined ? pageIndex + 1 < Number(page.totalPages) : items.length === pageSize;
		return { items, hasMore };
	});
}
