import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsProperty } from '../../../shared/descriptions';
import { rollerApiRequest } from '../../transport';
import { getOrganizationId, organizationLocator } from '../common';

const properties: INodeProperties[] = [organizationLocator(), optionsProperty()];

const displayOptions = { show: { resource: ['account'], operation: ['getOrganization'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const organizationId = getOrganizationId.call(this, itemIndex);
	return await rollerApiRequest.call(this, {
		method: 'GET',
		url: `/account/organization/${encodeURIComponent(organizationId)}`,
		itemIndex,
	});
}
