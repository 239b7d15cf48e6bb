import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as account from './actions/account';
import * as receipt from './actions/receipt';
import { router } from './actions/router';
import * as store from './actions/store';
import { listSearch } from './methods';

export class Roller implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ROLLER',
		name: 'roller',
		icon: { light: 'file:roller.svg', dark: 'file:roller.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read receipts, stores and account data from {RECEIPT}ROLLER',
		defaults: { name: 'ROLLER' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'rollerApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Account', value: 'account' },
					{ name: 'Receipt', value: 'receipt' },
					{ name: 'Store', value: 'store' },
				],
				default: 'receipt',
			},
			...account.description,
			...receipt.description,
			...store.description,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions) {
		return await router.call(this);
	}
}
