/**
 * How the package's nodes and the token credentials (ROLLER, WAGRI, MAFF APP) agree on renewals.
 *
 * n8n has no lock around a credential's preAuthentication, and preAuthentication cannot read the
 * stored credential: every n8n process (queue-mode workers) reads the store at the start of each
 * request and writes back whatever preAuthentication returns. A package node can do more: it
 * re-reads the stored credential (`getCredentials`) and hands the helper the data to use
 * (`credentialsDecrypted`). It marks that data with the keys below, so the credential leaves the
 * decision to renew to the node, logs in only when the node says so, or stores a renewal claim
 * that the other processes see. None of these keys is ever stored.
 */
import { createHash } from 'crypto';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

/** The node re-reads the store and decides about renewals: the credential never logs in by itself. */
export const NODE_RENEWS_KEY = 'jpConnectNodeRenews';

/** Log in now: the value is the fingerprint of the stored data whose token is to be replaced. */
export const RENEW_NOW_KEY = 'jpConnectRenewNow';

/** Store this renewal claim with the unchanged token; no login, no request. */
export const STORE_CLAIM_KEY = 'jpConnectStoreClaim';

const PROTOCOL_KEYS = [NODE_RENEWS_KEY, RENEW_NOW_KEY, STORE_CLAIM_KEY];

/**
 * Hidden credential field where a process announces that it is renewing the stored token
 * (`<claimant>@<epoch ms>`), so the other processes wait for its token instead of logging in too.
 * n8n only hands a credential the fields it declares: a credential takes part by listing
 * tokenRenewalProperty among its properties; without it, renewals are not coordinated by claim.
 */
export const RENEWAL_CLAIM_FIELD = 'tokenRenewal';

export const tokenRenewalProperty: INodeProperties = {
	displayName: 'Token Renewal',
	name: RENEWAL_CLAIM_FIELD,
	type: 'hidden',
	default: '',
};

/** A claim older than this is abandoned (its process stopped, or its login hangs). */
export const RENEWAL_CLAIM_TTL_MS = 30_000;

const processTag = createHash('sha256')
	.update(`${Date.now()}:${Math.random()}`)
	.digest('hex')
	.slice(0, 12);
let claimCount = 0;

export function newRenewalClaim(): string {
	return `${processTag}.${++claimCount}@${Date.now()}`;
}

/** When a stored claim was made, if the value is a claim still in force. */
export function activeClaimTime(value: unknown): number | undefined {
	const match = /@(\d+)$/.exec(String(value ?? ''));
	if (!match) return undefined;
	const at = Number(match[1]);
	return Date.now() - at < RENEWAL_CLAIM_TTL_MS ? at : undefined;
}

/**
 * Identifies stored credential data without the protocol keys and the claim: it changes when any
 * field (a token above all) changes, and not when only a claim was stored.
 */
export function dataFingerprint(data: IDataObject): string {
	const entries = Object.keys(data)
		.filter((key) => key !== RENEWAL_CLAIM_FIELD && !PROTOCOL_KEYS.includes(key))
		.sort()
		.map((key) => [key, data[key]]);
	return createHash('sha256').update(JSON.stringify(entries)).digest('hex').slice(0, 24);
}

/** Why a credential stopped a request of the node on purpose. */
export type RenewalStop = 'due' | 'refused' | 'claimStored';

const STOP_MESSAGES: Record<RenewalStop, string> = {
	due: 'jp-connect: the stored token is due; the node renews it',
	refused: 'jp-connect: the provider refused the stored token; the node renews it',
	claimStored: 'jp-connect: the renewal claim was stored',
};

/** Thrown by the credential to hand a request back to the node; never reaches the user. */
export class RenewalStopped extends Error {
	readonly jpConnectRenewalStop: RenewalStop;

	constructor(readonly stop: RenewalStop) {
		super(STOP_MESSAGES[stop]);
		this.name = 'RenewalStopped';
		this.jpConnectRenewalStop = stop;
	}
}

/**
 * Finds a RenewalStopped in what n8n's helper threw. n8n 1.x wraps it in a NodeApiError without
 * its cause, so the message is recognised too.
 */
export function renewalStopIn(error: unknown): RenewalStop | undefined {
	const seen = new Set<unknown>();
	let current: any = error;
	while (current && typeof current === 'object' && !seen.has(current)) {
		if (current.jpConnectRenewalStop) return current.jpConnectRenewalStop as RenewalStop;
		const stop = (Object.keys(STOP_MESSAGES) as RenewalStop[]).find(
			(key) => STOP_MESSAGES[key] === current.message,
		);
		if (stop) return stop;
		seen.add(current);
		current = current.cause;
	}
	return undefined;
}
