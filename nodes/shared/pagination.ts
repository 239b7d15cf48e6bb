export interface PageRequest {
	/** 0-based page number. */
	pageIndex: number;
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
	settings: { returnAll: boolean; limit: number; maxPageSize: number },
	fetchPage: (request: PageRequest) => Promise<Page<T>>,
	onPage: (items: T[]) => void,
): Promise<number> {
	const wanted = settings.returnAll ? Number.POSITIVE_INFINITY : Math.max(0, settings.limit);
	let received = 0;
	for (let pageIndex = 0; received < wanted; pageIndex++) {
		const pageSize = Math.min(settings.maxPageSize, wanted - received);
		const page = await fetchPage({ pageIndex, pageSize, offset: received });
		const items = page.items.length > wanted - received ? page.items.slice(0, wanted - received) : page.items;
		received += items.length;
		onPage(items);
		if (!page.hasMore || page.items.length === 0) break;
	}
	return received;
}

export async function collectPages<T>(
	settings: { returnAll: boolean; limit: number; maxPageSize: number },
	fetchPage: (request: PageRequest) => Promise<Page<T>>,
): Promise<T[]> {
	const all: T[] = [];
	await forEachPage(settings, fetchPage, (items) => {
		for (const item of items) all.push(item);
	});
	return all;
}
