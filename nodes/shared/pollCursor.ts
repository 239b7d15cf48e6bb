import type { IExecuteFunctions, IPollFunctions } from 'n8n-workflow';

/**
 * A poll seen as item 0 of an execution, so a trigger can read its parameters through the
 * same helpers its provider's operations use (`getNodeParameter(name, itemIndex, fallback)`).
 */
export function pollItemContext(poll: IPollFunctions): IExecuteFunctions {
	return Object.create(poll, {
		getNodeParameter: {
			value: (name: string, _itemIndex: number, fallback?: unknown) =>
				poll.getNodeParameter(name, fallback),
		},
	}) as IExecuteFunctions;
}

/**
 * Where a trigger stopped (kept in workflow static data): the highest value seen (a date, a
 * number) and the IDs of the rows that carry exactly it, so rows sharing the boundary value are
 * neither lost nor emitted twice.
 */
export interface BoundaryCursor<Value extends string | number> {
	cursor: Value;
	idsAtCursor: string[];
}

/**
 * The rows a poll has not emitted yet (oldest first; rows with the same value keep their
 * order) and the cursor to keep after this poll succeeded.
 */
export function advanceBoundaryCursor<Row, Value extends string | number>(
	rows: Row[],
	since: BoundaryCursor<Value>,
	valueOf: (row: Row) => Value,
	idOf: (row: Row) => string,
): { fresh: Row[]; next: BoundaryCursor<Value> } {
	const seen = new Set(since.idsAtCursor);
	const fresh = rows
		.filter((row) => {
			const value = valueOf(row);
			return value > since.cursor || (value === since.cursor && !seen.has(idOf(row)));
		})
		.sort((a, b) => (valueOf(a) < valueOf(b) ? -1 : valueOf(a) > valueOf(b) ? 1 : 0));
	const newest = rows.reduce((max, row) => (valueOf(row) > max ? valueOf(row) : max), since.cursor);
	const atNewest = rows.filter((row) => valueOf(row) === newest).map(idOf);
	const idsAtCursor = newest === since.cursor ? [...new Set([...seen, ...atNewest])] : atNewest;
	return { fresh, next: { cursor: newest, idsAtCursor } };
}
