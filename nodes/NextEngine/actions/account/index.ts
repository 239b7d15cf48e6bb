import type { INodeProperties } from 'n8n-workflow';

import * as getLoginCompany from './getLoginCompany.operation';
import * as getLoginUser from './getLoginUser.operation';

export { getLoginCompany, getLoginUser };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{
				name: 'Get Login Company',
				value: 'getLoginCompany',
				description: 'Get the company the token pair belongs to',
				action: 'Get the login company',
			},
			{
				name: 'Get Login User',
				value: 'getLoginUser',
				description: 'Get the person who logged in',
				action: 'Get the login user',
			},
		],
		default: 'getLoginUser',
	},
	...getLoginUser.description,
	...getLoginCompany.description,
];
