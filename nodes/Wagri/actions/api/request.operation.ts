import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import { invalidInput, requiredString } from '../../../shared/validation';
import { wagriRequest } from '../../transport';
import { credentialTypeFor } from '../common';

const show = { resource: ['api'], operation: ['request'] };

export const description: INodeProperties[] = [
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
		displayOptions: { show },
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. /API/Individual/MAFFAPP/...',
		description: "The API path after the credential's Base URL, as given in the WAGRI API documentation",
		displayOptions: { show },
	},
	{
		displayName: 'Query Parameters',
		name: 'queryParameters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Query Parameter',
		default: {},
		displayOptions: { show },
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
		displayOptions: { show },
	},
	{
		displayName: 'JSON Body',
		name: 'jsonBody',
		type: 'json',
		default: '{}',
		displayOptions: { show: { ...show, sendBody: [true] } },
	},
	optionsCollection({ show }, [
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
			description: 'Whether a JSON answer that is a list becomes one item per entry (otherwise one item holding the list)',
		},
	]),
];

function headerValue(headers: IDataObject | undefined, name: string): string {
	if (!headers) return '';
	const key = Object.keys(headers).find((entry) => entry.toLowerCase() === name);
	return key ? String(headers[key] ?? '') : '';
}

function fileNameFrom(contentDisposition: string): string | undefined {
	const encoded = /filename\*\s*=\s*[^']*''([^;]+)/i.exec(contentDisposition);
	if (encoded) {
		try {
			return decodeURIComponent(encoded[1].trim());
		} catch {
			return encoded[1].trim();
		}
	}
	const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(contentDisposition);
	return plain ? plain[1].trim() : undefined;
}

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

function readBody(this: IExecuteFunctions, itemIndex: number): IDataObject | IDataObject[] | undefined {
	if (!this.getNodeParameter('sendBody', itemIndex, false)) return undefined;
	const raw = this.getNodeParameter('jsonBody', itemIndex, '{}') as unknown;
	if (raw && typeof raw === 'object') return raw as IDataObject;
	try {
		return JSON.parse(String(raw ?? '') || '{}') as IDataObject;
	} catch {
		throw invalidInput(this, 'JSON Body', 'is not valid JSON; check quotes, commas and brackets', itemIndex);
	}
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const method = this.getNodeParameter('method', itemIndex) as IHttpRequestMethods;
	const path = readPath.call(this, itemIndex);
	const body = readBody.call(this, itemIndex);
	const query: IDataObject = {};
	const parameters = this.getNodeParameter('queryParameters.parameters', itemIndex, []) as Array<{ name: string; value: string }>;
	for (const { name, value } of parameters) {
		if (!name?.trim()) throw invalidInput(this, 'Query Parameters', 'a parameter has no name', itemIndex);
		query[name.trim()] = value;
	}
	const options = this.getNodeParameter('options', itemIndex, {}) as { binaryPropertyName?: string; splitArrays?: boolean };

	const response = await wagriRequest.call(this, credentialTypeFor.call(this, itemIndex), {
		method,
		url: path,
		qs: Object.keys(query).length ? query : undefined,
		body: body as IDataObject | undefined,
		headers: { Accept: 'application/json, */*', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
		binary: true,
		itemIndex,
	});

	const bytes = Buffer.isBuffer(response.body) ? response.body : Buffer.from((response.body ?? '') as ArrayBuffer);
	const contentType = headerValue(response.headers as IDataObject, 'content-type');
	if (bytes.length === 0) return [{ json: { statusCode: response.statusCode } }];
	if (/[/+]json\b/i.test(contentType)) {
		let answer: unknown;
		try {
			answer = JSON.parse(bytes.toString('utf8'));
		} catch {
			answer = undefined;
		}
		if (answer !== undefined) {
			if (Array.isArray(answer) && options.splitArrays !== false) {
				return answer.map((entry) => ({ json: entry && typeof entry === 'object' ? (entry as IDataObject) : { value: entry } }));
			}
			return [{ json: answer && typeof answer === 'object' && !Array.isArray(answer) ? (answer as IDataObject) : { data: answer as IDataObject } }];
		}
	}
	const fileName = fileNameFrom(headerValue(response.headers as IDataObject, 'content-disposition')) ?? path.split('/').pop();
	const binaryField = options.binaryPropertyName?.trim() || 'data';
	const binary = await this.helpers.prepareBinaryData(bytes, fileName, contentType.split(';')[0].trim() || undefined);
	return [{ json: { fileName: binary.fileName, mimeType: binary.mimeType, fileSize: bytes.length }, binary: { [binaryField]: binary } }];
}
