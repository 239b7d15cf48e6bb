import {
	NodeApiError,
	type IAllExecuteFunctions,
	type IDataObject,
	type JsonObject,
} from 'n8n-workflow';

import { collectPages, type ListSettings } from '../../shared/pagination';
import { apiRequest, type ProviderProfile } from '../../shared/request';
import { SOCIAL_PLUS_CREDENTIAL } from '../auth';
/** `users` documents `limit` up to 100 (default 20). */
export const SOCIAL_PLUS_MAX_PAGE_SIZE = 100;

/** Social PLUS's documented error codes, and what the user can do about each. */
const HINTS: Record<string, string> = {
	'1': 'Social PLUS does not know this API key. Copy it again from Social Login Manager → Settings → API Key into the Social PLUS credential.',
	'3': 'Social PLUS could not carry out the operation. For Merge: both users may be linked to the same login account; unlink it from one of them first.',
	'4': 'The one-time login token is wrong, already used or expired. Use the "token" of the latest login callback, once.',
	'5': 'A parameter Social PLUS requires was not sent. Fill in every required field of the node.',
	'6': "Social PLUS rejected a parameter's value or format. A Social PLUS ID has at most 40 characters; your own user ID at most 255 printable ASCII characters (no spaces, no Japanese).",
	'7': 'No Social PLUS user has this ID. To skip missing users instead of failing, turn on the "Return Empty Result If Not Found" option.',
	'8': 'This user already has one of your user IDs linked. Turn on "Overwrite" to replace it.',
	'9': 'The user is not linked to that login provider. Check the providers with User → Get Attributes.',
	'10': 'Social PLUS refused the operation: unlinking would leave the user without any login provider. Turn on "Allow Removing the Last Provider", or delete the user instead.',
	'11': "That login provider's settings are not complete in Social PLUS. Finish them in Social Login Manager first.",
	'12': 'This API key is not allowed to use this API. Ask Social PLUS to grant the privilege.',
	'15': 'The login provider is already linked to this user.',
	'16': 'Another Social PLUS user already has this user ID (primary key). Use a different one, or unlink it from the other user first.',
};

export function readSocialPlusError(status: number | undefined, body: unknown) {
	const answer = (body && typeof body === 'object' ? body : {}) as IDataObject;
	const error = (
		answer.error && typeof answer.error === 'object' ? answer.error : {}
	) as IDataObject;
	if (error.code !== undefined && error.code !== null) {
		const code = String(error.code);
		const message =
			typeof error.message === 'string' && error.message
				? error.message
				: 'error without a message';
		return { code, message, hint: HINTS[code] };
	}
	const message =
		typeof body === 'string' && body
			? body.slice(0, 200)
			: `the API answered HTTP ${status ?? '?'} without an error code`;
	return { message };
}

export const SOCIAL_PLUS: ProviderProfile = {
	name: 'Social PLUS',
	readError: (status, body) => readSocialPlusError(status, body),
	// A fixed key: a 401 will not change on a second try.
	noRetryOnUnauthorized: true,
	// Every documented answer carries `status`; an HTTP 200 whose status is "failed" is still a failure.
	errorInSuccessfulAnswer: (body) => {
		const answer = (body && typeof body === 'object' ? body : {}) as IDataObject;
		if (answer.status !== 'failed') return undefined;
		return { httpCode: 200, ...readSocialPlusError(200, body) };
	},
};

/** Whether an error thrown by socialPlusApiRequest carries this Social PLUS error code. */
export function hasSocialPlusCode(error: unknown, code: number): boolean {
	return (
		error instanceof NodeApiError &&
		(error.errorResponse as IDataObject | undefined)?.code === String(code)
	);
}

/**
 * `GET /api/<resource>` with the given query; the credential adds the API key. Empty values are
 * left out so an unset optional field never reaches Social PLUS.
 */
export async function socialPlusApiRequest(
	this: Pick<IAllExecuteFunctions, 'getNode' | 'helpers'>,
	resource: string,
	qs: IDataObject,
	itemIndex?: number,
): Promise<IDataObject> {
	const query: IDataObject = {};
	for (const [name, value] of Object.entries(qs)) {
		if (value !== undefined && value !== null && value !== '') query[name] = value;
	}
	return await apiRequest.call(this, SOCIAL_PLUS, SOCIAL_PLUS_CREDENTIAL, {
		method: 'GET',
		url: `/api/${resource}`,
		qs: query,
		itemIndex,
	});
}

/**
 * Like socialPlusApiRequest, but "Entity not found." (code 7) gives `undefined` instead of an
 * error when `notFoundIsEmpty` is set: lookups over lists where some users are missing.
 */
export async function socialPlusLookup(
	this: Pick<IAllExecuteFunctions, 'getNode' | 'helpers'>,
	resource: string,
	qs: IDataObject,
	notFoundIsEmpty: boolean,
	itemIndex?: number,
): Promise<IDataObject | undefined> {
	try {
		return await socialPlusApiRequest.call(this, resource, qs, itemIndex);
	} catch (error) {
		if (notFoundIsEmpty && hasSocialPlusCode(error, 7)) return undefined;
		// Already a NodeApiError from the request layer: the constructor hands it back unchanged.
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}
}

interface UsersPage {
	users?: unknown[];
	total?: number;
}

/**
 * `GET /api/users`: pages by `page` (0-based) with a fixed `limit`, one call per page, stopping
 * at `total` or at the limit. Gives the Social PLUS IDs.
 */
export async function socialPlusUserPages(
	this: Pick<IAllExecuteFunctions, 'getNode' | 'helpers'>,
	query: IDataObject,
	list: ListSettings,
	usersPerPage: number,
	itemIndex: number,
): Promise<string[]> {
	const paging = { mode: 'pageNumber', maxPageSize: usersPerPage, firstPage: 0 } as const;
	return await collectPages<string>(list, paging, async ({ page, pageSize, offset }) => {
		const answer = (await socialPlusApiRequest.call(
			this,
			'users',
			{ ...query, page, limit: pageSize },
			itemIndex,
		)) as UsersPage;
		const users = Array.isArray(answer.users) ? answer.users.map(String) : [];
		const hasMore =
			answer.total !== undefined
				? offset + users.length < Number(answer.total)
				: users.length === pageSize;
		return { items: users, hasMore };
	});
}

/** The answer without its `status: "ok"`, which says nothing once the call has succeeded. */
export function withoutStatus(answer: IDataObject): IDataObject {
	const { status: _status, ...rest } = answer;
	return rest;
}
