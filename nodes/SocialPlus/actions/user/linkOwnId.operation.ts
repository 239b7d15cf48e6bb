import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsProperty } from '../../../shared/descriptions';
import { socialPlusApiRequest, withoutStatus } from '../../transport';
import { validIdentifier, validPrimaryKey } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Social PLUS ID',
		name: 'identifier',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 5f8a9b18e6eafc375f756af8d75763d43175a00e',
		description: 'The Social PLUS user to link (from Get From Login Token)',
	},
	{
		displayName: 'Your User ID',
		name: 'primaryKey',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. user_123',
		description: "The user's ID in your own service: up to 255 printable ASCII characters",
	},
	{
		displayName: 'Overwrite',
		name: 'overwrite',
		type: 'boolean',
		default: false,
		description:
			'Whether to replace a user ID already linked to this Social PLUS user (otherwise Social PLUS refuses with "Field existed and overwrite disabled.")',
	},
	optionsProperty(),
];

const displayOptions = { show: { resource: ['user'], operation: ['linkOwnId'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const identifier = validIdentifier.call(this, 'identifier', 'Social PLUS ID', itemIndex);
	const primaryKey = validPrimaryKey.call(this, 'primaryKey', 'Your User ID', itemIndex);
	const overwrite = this.getNodeParameter('overwrite', itemIndex, false) as boolean;
	const answer = await socialPlusApiRequest.call(
		this,
		'map',
		{ identifier, primary_key: primaryKey, overwrite: overwrite ? 'true' : undefined },
		itemIndex,
	);
	return { identifier, primary_key: primaryKey, ...withoutStatus(answer) };
}
