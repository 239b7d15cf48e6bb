import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { conditionsProperty } from '../NextEngine/actions/entity/common';
import { DATE_FIELDS, pollOrders } from './poll';

export class NextEngineTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Next Engine Trigger',
		name: 'nextEngineTrigger',
		icon: { light: 'file:nextEngine.svg', dark: 'file:nextEngine.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"] === "new" ? "New orders" : "New or updated orders"}}',
		description:
			'Starts the workflow when orders are created or updated in Next Engine. Each poll also keeps the token pair alive.',
		defaults: { name: 'Next Engine Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'nextEngineApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'New or Updated Order',
						value: 'newOrUpdated',
						description: `Orders whose ${DATE_FIELDS.newOrUpdated} is after the last poll`,
					},
					{
						name: 'New Order',
						value: 'new',
						description: `Orders whose ${DATE_FIELDS.new} is after the last poll`,
					},
				],
				default: 'newOrUpdated',
			},
			{
				displayName: 'Fields',
				name: 'fields',
				type: 'string',
				default:
					'receive_order_id,receive_order_shop_id,receive_order_date,receive_order_total_amount,receive_order_order_status_id',
				required: true,
				description:
					'Comma-separated order fields to return; the order ID and the watched date are always added',
			},
			conditionsProperty,
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
							'On activation, also emit the orders of the last N hours. 0: start from now. Fetch Test Event looks back this far too (24 hours when 0).',
					},
					{
						displayName: 'Date Field',
						name: 'dateField',
						type: 'string',
						default: '',
						placeholder: 'e.g. receive_order_import_date',
						description: "Watch another date field instead of the event's",
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const orders = await pollOrders.call(this);
		return orders?.length ? [this.helpers.returnJsonArray(orders)] : null;
	}
}
