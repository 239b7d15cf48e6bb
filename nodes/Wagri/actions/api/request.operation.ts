import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsProperty } from '../../../shared/descriptions';
import { decodeAnswer } from '../../../shared/request';
import { invalidInput, requiredString } from '../../../shared/validation';
import { wagriRequest } from '../../transport';
import { credentialTypeFor } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		options: [
			{ name: 'DELETE', value: 'DELETE' },
			{ name: 'GET', value: 'GET' },
			{ name: 'PATCH', value: 'PATCH' },
			{ name: 'POST', value: 'POST' },
			{ name: 'PUT', value: 'PUT' },
		],
		default: 'GET',
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. /API/Individual/MAFFAPP/...',
		description:
			"The API path after the credential's Base URL, as in the URL on the API's WAGRI page for that host (paths on api.wagri2.net differ from those on api.wagri.net)",
	},
	{
		displayName: 'Query Parameters',
		name: 'queryParameters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Query Parameter',
		default: {},
		options: [
			{
				displayName: 'Parameter',
				name: 'parameters',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Send Body',
		name: 'sendBody',
		type: 'boolean',
		default: false,
		description: 'Whether to send a JSON body',
	},
	{
		displayName: 'JSON Body',
		name: 'jsonBody',
		type: 'json',
		default: '{}',
		displayOptions: { show: { sendBody: [true] } },
	},
	optionsProperty([
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			description: 'The binary field that receives a file answer (anything that is not JSON)',
		},
		{
			displayName: 'Split Array Into Items',
			name: 'splitArrays',
			type: 'boolean',
			default: true,
			description:
				'Whether a JSON answer that is a list becomes one item per entry (otherwise one item holding the list)',
		},
	]),
];

const displayOptions = { show: { resource: ['api'], operation: ['request'] } };

export const description = updateDisplayOptions(displayOptions, properties);

function readPath(this: IExecuteFunctions, itemIndex: number) {
	const path = requiredString.call(this, 'path', 'Path', itemIndex);
	if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
		throw invalidInput(
			this,
			'Path',
			"must be a path such as /API/Public/..., not a full URL: the host comes from the credential's Base URL",
			itemIndex,
		);
	}
	return path.startsWith('/') ? path : `/${path}`;
}

function readBody(
	this: IExecuteFunctions,
	itemIndex: number,
): IDataObject | IDataObject[] | undefined {
	if (!this.getNodeParameter('sendBody', itemIndex, false)) return undefined;
	const raw = this.getNodeParameter('jsonBody', itemIndex, '{}') as unknown;
	if (raw && typeof raw === 'object') return raw as IDataObject;
	try {
		return JSON.parse(String(raw ?? '') || '{}') as IDataObject;
	} catch {
		throw invalidInput(
			this,
			'JSON Body',
			'is not valid JSON; check quotes, commas and brackets',
			itemIndex,
		);
	}
}

function readQuery(this: IExecuteFunctions, itemIndex: number): IDataObject | undefined {
	const query: IDataObject = {};
	const parameters = this.getNodeParameter('queryParameters.parameters', itemIndex, []) as Array<{
		name: string;
		value: string;
	}>;
	for (const { name, value } of parameters) {
		if (!name?.trim()) {
			throw invalidInput(this, 'Query Parameters', 'a parameter has no name', itemIndex);
		}
		query[name.trim()] = value;
	}
	return Object.keys(query).length ? query : undefined;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const method = this.getNodeParameter('method', itemIndex) as IHttpRequestMethods;
	const path = readPath.call(this, itemIndex);
	const body = readBody.call(this, itemIndex);
	const qs = readQuery.call(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as {
		binaryPropertyName?: string;
		splitArrays?: boolean;
	};

	const response = await wagriRequest.call(this, credentialTypeFor.call(this, itemIndex), {
		method,
		url: path,
		qs,
		body: body as IDataObject | undefined,
		headers: {
			Accept: 'application/json, */*',
			...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
		},
		binary: true,
		itemIndex,
	});
	return await decodeAnswer.call(this, response, {
		binaryPropertyName: options.binaryPropertyName?.trim() || 'data',
		splitArrays: options.splitArrays !== false,
		fallbackFileName: path.split('/').pop(),
	});
}
