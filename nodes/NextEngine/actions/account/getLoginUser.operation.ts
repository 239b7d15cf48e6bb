import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { callOptionsDescription, tokenSourceDescription } from '../common';
import { readInfo } from './info';

export const description: INodeProperties[] = [
	...tokenSourceDescription({ resource: ['account'], operation: ['getLoginUser'] }),
	callOptionsDescription({ resource: ['account'], operation: ['getLoginUser'] }),
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await readInfo.call(this, 'login_user', itemIndex);
}
