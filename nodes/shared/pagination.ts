import type { IExecuteFunctions } from 'n8n-workflow';

import { integerInRange } from './validation';

/** Return All, or how many items at most: what every list operation asks. */
export interface ListSettings {
	returnAll: boolean;
	/** Only meaningful when returnAll is false; a whole number ≥ 1. */
	limit: number;
}

/**
 * Reads and validates Return All / Limit once, the same way for every list operation (the
 * parameter names are those of `returnAllAndLimitProperties` in descriptions.ts).
 */
export function readListSettings(
	this: Pick<IExecuteFunctions, 'getNode' | 'getNodeParameter'>,
	itemIndex: number,
): ListSettings {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	if (returnAll) return { returnAll, limit: 0 };
	const limit = integerInRange(
		this,
		this.getNodeParameter('limit', itemIndex, 50),
		'Limit',
		{ min: 1, max: Number.MAX_SAFE_INTEGER },
		itemIndex,
	);
	return { returnAll, limit };
}

/**
 * How a provider pages:
 * - `offset`: the request names where to start (`offset`) and how many to send; the last page
 *   may ask for fewer.
 * - `pageNumber`: the request names a page number and a fixed page size; every page must have
 *   the same size or the numbering shifts, so the size is fixed once for the whole walk.
 */
export interface PagingMode {
	mode: 'offset' | 'pageNumber';
	/** The provider's largest page (or the user's chosen page size). */
	maxPageSize: number;
	/** `pageNumber` mode: the number of the first page (ROLLER 1, Social PLUS 0). */
	firstPage?: number;
}

export interface PageRequest {
	/** `pageNumber` mode: the page number to send (starting at firstPage); `offset` mode: 0, 1, 2… */
	page: number;
	/** Items to ask for on this page. */
	pageSize: number;
	/** Items already received before this page. */
	offset: number;
}

export interface Page<T> {
	items: T[];
	/** Whether the provider has more after this page (from its totals, when it gives them). */
	hasMore: boolean;
}

/**
 * The one pagination loop every list operation uses: Return All walks every page with one call
 * per page; otherwise it stops as soon as `limit` items are in, asking for no more than needed.
 * Each page is handed to `onPage` and then dropped, so memory holds one page of raw answers.
 */
export async function forEachPage<T>(
	settings: ListSettings,
	paging: PagingMode,
	fetchPage: (request: PageRequest) => Promise<Page<T>>,
	onPage: (items: T[]) => void,
): Promise<number> {
	const wanted = settings.returnAll ? Number.POSITIVE_INFINITY : Math.max(0, settings.limit);
	const fixedPageSize = Math.min(paging.maxPageSize, wanted);
	let received = 0;
	for (let pageIndex = 0; received < wanted; pageIndex++) {
		const pageSize =
			paging.mode === 'pageNumber'
				? fixedPageSize
				: Math.min(paging.maxPageSize, wanted - received);
		const page = paging.mode === 'pageNumber' ? pageIndex + (paging.firstPage ?? 0) : pageIndex;
		const answer = await fetchPage({ page, pageSize, offset: received });
		const items =
			answer.items.length > wanted - received
				? answer.items.slice(0, wanted - received)
				: answer.items;
		received += items.length;
		onPage(items);
		if (!answer.hasMore || answer.items.length === 0) break;
	}
	return received;
}

export async function collectPages<T>(
	settings: ListSettings,
	paging: PagingMode,
	fetchPage: (request: PageRequest) => Promise<Page<T>>,
): Promise<T[]> {
	const all: T[] = [];
	await forEachPage(settings, paging, fetchPage, (items) => {
		for (const item of items) all.push(item);
	});
	return all;
}
