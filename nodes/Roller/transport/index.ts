import type { IAllExecuteFunctions, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { localExpiry, sendLoginRequest } from '../../shared/credentialAuth';
import { ProviderLoginError } from '../../shared/errors';
import { collectPages } from '../../shared/pagination';
import { apiRequest, type ApiRequest, type ProviderProfile } from '../../shared/request';

export const ROLLER_CREDENTIAL = 'rollerApi';
export const ROLLER_DEFAULT_BASE_URL = 'https://api.receiptroller.com';
/** ROLLER documents `itemsPerPage` up to 1000. */
export const ROLLER_MAX_PAGE_SIZE = 1000;

function readRollerError(status: number | undefined, body: unknown) {
	const answer = (body && typeof body === 'object' ? body : {}) as IDataObject;
	const message =
		typeof answer.error === 'string'
			? answer.error
			: typeof body === 'string' && body
				? body.slice(0, 200)
				: `the API answered HTTP ${status ?? '?'}`;
	return { message };
}

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

export interface RollerLogin {
	token: string;
	/** ROLLER's own end date for the token. */
	expire: string;
	/** The same end date on this machine's clock (see localExpiry). */
	tokenExpiresAt: string;
}

/**
 * POST /account/login with the credential's e-mail and password. Sends `expire` only when the
 * user asked for a token lifetime; ROLLER then applies its default.
 */
export async function loginToRoller(helpers: IHttpRequestHelper['helpers'], credentials: IDataObject): Promise<RollerLogin> {
	const body: IDataObject = { userName: credentials.userName, password: credentials.password };
	const lifetimeMinutes = Number(credentials.sessionLifetimeMinutes ?? 0);
	if (lifetimeMinutes > 0) body.expire = new Date(Date.now() + lifetimeMinutes * 60_000).toISOString();
	const { body: answer, headers } = await sendLoginRequest(
		helpers,
		'ROLLER',
		{
			method: 'POST',
			baseURL: String(credentials.baseUrl || ROLLER_DEFAULT_BASE_URL).replace(/\/+$/, ''),
			url: '/account/login',
			headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
			body,
		},
		readRollerError,
	);
	if (typeof answer.token !== 'string' || !answer.token) {
		throw new ProviderLoginError({ provider: 'ROLLER', message: 'the login answer had no token' });
	}
	const expire = typeof answer.expire === 'string' ? answer.expire : '';
	const end = Date.parse(expire);
	return {
		token: answer.token,
		expire,
		tokenExpiresAt: Number.isNaN(end) ? '' : localExpiry(end, headers.date),
	};
}

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
	paging: { returnAll: boolean; limit: number; pageSize: number },
	itemIndex: number,
): Promise<IDataObject[]> {
	const { returnAll, limit, pageSize } = paging;
	return await collectPages<IDataObject>({ returnAll, limit, maxPageSize: pageSize }, async ({ pageIndex }) => {
		const page = await rollerApiRequest.call(this, {
			method: 'POST',
			url,
			body: { ...body, currentPage: pageIndex + 1, itemsPerPage: pageSize },
			itemIndex,
		});
		const items = Array.isArray(page.items) ? (page.items as IDataObject[]) : [];
		const hasMore =
			page.totalPages !== undefined && page.totalPages !== null
				? pageIndex + 1 < Number(page.totalPages)
				: items.length === pageSize;
		return { items, hasMore };
	});
}
