import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { rollerApiRequest } from '../../transport';

export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return (await rollerApiRequest.call(this, {
		method: 'GET',
		url: '/account/organizations',
		itemIndex,
	})) as unknown as IDataObject[];
}
