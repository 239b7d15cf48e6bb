import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as api from './actions/api';
import * as maffApp from './actions/maffApp';
import { router } from './actions/router';
import * as token from './actions/token';

export class Wagri implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WAGRI',
		name: 'wagri',
		icon: { light: 'file:wagri.svg', dark: 'file:wagri.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Call the WAGRI agricultural data platform and the MAFF APP API',
		defaults: { name: 'WAGRI' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'wagriApi',
				required: true,
				displayOptions: { show: { authentication: ['wagriApi'] } },
			},
			{
				name: 'maffAppApi',
				required: true,
				displayOptions: { show: { authentication: ['maffAppApi'] } },
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'API', value: 'api' },
					{ name: 'MAFF APP', value: 'maffApp' },
					{ name: 'Token', value: 'token' },
				],
				default: 'api',
			},
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['api', 'token'] } },
				options: [
					{
						name: 'WAGRI API',
						value: 'wagriApi',
						description: 'WAGRI APIs: sends the WAGRI token',
					},
					{
						name: 'MAFF APP API (via WAGRI)',
						value: 'maffAppApi',
						description: 'MAFF APP APIs: sends the WAGRI token and the MAFF APP login',
					},
				],
				default: 'wagriApi',
			},
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['maffApp'] } },
				options: [{ name: 'MAFF APP API (via WAGRI)', value: 'maffAppApi' }],
				default: 'maffAppApi',
			},
			...api.description,
			...maffApp.description,
			...token.description,
		],
	};

	async execute(this: IExecuteFunctions) {
		return await router.call(this);
	}
}
