/**
 * The package nodes' side of token renewals (see renewalProtocol.ts). A request is sent with the
 * credential as stored right now; when the credential hands it back (token due or refused), the
 * store is read again:
 * - another process (queue-mode worker) or execution stored a newer token → it is used, no login;
 * - the stored token is still the stale one → one login, shared by every request of this process
 *   that holds the same stale token. With the claim field (tokenRenewalProperty) the processes
 *   first agree on who logs in: the others wait for that process's token.
 * A token refused right after a login (a provider with one session per account, where another
 * process logged in after us) leads to the stored token, not to a login that would log it out.
 */
import {
	sleep,
	type IAllExecuteFunctions,
	type ICredentialDataDecryptedObject,
	type IHttpRequestOptions,
	type IN8nHttpFullResponse,
} from 'n8n-workflow';

import { TokenRenewalDue } from './credentialAuth';
import { describeHttpFailure } from './errors';
import {
	activeClaimTime,
	dataFingerprint,
	newRenewalClaim,
	NODE_RENEWS_KEY,
	RENEW_NOW_KEY,
	RENEWAL_CLAIM_FIELD,
	RENEWAL_CLAIM_TTL_MS,
	renewalStopIn,
	STORE_CLAIM_KEY,
} from './renewalProtocol';

export type StoredTokenContext = Pick<
	IAllExecuteFunctions,
	'getNode' | 'helpers' | 'getCredentials'
>;

type Stored = ICredentialDataDecryptedObject;

interface Turn {
	data: Stored;
	/** Log in first: the stored token is the stale one and no other process is renewing it. */
	renew: boolean;
}

const MAX_SENDS = 6;
/** A token refused right after two logins is not a renewal problem: the refusal is reported. */
const MAX_RENEWALS = 2;

/** After a refusal, how often and how far apart to look for a token another process is storing. */
const REPLACEMENT_LOOKS = 3;
const REPLACEMENT_LOOK_INTERVAL_MS = 200;

/**
 * Between storing a claim and reading it back: longer than a process needs to store one, even
 * under load (500 ms let two of 18 queue-mode bursts of 100 log in twice).
 */
const CLAIM_SETTLE_MS = 1_000;
const CLAIM_POLL_MS = 250;

/** The turn being worked out per credential and stale token, shared by this process's requests. */
const turns = new Map<string, Promise<Turn>>();

/** The answer, or what stopped the request, for the caller to turn into a provider error. */
export type StoredTokenOutcome = { response: IN8nHttpFullResponse } | { failure: unknown };

export async function sendWithStoredToken(
	this: StoredTokenContext,
	provider: string,
	credentialType: string,
	options: IHttpRequestOptions,
	itemIndex?: number,
): Promise<StoredTokenOutcome> {
	const read = async () => (await this.getCredentials(credentialType, itemIndex)) as Stored;
	const send = async (data: Stored) =>
		(await this.helpers.httpRequestWithAuthentication.call(
			this as never,
			credentialType,
			{ ...options, headers: { ...(options.headers ?? {}) } },
			{ credentialsDecrypted: { id: '', name: credentialType, type: credentialType, data } },
		)) as IN8nHttpFullResponse;

	let turn: Turn = { data: await read(), renew: false };
	let renewals = 0;
	for (let sends = 1; ; sends++) {
		const sentWith: Stored = { ...turn.data, [NODE_RENEWS_KEY]: true };
		if (turn.renew) {
			sentWith[RENEW_NOW_KEY] = dataFingerprint(turn.data);
			renewals++;
		}
		let failure: unknown;
		try {
			return { response: await send(sentWith) };
		} catch (error) {
			failure = error;
		}
		const stop = renewalStopIn(failure);
		const refusedAfterLogin = turn.renew && describeHttpFailure(failure).status === 401;
		if (turn.renew && describeHttpFailure(failure).login) await releaseClaim(send, turn.data);
		if (!stop && !refusedAfterLogin) return { failure };
		if (renewals >= MAX_RENEWALS || sends >= MAX_SENDS) {
			return { failure: stop ? new TokenRenewalDue(provider) : failure };
		}
		const reason = stop === 'due' ? 'due' : 'refused';
		turn = await sharedTurn(`${credentialType}:${dataFingerprint(sentWith)}:${reason}`, () =>
			nextTurn(read, send, sentWith, reason),
		);
	}
}

/** Requests of this process refused with the same stale data work out one next turn together. */
async function sharedTurn(key: string, work: () => Promise<Turn>): Promise<Turn> {
	let turn = turns.get(key);
	if (!turn) {
		turn = work();
		turns.set(key, turn);
		const forget = () => turns.delete(key);
		turn.then(forget, forget);
	}
	return await turn;
}

type Read = () => Promise<Stored>;
type Send = (data: Stored) => Promise<IN8nHttpFullResponse>;

const changed = (a: Stored, b: Stored) => dataFingerprint(a) !== dataFingerprint(b);

async function nextTurn(read: Read, send: Send, sentWith: Stored, reason: 'due' | 'refused') {
	const stored = await read();
	if (changed(stored, sentWith)) return { data: stored, renew: false };
	if (reason === 'refused') {
		// Refused before its end: another process may have logged in and be storing its token.
		for (let look = 0; look < REPLACEMENT_LOOKS; look++) {
			await sleep(REPLACEMENT_LOOK_INTERVAL_MS);
			const later = await read();
			if (changed(later, stored)) return { data: later, renew: false };
		}
	}
	if (!(RENEWAL_CLAIM_FIELD in stored)) return { data: stored, renew: true };
	return await claimTurn(read, send, stored);
}

/**
 * Agreeing on one login across processes through the store: a process that finds no claim in
 * force stores its own, waits, and reads it back. Whoever's claim is still there logs in; the
 * others wait until the token changes. Two processes cannot both win as long as storing a claim
 * takes less than CLAIM_SETTLE_MS after reading the store.
 */
async function claimTurn(read: Read, send: Send, stored: Stored): Promise<Turn> {
	for (let round = 0; round < 4; round++) {
		const claimedAt = activeClaimTime(stored[RENEWAL_CLAIM_FIELD]);
		if (claimedAt !== undefined) {
			const after = await waitForChange(read, stored, claimedAt + RENEWAL_CLAIM_TTL_MS);
			if (changed(after, stored)) return { data: after, renew: false };
			stored = after;
			continue;
		}
		const claim = newRenewalClaim();
		if (!(await storeClaim(send, stored, claim))) return { data: stored, renew: true };
		await sleep(CLAIM_SETTLE_MS);
		const back = await read();
		if (changed(back, stored)) return { data: back, renew: false };
		if (back[RENEWAL_CLAIM_FIELD] === claim) return { data: back, renew: true };
		stored = back;
	}
	return { data: stored, renew: true };
}

async function waitForChange(read: Read, stored: Stored, until: number): Promise<Stored> {
	for (;;) {
		await sleep(CLAIM_POLL_MS);
		const later = await read();
		const claimMoved = later[RENEWAL_CLAIM_FIELD] !== stored[RENEWAL_CLAIM_FIELD];
		if (changed(later, stored) || claimMoved || Date.now() >= until) return later;
	}
}

/** Stores a claim (or '' to withdraw one) with the unchanged token; nothing is sent. */
async function storeClaim(send: Send, stored: Stored, claim: string): Promise<boolean> {
	try {
		await send({ ...stored, [NODE_RENEWS_KEY]: true, [STORE_CLAIM_KEY]: claim });
	} catch (error) {
		return renewalStopIn(error) === 'claimStored';
	}
	return false;
}

/** A login that failed withdraws its claim, so the others try at once instead of waiting. */
async function releaseClaim(send: Send, claimed: Stored) {
	if (RENEWAL_CLAIM_FIELD in claimed && claimed[RENEWAL_CLAIM_FIELD]) {
		await storeClaim(send, claimed, '');
	}
}
