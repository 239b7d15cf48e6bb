import type { INodeProperties } from 'n8n-workflow';

import * as checkPair from './checkPair.operation';
import * as exchangeLogin from './exchangeLogin.operation';

export { checkPair, exchangeLogin };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['auth'] } },
		options: [
			{
				name: 'Check Token Pair',
				value: 'checkPair',
				description:
					"Keep the credential's pair alive (renewed when due) and show when it ends; no tokens in the output",
				action: 'Check the token pair and keep it alive',
			},
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
	...checkPair.description,
];
