import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import { rollerApiRequest } from '../../transport';

export const description: INodeProperties[] = [
	optionsCollection({ show: { resource: ['account'], operation: ['getOrganizations'] } }),
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return (await rollerApiRequest.call(this, {
		method: 'GET',
		url: '/account/organizations',
		itemIndex,
	})) as unknown as IDataObject[];
}
