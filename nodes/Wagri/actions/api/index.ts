import type { INodeProperties } from 'n8n-workflow';

import * as request from './request.operation';

export { request };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['api'] } },
		options: [
			{
				name: 'Request',
				value: 'request',
				description: 'Call any WAGRI or MAFF APP API path with the chosen credential',
				action: 'Call an API path',
			},
		],
		default: 'request',
	},
	...request.description,
];
