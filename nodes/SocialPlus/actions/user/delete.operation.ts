import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsProperty } from '../../../shared/descriptions';
import { socialPlusLookup } from '../../transport';
import { userQuery, userSelector } from '../common';

const properties: INodeProperties[] = [
	...userSelector(),
	optionsProperty([
		{
			displayName: 'Ignore If Not Found',
			name: 'ignoreNotFound',
			type: 'boolean',
			default: false,
			description:
				'Whether an unknown user ("Entity not found.", code 7) counts as already deleted (output with deleted: false) instead of an error',
		},
	]),
];

const displayOptions = { show: { resource: ['user'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const query = userQuery.call(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const answer = await socialPlusLookup.call(
		this,
		'delete_user',
		query,
		options.ignoreNotFound === true,
		itemIndex,
	);
	return answer ? { ...query, deleted: true } : { ...query, deleted: false, found: false };
}
