import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as account from './actions/account';
import * as auth from './actions/auth';
import * as custom from './actions/custom';
import * as entity from './actions/entity';
import { router } from './actions/router';

export class NextEngine implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Next Engine',
		name: 'nextEngine',
		icon: { light: 'file:nextEngine.svg', dark: 'file:nextEngine.dark.svg' },
		group: ['input'],
		// 2: Exchange Login stores the pair in the node's credential by default
		version: [1, 2],
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Search orders, goods and stock in Next Engine; the credential keeps its rotating tokens by itself',
		defaults: { name: 'Next Engine' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'nextEngineApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Account', value: 'account' },
					{ name: 'Auth', value: 'auth' },
					{ name: 'Custom', value: 'custom' },
					{ name: 'Entity', value: 'entity' },
				],
				default: 'entity',
			},
			...auth.description,
			...account.description,
			...entity.description,
			...custom.description,
		],
	};

	async execute(this: IExecuteFunctions) {
		return await router.call(this);
	}
}
