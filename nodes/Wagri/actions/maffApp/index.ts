import type { INodeProperties } from 'n8n-workflow';

import * as login from './login.operation';

export { login };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['maffApp'] } },
		options: [
			{
				name: 'Login',
				value: 'login',
				description: 'Log in to MAFF APP and output the loginhash (for use in later steps)',
				action: 'Log in to MAFF APP',
			},
		],
		default: 'login',
	},
	...login.description,
];
