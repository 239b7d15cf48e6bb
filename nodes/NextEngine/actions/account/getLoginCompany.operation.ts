import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { callOptionsDescription } from '../common';
import { readInfo } from './info';

export const description: INodeProperties[] = [
	callOptionsDescription({ resource: ['account'], operation: ['getLoginCompany'] }),
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await readInfo.call(this, 'login_company', itemIndex);
}
