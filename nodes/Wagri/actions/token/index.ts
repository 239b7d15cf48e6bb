import type { INodeProperties } from 'n8n-workflow';

import * as getAccessToken from './getAccessToken.operation';

export { getAccessToken };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['token'] } },
		options: [
			{
				name: 'Get Access Token',
				value: 'getAccessToken',
				description: 'Request a new WAGRI access token and output it (for use in later steps)',
				action: 'Get an access token',
			},
		],
		default: 'getAccessToken',
	},
	...getAccessToken.description,
];
