import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import { rollerApiRequest } from '../../transport';
import { getOrganizationId, organizationLocator } from '../common';

export const description: INodeProperties[] = [
	organizationLocator({ resource: ['account'], operation: ['getOrganization'] }),
	optionsCollection({ show: { resource: ['account'], operation: ['getOrganization'] } }),
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const organizationId = getOrganizationId.call(this, itemIndex);
	return await rollerApiRequest.call(this, {
		method: 'GET',
		url: `/account/organization/${encodeURIComponent(organizationId)}`,
		itemIndex,
	});
}
