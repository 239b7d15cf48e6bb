import type { INodeProperties } from 'n8n-workflow';

import * as getMe from './getMe.operation';
import * as getOrganization from './getOrganization.operation';
import * as getOrganizations from './getOrganizations.operation';
import * as login from './login.operation';

export { getMe, getOrganization, getOrganizations, login };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{
				name: 'Get Me',
				value: 'getMe',
				description: 'Get the account the credential is logged in as',
				action: 'Get the logged in account',
			},
			{
				name: 'Get Many Organizations',
				value: 'getOrganizations',
				description: 'List the organizations the account belongs to',
				action: 'Get many organizations',
			},
			{
				name: 'Get Organization',
				value: 'getOrganization',
				description: 'Get one organization',
				action: 'Get an organization',
			},
			{
				name: 'Login',
				value: 'login',
				description: 'Log in and output a new token (for use in later steps)',
				action: 'Log in and output a token',
			},
		],
		default: 'getMe',
	},
	...getMe.description,
	...getOrganizations.description,
	...getOrganization.description,
	...login.description,
];
