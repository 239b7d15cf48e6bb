import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteUser from './delete.operation';
import * as getAll from './getAll.operation';
import * as getAttributes from './getAttributes.operation';
import * as getFromLoginToken from './getFromLoginToken.operation';
import * as linkOwnId from './linkOwnId.operation';
import * as merge from './merge.operation';
import * as unlinkProvider from './unlinkProvider.operation';

export { create, getAll, getAttributes, getFromLoginToken, linkOwnId, merge, unlinkProvider };
export { deleteUser as delete };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a Social PLUS user without login providers (create_user)',
				action: 'Create a user',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a Social PLUS user with its login providers and history (delete_user)',
				action: 'Delete a user',
			},
			{
				name: 'Get Attributes',
				value: 'getAttributes',
				description:
					'Get the user and the credentials of every linked login provider: provider user IDs, access and refresh tokens (user_attribute)',
				action: 'Get the attributes of a user',
			},
			{
				name: 'Get From Login Token',
				value: 'getFromLoginToken',
				description: "Turn the login callback's one-time token into the user (authenticated_user)",
				action: 'Get a user from a login token',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List Social PLUS IDs, with filters (users)',
				action: 'Get many users',
			},
			{
				name: 'Link Own ID',
				value: 'linkOwnId',
				description: 'Link the user ID of your own service to a Social PLUS user (map)',
				action: 'Link your user ID to a user',
			},
			{
				name: 'Merge',
				value: 'merge',
				description:
					'Merge one Social PLUS user into another; the source user is deleted (merge_user)',
				action: 'Merge two users',
			},
			{
				name: 'Unlink Provider',
				value: 'unlinkProvider',
				description: 'Unlink login providers from a user (dissociate)',
				action: 'Unlink login providers from a user',
			},
		],
		default: 'getAttributes',
	},
	...getAttributes.description,
	...getFromLoginToken.description,
	...linkOwnId.description,
	...create.description,
	...getAll.description,
	...deleteUser.description,
	...unlinkProvider.description,
	...merge.description,
];
