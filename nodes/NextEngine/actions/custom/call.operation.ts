import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { invalidInput, requiredString } from '../../../shared/validation';
import { NE_TOKEN_KEYS, withoutTokens } from '../../auth/answers';
import { nextEngineApiRequest } from '../../transport';
import {
	callOptionsProperty,
	readCallOptions,
	tokenSourceProperties,
	withItemPair,
} from '../common';

const properties: INodeProperties[] = [
	...tokenSourceProperties,
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. /api_v1_receiveorder_base/update',
		description: 'Any Next Engine API path. The tokens are added by the credential.',
	},
	{
		displayName: 'Form Fields',
		name: 'formFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Field',
		default: {},
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
	callOptionsProperty(),
];

const displayOptions = { show: { resource: ['custom'], operation: ['call'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const path = requiredString.call(this, 'path', 'Path', itemIndex);
	if (!/^\/[A-Za-z0-9_/.-]+$/.test(path)) {
		const rule =
			'must start with / and name a Next Engine API path, e.g. /api_v1_master_goods/search';
		throw invalidInput(this, 'Path', rule, itemIndex);
	}
	const raw = this.getNodeParameter('formFields', itemIndex, {}) as { field?: IDataObject[] };
	const form: IDataObject = {};
	for (const [index, field] of (raw.field ?? []).entries()) {
		const name = String(field.name ?? '').trim();
		const label = `Form Fields › Field ${index + 1} › Name`;
		if (!name) throw invalidInput(this, label, 'is required but empty', itemIndex);
		if (NE_TOKEN_KEYS.includes(name)) {
			const problem = 'the tokens come from the credential; remove this field';
			throw invalidInput(this, label, problem, itemIndex);
		}
		form[name] = String(field.value ?? '');
	}
	const options = readCallOptions.call(this, itemIndex);
	const answer = await nextEngineApiRequest.call(this, path, form, itemIndex, options);
	return withItemPair(withoutTokens(answer), options.itemPair);
}
