import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsProperty } from '../../../shared/descriptions';
import { socialPlusApiRequest, withoutStatus } from '../../transport';
import { validPrimaryKey } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Your User ID',
				name: 'primaryKey',
				type: 'string',
				default: '',
				placeholder: 'e.g. user_123',
				description:
					'Link this ID of your own service to the new user right away (up to 255 printable ASCII characters)',
			},
		],
	},
	optionsProperty(),
];

const displayOptions = { show: { resource: ['user'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const query: IDataObject = {};
	if (String(additionalFields.primaryKey ?? '').trim() !== '') {
		query.primary_key = validPrimaryKey.call(
			this,
			'additionalFields.primaryKey',
			'Your User ID',
			itemIndex,
		);
	}
	const answer = await socialPlusApiRequest.call(this, 'create_user', query, itemIndex);
	return withoutStatus(answer);
}
