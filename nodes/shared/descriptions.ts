import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** The Return All + Limit pair every list operation shows, as in n8n's own nodes. */
export function returnAllAndLimit(displayOptions: IDisplayOptions, maxLimit?: number): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			displayOptions,
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: {
				...displayOptions,
				show: { ...(displayOptions.show ?? {}), returnAll: [false] },
			},
			typeOptions: { minValue: 1, ...(maxLimit ? { maxValue: maxLimit } : {}) },
			default: 50,
			description: 'Max number of results to return',
		},
	];
}
