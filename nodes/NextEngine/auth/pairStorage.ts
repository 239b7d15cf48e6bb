/**
 * Why a stopped request stores a pair
 *
 * Next Engine hands out a new pair inside ordinary answers (whenever it rotates one), and the
 * pair it replaced stops working. n8n never stores tokens found in an answer: the only credential
 * data it writes to the store is what the credential's `preAuthentication` returns, and a node
 * has no other way to write its credential. So when an answer carries a new pair, the node sends
 * one more request through `httpRequestWithAuthentication`, handing over the credential data
 * itself (`credentialsDecrypted`) with
 * - the expirable field `pairStoredAt` empty, so n8n runs `preAuthentication` on it, and
 * - the new pair under NE_PENDING_PAIR_KEY, so `preAuthentication` returns that pair (no call)
 *   and n8n merges it into the stored credential and into the data it hands on.
 * `authenticate` then stops the request on purpose, before anything is sent: PairPersisted when
 * the merged data shows the pair stored (`pairStoredAt` set), PairNotPersisted when it does not.
 */
import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { providerApiError } from '../../shared/errors';
import {
	NE_CREDENTIAL,
	NE_PAIR_CHECK_PATH,
	NE_PROVIDER,
	nonEmpty,
	type StoredPair,
} from './answers';

/** Key of the pending new pair in the handed-over credential data. Never stored itself. */
export const NE_PENDING_PAIR_KEY = 'jpConnectPendingPair';

/** Marks credential data whose pair came from an input item: never stored in the credential. */
export const NE_ITEM_PAIR_KEY = 'jpConnectItemPair';

const PAIR_PERSISTED_MESSAGE = 'Next Engine: the renewed token pair was stored';

/** Stops the persist-only request after n8n has stored the pending pair: not a failure. */
export class PairPersisted extends Error {
	readonly jpConnectPairPersisted = true;

	constructor() {
		super(PAIR_PERSISTED_MESSAGE);
		this.name = 'PairPersisted';
	}
}

export class PairNotPersisted extends Error {
	readonly jpConnectPairNotPersisted = true;

	constructor() {
		super('Next Engine: the renewed token pair could not be stored in the credential');
		this.name = 'PairNotPersisted';
	}
}

/** The credential fields that hold a pair. */
export function storedPairFields(pair: StoredPair): IDataObject {
	return {
		accessToken: pair.accessToken,
		refreshToken: pair.refreshToken,
		accessTokenExpiresAt: pair.accessTokenExpiresAt,
		refreshTokenExpiresAt: pair.refreshTokenExpiresAt,
	};
}

/** What preAuthentication returns for n8n to store, stamped with when it was stored. */
export function pairToStore(pair: StoredPair): IDataObject {
	return { ...storedPairFields(pair), pairStoredAt: new Date().toISOString() };
}

/** The pending pair of a persist-only request, when the data carries a whole one. */
export function pendingPairIn(credentials: ICredentialDataDecryptedObject): StoredPair | undefined {
	const pending = credentials[NE_PENDING_PAIR_KEY] as unknown as StoredPair | undefined;
	return pending && nonEmpty(pending.accessToken) && nonEmpty(pending.refreshToken)
		? pending
		: undefined;
}

/** authenticate's part in a persist-only request: always stops it. */
export function stopPersistOnlyRequest(credentials: ICredentialDataDecryptedObject): never {
	throw credentials.pairStoredAt ? new PairPersisted() : new PairNotPersisted();
}

/** n8n 1.x wraps the error in a NodeApiError without its cause: then only the message is left. */
function isPairPersisted(error: unknown): boolean {
	const seen = new Set<unknown>();
	let current: any = error;
	while (current && typeof current === 'object' && !seen.has(current)) {
		if (current.jpConnectPairPersisted || current.message === PAIR_PERSISTED_MESSAGE) return true;
		seen.add(current);
		current = current.cause;
	}
	return false;
}

type NodeContext = Pick<IExecuteFunctions, 'getNode' | 'helpers'>;

/**
 * Stores a pair that came back in an ordinary answer (see the top of this file) and copies it
 * into `credentials`, the data the answer's request was sent with. No API call.
 */
export async function storeRotatedPair(
	this: NodeContext,
	credentials: IDataObject,
	pair: StoredPair,
	itemIndex: number,
) {
	let failure: unknown;
	try {
		const data = {
			...credentials,
			pairStoredAt: '',
			[NE_PENDING_PAIR_KEY]: pair as unknown as IDataObject,
		};
		await this.helpers.httpRequestWithAuthentication.call(
			this as never,
			NE_CREDENTIAL,
			{ method: 'POST', url: NE_PAIR_CHECK_PATH },
			{ credentialsDecrypted: { id: '', name: NE_CREDENTIAL, type: NE_CREDENTIAL, data } },
		);
	} catch (error) {
		if (isPairPersisted(error)) {
			Object.assign(credentials, storedPairFields(pair));
			return;
		}
		failure = error;
	}
	throw providerApiError(
		this.getNode(),
		{
			provider: NE_PROVIDER,
			message: 'Next Engine renewed the token pair, but n8n did not store it in the credential',
			hint:
				"Make sure the credential's Access Token and Refresh Token fields hold plain values (not expressions). " +
				(failure instanceof Error ? failure.message : ''),
		},
		itemIndex,
	);
}
