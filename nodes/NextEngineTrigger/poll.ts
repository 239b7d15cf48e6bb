import type { IDataObject, IExecuteFunctions, IPollFunctions } from 'n8n-workflow';

import { withoutTokens } from '../NextEngine/auth/answers';
import { readConditions } from '../NextEngine/actions/entity/common';
import { readFields } from '../NextEngine/actions/entity/search.operation';
import { nextEngineApiRequest } from '../NextEngine/transport';
import { forEachPage } from '../shared/pagination';
import { advanceBoundaryCursor, pollItemContext } from '../shared/pollCursor';
import { integerInRange } from '../shared/validation';

const ID_FIELD = 'receive_order_id';
/** Next Engine's documented default (and our maximum) page size for search. */
const PAGE_SIZE = 10000;
/** Fetch Test Event looks this far back when "Also the Last N Hours" is 0. */
const TEST_EVENT_HOURS = 24;
/** Fetch Test Event shows at most this many of the newest orders. */
const TEST_EVENT_ROWS = 10;

export const DATE_FIELDS: Record<string, string> = {
	newOrUpdated: 'receive_order_last_modified_date',
	new: 'receive_order_creation_date',
};

/**
 * What the node keeps between polls (workflow static data, survives restarts): the newest
 * date seen and the IDs of the orders at exactly that date, so orders sharing the boundary
 * second are neither lost nor emitted twice. `scope` restarts the watch when the watched date
 * field or the conditions change.
 */
interface WatchState {
	scope?: string;
	cursor?: string;
	idsAtCursor?: string[];
}

/** `YYYY-MM-DD HH:MM:SS` in Japan time, how Next Engine writes and compares dates. */
export function formatJapanTime(epochMs: number): string {
	return new Date(epochMs + 9 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

function readSettings(context: IExecuteFunctions) {
	const event = context.getNodeParameter('event', 0, 'newOrUpdated') as string;
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const dateField = String(options.dateField ?? '').trim() || DATE_FIELDS[event];
	const fields = new Set(readFields.call(context, 0).split(','));
	fields.add(ID_FIELD);
	fields.add(dateField);
	const hours = integerInRange(
		context,
		options.lookbackHours ?? 0,
		'Also the Last N Hours',
		{ min: 0, max: 24 * 90 },
		0,
	);
	return {
		dateField,
		fields: [...fields].join(','),
		conditions: readConditions.call(context, 0),
		lookbackMs: hours * 3600_000,
	};
}

/** Every order whose date field is at or after `since` (Return All, one call per 10,000). */
async function ordersSince(
	context: IExecuteFunctions,
	settings: ReturnType<typeof readSettings>,
	since: string,
): Promise<IDataObject[]> {
	const rows = new Map<string, IDataObject>();
	const form = {
		fields: settings.fields,
		...settings.conditions,
		[`${settings.dateField}-gte`]: since,
	};
	await forEachPage<IDataObject>(
		{ returnAll: true, limit: 0 },
		{ mode: 'offset', maxPageSize: PAGE_SIZE },
		async ({ offset, pageSize }) => {
			const body = { ...form, offset, limit: pageSize };
			const answer = await nextEngineApiRequest.call(
				context,
				'/api_v1_receiveorder_base/search',
				body,
				0,
			);
			const data = withoutTokens(answer).data;
			const page = Array.isArray(data) ? (data as IDataObject[]) : [];
			return { items: page, hasMore: page.length === pageSize };
		},
		// An order changed while the pages are read may show up twice: keep its newest row.
		(page) => {
			for (const row of page) {
				const id = String(row[ID_FIELD]);
				const known = rows.get(id);
				if (!known || String(row[settings.dateField]) >= String(known[settings.dateField]))
					rows.set(id, row);
			}
		},
	);
	return [...rows.values()];
}

export async function pollOrders(this: IPollFunctions): Promise<IDataObject[] | null> {
	const context = pollItemContext(this);
	const settings = readSettings(context);
	const dateOf = (row: IDataObject) => String(row[settings.dateField] ?? '');
	const now = Date.now();

	if (this.getMode() === 'manual') {
		const since = formatJapanTime(now - (settings.lookbackMs || TEST_EVENT_HOURS * 3600_000));
		const rows = await ordersSince(context, settings, since);
		rows.sort((a, b) => dateOf(b).localeCompare(dateOf(a)));
		return rows.slice(0, TEST_EVENT_ROWS);
	}

	const state = this.getWorkflowStaticData('node') as WatchState;
	const scope = JSON.stringify([settings.dateField, settings.conditions]);
	const firstPoll = state.scope !== scope || !state.cursor;
	if (firstPoll && settings.lookbackMs === 0) {
		Object.assign(state, { scope, cursor: formatJapanTime(now), idsAtCursor: [] });
		return null;
	}
	const cursor = firstPoll ? formatJapanTime(now - settings.lookbackMs) : state.cursor!;
	const rows = await ordersSince(context, settings, cursor);
	const { fresh, next } = advanceBoundaryCursor(
		rows,
		{ cursor, idsAtCursor: firstPoll ? [] : (state.idsAtCursor ?? []) },
		dateOf,
		(row) => String(row[ID_FIELD]),
	);
	// Only a poll that succeeded moves the cursor: a failed one leaves it for the next poll.
	Object.assign(state, { scope, ...next });
	return fresh.length > 0 ? fresh : null;
}
