import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { organizationLocator } from '../Roller/actions/common';
import { listSearch } from '../Roller/methods';
import { pollReceipts } from './poll';

export class RollerTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ROLLER Trigger',
		name: 'rollerTrigger',
		icon: { light: 'file:roller.svg', dark: 'file:roller.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'New receipts',
		description: 'Starts the workflow when new receipts arrive in a {RECEIPT}ROLLER organization',
		defaults: { name: 'ROLLER Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'rollerApi', required: true }],
		properties: [
			organizationLocator(),
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				options: [
					{ displayName: 'Store ID', name: 'storeId', type: 'string', default: '' },
					{ displayName: 'Terminal ID', name: 'terminalId', type: 'string', default: '' },
				],
			},
		],
	};

	methods = { listSearch };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const receipts = await pollReceipts.call(this);
		return receipts?.length ? [this.helpers.returnJsonArray(receipts)] : null;
	}
}
