import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['store'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the stores of an organization',
				action: 'Get many stores',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
