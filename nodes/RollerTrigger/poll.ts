import type { IDataObject, IExecuteFunctions, IPollFunctions } from 'n8n-workflow';

import { getOrganizationId } from '../Roller/actions/common';
import { ROLLER_MAX_PAGE_SIZE, rollerApiRequest } from '../Roller/transport';
import { forEachPage } from '../shared/pagination';
import { advanceBoundaryCursor, pollItemContext } from '../shared/pollCursor';

/** Fetch Test Event shows this many of the newest receipts. */
const TEST_EVENT_RECEIPTS = 10;
/** The first poll reads this many of the newest receipts to learn where "now" is. */
const FIRST_PAGE_SIZE = 100;

/**
 * What the node keeps between polls (workflow static data, survives restarts): the highest
 * transaction ID seen and the receipt IDs that carry it, so receipts sharing that number are
 * neither lost nor emitted twice. `scope` restarts the watch when the organization or the
 * filters change.
 */
interface WatchState {
	scope?: string;
	cursor?: number;
	idsAtCursor?: string[];
}

const receiptOf = (item: IDataObject) => (item.receipt ?? {}) as IDataObject;
const transactionIdOf = (item: IDataObject) => Number(receiptOf(item).transactionId);
const receiptIdOf = (item: IDataObject) => String(receiptOf(item).id);

/**
 * Receipts newest first (`transactionId desc`), page after page until a page reaches the
 * cursor: one call per 1,000 new receipts.
 */
async function receiptsDownTo(
	context: IExecuteFunctions,
	url: string,
	filters: IDataObject,
	cursor: number,
	itemsPerPage: number,
): Promise<IDataObject[]> {
	const receipts = new Map<string, IDataObject>();
	await forEachPage<IDataObject>(
		{ returnAll: true, limit: 0 },
		{ mode: 'pageNumber', maxPageSize: itemsPerPage, firstPage: 1 },
		async ({ page, pageSize }) => {
			const answer = await rollerApiRequest.call(context, {
				method: 'POST',
				url,
				body: { ...filters, sort: 'transactionId desc', currentPage: page, itemsPerPage: pageSize },
			});
			const items = Array.isArray(answer.items) ? (answer.items as IDataObject[]) : [];
			const reachedCursor = items.some((item) => transactionIdOf(item) <= cursor);
			const lastPage = answer.totalPages === undefined || page >= Number(answer.totalPages);
			return { items, hasMore: !reachedCursor && !lastPage && items.length === pageSize };
		},
		// Receipts arriving while the pages are read push older ones onto the next page: keep one.
		(page) => {
			for (const item of page) receipts.set(receiptIdOf(item), item);
		},
	);
	return [...receipts.values()];
}

export async function pollReceipts(this: IPollFunctions): Promise<IDataObject[] | null> {
	const context = pollItemContext(this);
	const organizationId = getOrganizationId.call(context, 0);
	const filters = this.getNodeParameter('filters', {}) as IDataObject;
	const url = `/${encodeURIComponent(organizationId)}/receipts`;

	if (this.getMode() === 'manual') {
		const answer = await rollerApiRequest.call(context, {
			method: 'POST',
			url,
			body: {
				...filters,
				sort: 'transactionId desc',
				currentPage: 1,
				itemsPerPage: TEST_EVENT_RECEIPTS,
			},
		});
		return Array.isArray(answer.items) ? (answer.items as IDataObject[]) : [];
	}

	const state = this.getWorkflowStaticData('node') as WatchState;
	const scope = JSON.stringify([organizationId, filters]);
	if (state.scope !== scope || state.cursor === undefined) {
		// Start from now: the newest number and the receipts that carry it, one call.
		const page = await receiptsDownTo(context, url, filters, Infinity, FIRST_PAGE_SIZE);
		const cursor = page.reduce((max, item) => Math.max(max, transactionIdOf(item)), 0);
		const idsAtCursor = page
			.filter((item) => transactionIdOf(item) === cursor)
			.map((item) => receiptIdOf(item));
		Object.assign(state, { scope, cursor, idsAtCursor });
		return null;
	}
	const receipts = await receiptsDownTo(context, url, filters, state.cursor, ROLLER_MAX_PAGE_SIZE);
	// Newest first from ROLLER: reversed, receipts sharing a number stay in arrival order.
	const { fresh, next } = advanceBoundaryCursor(
		[...receipts].reverse(),
		{ cursor: state.cursor, idsAtCursor: state.idsAtCursor ?? [] },
		transactionIdOf,
		receiptIdOf,
	);
	// Only a poll that succeeded moves the cursor: a failed one leaves it for the next poll.
	Object.assign(state, { scope, ...next });
	return fresh.length > 0 ? fresh : null;
}
