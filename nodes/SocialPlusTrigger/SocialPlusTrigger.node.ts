import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { pollUsers } from './poll';

export class SocialPlusTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Social PLUS Trigger',
		name: 'socialPlusTrigger',
		icon: { light: 'file:socialPlus.svg', dark: 'file:socialPlus.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'New users',
		description:
			'Starts the workflow when new users are created in Social PLUS (asks only for the users created since the last poll)',
		defaults: { name: 'Social PLUS Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'socialPlusApi', required: true }],
		properties: [
			{
				displayName:
					'Emits the Social PLUS ID of each new user. Users newly linked to a login provider cannot be watched: the API would have to read every user on every poll. Use the Social PLUS node (Get Attributes) for the details.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Also the Last N Hours',
						name: 'lookbackHours',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 2160 },
						default: 0,
						description:
							'On activation, also emit the users created in the last N hours. 0: start from now. Fetch Test Event looks back this far too (24 hours when 0).',
					},
					{
						displayName: 'Clock Allowance (Seconds)',
						name: 'clockAllowanceSeconds',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 86400 },
						default: 120,
						description:
							"How far each poll reaches back before the last one, in case n8n's and Social PLUS's clocks differ; users seen in that overlap are not emitted twice",
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const users = await pollUsers.call(this);
		return users?.length ? [this.helpers.returnJsonArray(users)] : null;
	}
}
