import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { callOptionsProperty, tokenSourceProperties } from '../common';
import { readInfo } from './info';

const properties: INodeProperties[] = [...tokenSourceProperties, callOptionsProperty()];

const displayOptions = { show: { resource: ['account'], operation: ['getLoginCompany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await readInfo.call(this, 'login_company', itemIndex);
}
