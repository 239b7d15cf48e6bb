import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { filtersCollection, optionsCollection, returnAllAndLimit } from '../../../shared/descriptions';
import { ROLLER_MAX_PAGE_SIZE, rollerListPages } from '../../transport';
import { getOrganizationId, organizationLocator } from '../common';

const show = { resource: ['store'], operation: ['getAll'] };

export const description: INodeProperties[] = [
	organizationLocator(show),
	...returnAllAndLimit({ show }),
	filtersCollection({ show }, [{ displayName: 'Keyword', name: 'keyword', type: 'string', default: '' }]),
	optionsCollection({ show }),
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const organizationId = getOrganizationId.call(this, itemIndex);
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	const limit = returnAll ? 0 : (this.getNodeParameter('limit', itemIndex) as number);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const pageSize = returnAll ? ROLLER_MAX_PAGE_SIZE : Math.min(ROLLER_MAX_PAGE_SIZE, limit);
	return await rollerListPages.call(
		this,
		`/${encodeURIComponent(organizationId)}/stores`,
		filters,
		{ returnAll, limit, pageSize },
		itemIndex,
	);
}
