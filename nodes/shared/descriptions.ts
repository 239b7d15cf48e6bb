import type { INodeProperties } from 'n8n-workflow';

/**
 * The Return All + Limit pair every list operation shows, as in n8n's own nodes. Without
 * resource/operation conditions: the operation file adds them with `updateDisplayOptions`.
 */
export function returnAllAndLimitProperties(maxLimit?: number): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: { show: { returnAll: [false] } },
			typeOptions: { minValue: 1, ...(maxLimit ? { maxValue: maxLimit } : {}) },
			default: 50,
			description: 'Max number of results to return',
		},
	];
}

/**
 * Options → Parallel Requests: how many input items run at the same time. 1 (one after another)
 * by default; the credential still logs in once however many items find a stale token at once.
 */
export const parallelRequestsOption: INodeProperties = {
	displayName: 'Parallel Requests',
	name: 'parallelRequests',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 20 },
	default: 1,
	description:
		'How many input items to process at the same time. Raise it to go faster over many items when the provider allows it; output order stays the input order.',
};

/** The Options collection of an operation, always offering Parallel Requests. */
export function optionsProperty(options: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...options, parallelRequestsOption].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	};
}

/** The Filters collection of a list operation. */
export function filtersProperty(filters: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: filters,
	};
}
