import type { IAllExecuteFunctions, IDataObject } from 'n8n-workflow';

import { collectPages, type ListSettings } from '../../shared/pagination';
import { apiRequest, type ApiRequest, type ProviderProfile } from '../../shared/request';
import { ROLLER_CREDENTIAL, readRollerError } from '../auth';

/** ROLLER documents `itemsPerPage` up to 1000. */
export const ROLLER_MAX_PAGE_SIZE = 1000;

export const ROLLER: ProviderProfile = {
	name: 'ROLLER',
	readError: (status, body) => {
		const { message } = readRollerError(status, body);
		const hints: Record<number, string> = {
			401: 'The token was refused even after a fresh login: check the e-mail and password in the ROLLER credential.',
			403: 'This ROLLER account has no access to that organization or resource.',
			404: 'Check the organization, store and receipt IDs.',
		};
		return { message, hint: hints[status] };
	},
};

export async function rollerApiRequest(
	this: Pick<IAllExecuteFunctions, 'getNode' | 'helpers'>,
	request: ApiRequest,
): Promise<IDataObject> {
	return await apiRequest.call(this, ROLLER, ROLLER_CREDENTIAL, request);
}

/**
 * ROLLER's list calls (`POST …/receipts`, `POST …/stores`): page by `currentPage` (1-based) with a
 * fixed `itemsPerPage`, one call per page, stopping at `totalPages` or at the limit.
 */
export async function rollerListPages(
	this: Pick<IAllExecuteFunctions, 'getNode' | 'helpers'>,
	url: string,
	body: IDataObject,
	list: ListSettings,
	itemsPerPage: number,
	itemIndex: number,
): Promise<IDataObject[]> {
	const paging = { mode: 'pageNumber', maxPageSize: itemsPerPage, firstPage: 1 } as const;
	return await collectPages<IDataObject>(list, paging, async ({ page, pageSize }) => {
		const answer = await rollerApiRequest.call(this, {
			method: 'POST',
			url,
			body: { ...body, currentPage: page, itemsPerPage: pageSize },
			itemIndex,
		});
		const items = Array.isArray(answer.items) ? (answer.items as IDataObject[]) : [];
		const hasMore =
			answer.totalPages !== undefined && answer.totalPages !== null
				? page < Number(answer.totalPages)
				: items.length === pageSize;
		return { items, hasMore };
	});
}
