import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsProperty } from '../../../shared/descriptions';
import { rollerApiRequest } from '../../transport';

const properties: INodeProperties[] = [optionsProperty()];

const displayOptions = { show: { resource: ['account'], operation: ['getOrganizations'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return (await rollerApiRequest.call(this, {
		method: 'GET',
		url: '/account/organizations',
		itemIndex,
	})) as unknown as IDataObject[];
}
