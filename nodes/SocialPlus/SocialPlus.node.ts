import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { router } from './actions/router';
import * as user from './actions/user';

export class SocialPlus implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Social PLUS',
		name: 'socialPlus',
		icon: { light: 'file:socialPlus.svg', dark: 'file:socialPlus.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Read Social PLUS users and the tokens of their login providers (LINE, Yahoo! JAPAN, …)',
		defaults: { name: 'Social PLUS' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'socialPlusApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'User', value: 'user' }],
				default: 'user',
			},
			...user.description,
		],
	};

	async execute(this: IExecuteFunctions) {
		return await router.call(this);
	}
}
