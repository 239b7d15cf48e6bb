import {
	sleep,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IN8nHttpFullResponse,
} from 'n8n-workflow';

import { describeHttpFailure, providerApiError } from '../../shared/errors';
import { jsonBody, providerErrorFrom } from '../../shared/request';
import {
	isDeadPairCode,
	NE_CREDENTIAL,
	NE_RELOGIN_HINT,
	NEXT_ENGINE,
	nonEmpty,
	pairFromAnswer,
	parseNextEngineDate,
	refusedPairDetails,
	refusedPairIn,
	type StoredPair,
} from '../auth/answers';
import { NE_NODE_REQUEST_KEY } from '../auth/credentialAuth';
import { NE_ITEM_PAIR_KEY, storeRotatedPair } from '../auth/pairStorage';

export type NodeContext = Pick<IExecuteFunctions, 'getNode' | 'helpers' | 'getCredentials'>;

/** How often, and how far apart, to look for a pair another execution has just stored. */
// Up to 3 s: in queue mode the worker that rotated may be slow to store the pair under load.
const NEWER_PAIR_LOOKS = 15;
const NEWER_PAIR_LOOK_INTERVAL_MS = 200;

/**
 * A token pair that came with an input item (app makers with one pair per company). Updated in
 * place after every call, so the next page uses the newest pair and the output can carry it.
 */
export interface ItemPair {
	accessToken: string;
	refreshToken: string;
	accessTokenEndDate: string;
	refreshTokenEndDate: string;
	rotated: boolean;
}

type Sent =
	{ failed: false; answer: IDataObject; headers: IDataObject } | { failed: true; failure: unknown };

/** The one request path: a POST through the credential, with the pair in `credentialData`. */
async function sendWithPair(
	this: NodeContext,
	path: string,
	form: IDataObject,
	credentialData: ICredentialDataDecryptedObject,
): Promise<Sent> {
	let response: IN8nHttpFullResponse;
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(
			this as never,
			NE_CREDENTIAL,
			{
				method: 'POST',
				url: path,
				body: { ...form },
				headers: { Accept: 'application/json' },
				json: true,
				returnFullResponse: true,
			},
			{
				credentialsDecrypted: {
					id: '',
					name: NE_CREDENTIAL,
					type: NE_CREDENTIAL,
					data: Object.assign(credentialData, { [NE_NODE_REQUEST_KEY]: true }),
				},
			},
		)) as IN8nHttpFullResponse;
	} catch (failure) {
		return { failed: true, failure };
	}
	return { failed: false, answer: jsonBody(response), headers: response.headers as IDataObject };
}

/** The stored pair, once it differs from the refused one (another execution renewed it). */
async function newerStoredPair(this: NodeContext, refused: IDataObject, itemIndex: number) {
	for (let look = 0; look < NEWER_PAIR_LOOKS; look++) {
		const stored = await this.getCredentials(NE_CREDENTIAL, itemIndex);
		if (nonEmpty(stored.accessToken) && stored.accessToken !== refused.accessToken) return stored;
		await sleep(NEWER_PAIR_LOOK_INTERVAL_MS);
	}
	return undefined;
}

/** A pair to store: other tokens than were sent, or end dates the credential has not learnt. */
function isNewPair(pair: StoredPair, sentWith: IDataObject) {
	return (
		pair.accessToken !== sentWith.accessToken ||
		pair.refreshToken !== sentWith.refreshToken ||
		!sentWith.accessTokenExpiresAt
	);
}

/**
 * One Next Engine call with the credential's pair: the pair that comes back is stored when it
 * is new; a pair refused because another execution rotated it first is replaced by the stored
 * one and the call retried once. Answers with result error/redirect are returned as they are.
 */
export async function callWithStoredPair(
	this: NodeContext,
	path: string,
	form: IDataObject,
	itemIndex: number,
): Promise<IDataObject> {
	let credentials = await this.getCredentials(NE_CREDENTIAL, itemIndex);
	for (let attempt = 0; ; attempt++) {
		const sentWith: ICredentialDataDecryptedObject = { ...credentials };
		const sent = await sendWithPair.call(this, path, form, sentWith);
		if (!sent.failed) {
			const pair = pairFromAnswer(sent.answer, sent.headers);
			if (pair && isNewPair(pair, sentWith)) {
				await storeRotatedPair.call(this, sentWith, pair, itemIndex);
			}
		}
		const refusedCode = sent.failed
			? describeHttpFailure(sent.failure).login?.code
			: sent.answer.result === 'error'
				? sent.answer.code
				: undefined;
		if (attempt === 0 && isDeadPairCode(refusedCode)) {
			const stored = await newerStoredPair.call(this, sentWith, itemIndex);
			if (stored) {
				credentials = stored;
				continue;
			}
		}
		const refreshTokenEnd = Date.parse(String(sentWith.refreshTokenExpiresAt ?? ''));
		if (sent.failed) throw nextEngineFailure(this, sent.failure, itemIndex, refreshTokenEnd);
		const refusal = refusedPairIn(sent.answer);
		if (!refusal) return sent.answer;
		const details = refusedPairDetails(refusal, refreshTokenEnd, '', false);
		throw providerApiError(this.getNode(), details, itemIndex);
	}
}

/** One call with a pair from an input item; the pair Next Engine answers replaces it in place. */
export async function callWithItemPair(
	this: NodeContext,
	path: string,
	form: IDataObject,
	itemIndex: number,
	itemPair: ItemPair,
): Promise<IDataObject> {
	const credentials = await this.getCredentials(NE_CREDENTIAL, itemIndex);
	const sent = await sendWithPair.call(this, path, form, {
		...credentials,
		accessToken: itemPair.accessToken,
		refreshToken: itemPair.refreshToken,
		accessTokenExpiresAt: '',
		refreshTokenExpiresAt: '',
		pairStoredAt: 'input item',
		[NE_ITEM_PAIR_KEY]: true,
	});
	const refreshTokenEnd = parseNextEngineDate(itemPair.refreshTokenEndDate);
	if (sent.failed) {
		const error = nextEngineFailure(this, sent.failure, itemIndex, refreshTokenEnd, itemPair);
		attachItemPair(error, itemPair);
		throw error;
	}
	const { answer } = sent;
	if (nonEmpty(answer.access_token) && nonEmpty(answer.refresh_token)) {
		if (
			answer.access_token !== itemPair.accessToken ||
			answer.refresh_token !== itemPair.refreshToken
		) {
			itemPair.rotated = true;
		}
		itemPair.accessToken = answer.access_token;
		itemPair.refreshToken = answer.refresh_token;
		if (nonEmpty(answer.access_token_end_date))
			itemPair.accessTokenEndDate = answer.access_token_end_date;
		if (nonEmpty(answer.refresh_token_end_date))
			itemPair.refreshTokenEndDate = answer.refresh_token_end_date;
	}
	const refusal = refusedPairIn(answer);
	if (!refusal) return answer;
	const label = itemLabel(itemPair, itemIndex);
	const details = refusedPairDetails(refusal, refreshTokenEnd, label, false);
	const error = providerApiError(this.getNode(), details, itemIndex);
	attachItemPair(error, itemPair);
	throw error;
}

/** The fields every output item carries when the pair came from the input item. */
export function itemPairOutput(itemPair: ItemPair): IDataObject {
	return {
		access_token: itemPair.accessToken,
		refresh_token: itemPair.refreshToken,
		access_token_end_date: itemPair.accessTokenEndDate,
		refresh_token_end_date: itemPair.refreshTokenEndDate,
		tokens_rotated: itemPair.rotated,
	};
}

/**
 * An error item (continueOnFail) must still carry the item's pair: Next Engine may have rotated
 * it on an earlier page or inside the error answer itself. The per-item runner copies these
 * fields into the error item.
 */
export function attachItemPair(error: object, itemPair: ItemPair) {
	Object.defineProperty(error, 'jpConnectItemFields', {
		value: itemPairOutput(itemPair),
		enumerable: false,
	});
}

export function itemLabel(itemPair: ItemPair | undefined, itemIndex: number) {
	return itemPair ? ` (token pair of input item ${itemIndex})` : '';
}

/**
 * A failure of the helper (incl. a renewal refused by Next Engine) as a Next Engine error; a
 * refused pair says when it ended (`refreshTokenEnd`, this machine's clock) and how to log in.
 */
export function nextEngineFailure(
	context: Pick<IExecuteFunctions, 'getNode'>,
	error: unknown,
	itemIndex: number,
	refreshTokenEnd = Number.NaN,
	itemPair?: ItemPair,
) {
	const login = describeHttpFailure(error).login;
	if (login && (isDeadPairCode(login.code) || login.hint === NE_RELOGIN_HINT)) {
		const label = itemLabel(itemPair, itemIndex);
		const details = refusedPairDetails(login, refreshTokenEnd, label, true);
		return providerApiError(context.getNode(), details, itemIndex);
	}
	if (login && !login.code && login.hint) {
		return providerApiError(context.getNode(), login, itemIndex);
	}
	return providerErrorFrom(context, NEXT_ENGINE, error, itemIndex);
}
