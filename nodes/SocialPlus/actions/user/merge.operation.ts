import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsProperty } from '../../../shared/descriptions';
import { socialPlusApiRequest, withoutStatus } from '../../transport';
import { userQuery, userSelector } from '../common';

const properties: INodeProperties[] = [
	...userSelector({
		prefix: 'source',
		label: 'Source',
		description: 'The user merged away: Social PLUS deletes it after the merge',
	}),
	...userSelector({
		prefix: 'dest',
		label: 'Destination',
		description: 'The user that remains and receives the login providers',
	}),
	optionsProperty([
		{
			displayName: 'Keep Personal Information',
			name: 'nomerge',
			type: 'boolean',
			default: false,
			description:
				"Whether Social PLUS should not update the remaining user's personal information after the merge",
		},
	]),
];

const displayOptions = { show: { resource: ['user'], operation: ['merge'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const source = userQuery.call(this, itemIndex, {
		prefix: 'source',
		label: 'Source',
		queryPrefix: 'source_',
	});
	const destination = userQuery.call(this, itemIndex, {
		prefix: 'dest',
		label: 'Destination',
		queryPrefix: 'dest_',
	});
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const answer = await socialPlusApiRequest.call(
		this,
		'merge_user',
		{ ...source, ...destination, nomerge: options.nomerge === true ? 'true' : undefined },
		itemIndex,
	);
	return { ...source, ...destination, merged: true, ...withoutStatus(answer) };
}
