import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['receipt'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get one receipt', action: 'Get a receipt' },
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the receipts of an organization',
				action: 'Get many receipts',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
	...get.description,
];
