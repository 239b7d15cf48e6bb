import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { callOptionsProperty, tokenSourceProperties } from '../common';
import { readInfo } from './info';

const properties: INodeProperties[] = [...tokenSourceProperties, callOptionsProperty()];

const displayOptions = { show: { resource: ['account'], operation: ['getLoginUser'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await readInfo.call(this, 'login_user', itemIndex);
}
