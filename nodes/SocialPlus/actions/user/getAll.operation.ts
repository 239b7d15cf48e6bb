import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	filtersProperty,
	optionsProperty,
	returnAllAndLimitProperties,
} from '../../../shared/descriptions';
import { readListSettings } from '../../../shared/pagination';
import { integerInRange, invalidInput } from '../../../shared/validation';
import { SOCIAL_PLUS_MAX_PAGE_SIZE, socialPlusUserPages } from '../../transport';

const PERIOD = /^\d+[smhd]$/;

const properties: INodeProperties[] = [
	...returnAllAndLimitProperties(),
	filtersProperty([
		{
			displayName: 'Created Within',
			name: 'createdWithin',
			type: 'string',
			default: '',
			placeholder: 'e.g. 7d',
			description:
				'Only users created within this period: a number followed by s, m, h or d (seconds, minutes, hours, days)',
		},
		{
			displayName: 'Last Login Within',
			name: 'lastLoginWithin',
			type: 'string',
			default: '',
			placeholder: 'e.g. 1h',
			description: 'Only users who logged in within this period: a number followed by s, m, h or d',
		},
		{
			displayName: 'Your User ID Linked',
			name: 'mapped',
			type: 'options',
			options: [
				{ name: 'Only Users With Your User ID', value: 'mapped_only' },
				{ name: 'Only Users Without Your User ID', value: 'not_mapped_only' },
			],
			default: 'mapped_only',
		},
	]),
	optionsProperty([
		{
			displayName: 'Users Per Page',
			name: 'pageSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: SOCIAL_PLUS_MAX_PAGE_SIZE },
			default: SOCIAL_PLUS_MAX_PAGE_SIZE,
			description:
				'How many users each API call fetches (Social PLUS allows up to 100). Fewer calls with larger pages.',
		},
	]),
];

const displayOptions = { show: { resource: ['user'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

function period(this: IExecuteFunctions, value: unknown, field: string, itemIndex: number) {
	const text = String(value ?? '').trim();
	if (!text) return undefined;
	if (!PERIOD.test(text)) {
		throw invalidInput(
			this,
			field,
			`must be a number followed by s, m, h or d, e.g. 30m or 7d (got "${text}")`,
			itemIndex,
		);
	}
	return text;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const list = readListSettings.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const query: IDataObject = {
		last_login_within: period.call(this, filters.lastLoginWithin, 'Last Login Within', itemIndex),
		created_within: period.call(this, filters.createdWithin, 'Created Within', itemIndex),
		mapped: filters.mapped,
	};
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const usersPerPage = integerInRange(
		this,
		options.pageSize ?? SOCIAL_PLUS_MAX_PAGE_SIZE,
		'Users Per Page',
		{ min: 1, max: SOCIAL_PLUS_MAX_PAGE_SIZE },
		itemIndex,
	);
	const identifiers = await socialPlusUserPages.call(this, query, list, usersPerPage, itemIndex);
	return identifiers.map((identifier) => ({ identifier }));
}
