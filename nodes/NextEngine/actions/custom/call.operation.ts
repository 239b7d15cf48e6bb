import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput, requiredString } from '../../../shared/validation';
import { NE_TOKEN_KEYS, nextEngineApiRequest, withoutTokens } from '../../transport';
import { callOptionsDescription, readCallOptions, tokenSourceDescription, withItemPair } from '../common';

const show = { resource: ['custom'], operation: ['call'] };

export const description: INodeProperties[] = [
	...tokenSourceDescription(show),
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. /api_v1_receiveorder_base/update',
		displayOptions: { show },
		description: 'Any Next Engine API path. The tokens are added by the credential.',
	},
	{
		displayName: 'Form Fields',
		name: 'formFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	callOptionsDescription(show),
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const path = requiredString.call(this, 'path', 'Path', itemIndex);
	if (!/^\/[A-Za-z0-9_/.-]+$/.test(path)) {
		throw invalidInput(this, 'Path', 'must start with / and name a Next Engine API path, e.g. /api_v1_master_goods/search', itemIndex);
	}
	const raw = this.getNodeParameter('formFields', itemIndex, {}) as { field?: IDataObject[] };
	const form: IDataObject = {};
	for (const [index, field] of (raw.field ?? []).entries()) {
		const name = String(field.name ?? '').trim();
		if (!name) throw invalidInput(this, `Form Fields › Field ${index + 1} › Name`, 'is required but empty', itemIndex);
		if (NE_TOKEN_KEYS.includes(name)) {
			throw invalidInput(this, `Form Fields › Field ${index + 1} › Name`, 'the tokens come from the credential; remove this field', itemIndex);
		}
		form[name] = String(field.value ?? '');
	}
	const options = readCallOptions.call(this, itemIndex);
	return withItemPair(withoutTokens(await nextEngineApiRequest.call(this, path, form, itemIndex, options)), options.itemPair);
}
