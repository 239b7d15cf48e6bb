import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsProperty } from '../../../shared/descriptions';
import { invalidInput } from '../../../shared/validation';
import { socialPlusApiRequest, withoutStatus } from '../../transport';
import { LOGIN_PROVIDERS, userQuery, userSelector } from '../common';

const properties: INodeProperties[] = [
	...userSelector(),
	{
		displayName: 'Login Providers',
		name: 'targetProviders',
		type: 'multiOptions',
		options: LOGIN_PROVIDERS,
		required: true,
		default: [],
		description: 'The login providers to unlink from the user',
	},
	optionsProperty([
		{
			displayName: 'Allow Removing the Last Provider',
			name: 'nowarn',
			type: 'boolean',
			default: false,
			description:
				'Whether to unlink even when the user is left without any login provider (Social PLUS refuses that otherwise)',
		},
		{
			displayName: 'Keep Personal Information',
			name: 'nomerge',
			type: 'boolean',
			default: false,
			description:
				"Whether Social PLUS should not rebuild the user's personal information from the remaining providers",
		},
	]),
];

const displayOptions = { show: { resource: ['user'], operation: ['unlinkProvider'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const query = userQuery.call(this, itemIndex);
	const providers = this.getNodeParameter('targetProviders', itemIndex, []) as string[];
	if (!Array.isArray(providers) || providers.length === 0) {
		throw invalidInput(
			this,
			'Login Providers',
			'choose at least one login provider to unlink',
			itemIndex,
		);
	}
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const answer = await socialPlusApiRequest.call(
		this,
		'dissociate',
		{
			...query,
			target_provider: providers.join(','),
			nowarn: options.nowarn === true ? 'true' : undefined,
			nomerge: options.nomerge === true ? 'true' : undefined,
		},
		itemIndex,
	);
	return { ...query, unlinked: providers, ...withoutStatus(answer) };
}
