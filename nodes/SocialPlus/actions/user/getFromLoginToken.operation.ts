import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsProperty } from '../../../shared/descriptions';
import { requiredString } from '../../../shared/validation';
import { socialPlusApiRequest, withoutStatus } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Login Token',
		name: 'token',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.query.token }}',
		description:
			'The one-time "token" Social PLUS adds to your callback URL after a social login (e.g. from a Webhook node). Valid once.',
	},
	optionsProperty([
		{
			displayName: 'Add Profile',
			name: 'addProfile',
			type: 'boolean',
			default: false,
			description:
				"Whether to get the user's personal information (profile) together with the Social PLUS ID",
		},
		{
			displayName: 'Delete Profile After Reading',
			name: 'deleteProfile',
			type: 'boolean',
			default: false,
			description:
				'Whether Social PLUS should delete the personal information it keeps once it has been returned (only with Add Profile)',
		},
	]),
];

const displayOptions = { show: { resource: ['user'], operation: ['getFromLoginToken'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const token = requiredString.call(this, 'token', 'Login Token', itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const addProfile = options.addProfile === true;
	const answer = await socialPlusApiRequest.call(
		this,
		'authenticated_user',
		{
			token,
			add_profile: addProfile ? 'true' : undefined,
			delete_profile: addProfile && options.deleteProfile === true ? 'true' : undefined,
		},
		itemIndex,
	);
	return withoutStatus(answer);
}
