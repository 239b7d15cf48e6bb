import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { rollerApiRequest } from '../transport';

export async function searchOrganizations(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const organizations = (await rollerApiRequest.call(this, {
		method: 'GET',
		url: '/account/organizations',
	})) as unknown as IDataObject[];
	const needle = (filter ?? '').toLowerCase();
	return {
		results: (Array.isArray(organizations) ? organizations : [])
			.filter(
				(organization) =>
					!needle ||
					String(organization.name ?? '')
						.toLowerCase()
						.includes(needle),
			)
			.map((organization) => ({
				name: String(organization.name ?? organization.id),
				value: String(organization.id),
			})),
	};
}
