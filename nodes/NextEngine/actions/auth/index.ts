import type { INodeProperties } from 'n8n-workflow';

import * as exchangeLogin from './exchangeLogin.operation';

export { exchangeLogin };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['auth'] } },
		options: [
			{
				name: 'Exchange Login',
				value: 'exchangeLogin',
				description: 'Exchange uid and state from the Redirect URI for the first token pair',
				action: 'Exchange a login for tokens',
			},
		],
		default: 'exchangeLogin',
	},
	...exchangeLogin.description,
];
