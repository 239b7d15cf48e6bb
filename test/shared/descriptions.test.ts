import { optionsProperty, returnAllAndLimitProperties } from '../../nodes/shared/descriptions';

const keyword = { displayName: 'Keyword', name: 'keyword', type: 'string' as const, default: '' };

describe('operation fields', () => {
	test('Limit shows only while Return All is off, with the given maximum', () => {
		const [returnAll, limit] = returnAllAndLimitProperties(100);
		expect(returnAll).toMatchObject({ name: 'returnAll', default: false });
		expect(returnAll.displayOptions).toBeUndefined();
		expect(limit).toMatchObject({
			name: 'limit',
			default: 50,
			typeOptions: { minValue: 1, maxValue: 100 },
			displayOptions: { show: { returnAll: [false] } },
		});
	});

	test('Options always offers Parallel Requests, sorted by name with the other options', () => {
		const names = (optionsProperty([keyword]).options as (typeof keyword)[]).map(
			(option) => option.displayName,
		);
		expect(names).toEqual(['Keyword', 'Parallel Requests']);
	});
});
