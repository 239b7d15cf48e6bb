import type { INodeProperties } from 'n8n-workflow';

import * as count from './count.operation';
import * as search from './search.operation';

export { count, search };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['entity'] } },
		options: [
			{
				name: 'Count',
				value: 'count',
				description: 'Count the records that match the conditions',
				action: 'Count records',
			},
			{
				name: 'Search',
				value: 'search',
				description: 'Search records by conditions',
				action: 'Search records',
			},
		],
		default: 'search',
	},
	...search.description,
	...count.description,
];
