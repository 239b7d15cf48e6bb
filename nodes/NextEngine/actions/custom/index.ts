import type { INodeProperties } from 'n8n-workflow';

import * as call from './call.operation';

export { call };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['custom'] } },
		options: [
			{
				name: 'Custom Call',
				value: 'call',
				description: 'Call any Next Engine API path with your own form fields',
				action: 'Make a custom API call',
			},
		],
		default: 'call',
	},
	...call.description,
];
