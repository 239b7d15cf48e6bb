import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requiredString } from '../../shared/validation';

export function organizationLocator(): INodeProperties {
	return {
		displayName: 'Organization',
		name: 'organizationId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The ROLLER organization the receipts and stores belong to',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchOrganizations', searchable: true },
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 3fa85f64-5717-4562-b3fc-2c963f66afa6',
			},
		],
	};
}

export function getOrganizationId(this: IExecuteFunctions, itemIndex: number) {
	return requiredString.call(this, 'organizationId', 'Organization', itemIndex);
}
