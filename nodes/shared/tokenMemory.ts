import { sleep, type IDataObject } from 'n8n-workflow';

/** One token set (a token, or WAGRI token + MAFF APP loginhash) as this process learnt it. */
interface KnownToken {
	key: string;
	fields: IDataObject;
	learntAt: number;
	/** Obtained by a login here, or first seen in the store after another token set: a renewal. */
	renewal: boolean;
	refused: boolean;
	/** Until when this process waits for a replacement of this refused token set. */
	waitUntil?: number;
}

interface Renewal {
	staleKey: string;
	createdAt: number;
	/** False while it is only expected (authenticate asked n8n for it) and no login runs yet. */
	started: boolean;
	failedAt?: number;
	/** Key of the token set the login brought. */
	obtainedKey?: string;
	result: Promise<IDataObject>;
	start: (login: Promise<IDataObject>) => void;
}

const KNOWN_TOKENS_KEPT = 8;

/** How long an expected renewal may wait for n8n to call preAuthentication. */
const EXPECTED_RENEWAL_PICKUP_MS = 2_000;

/** Concurrent callers of a renewal that failed get its failure instead of logging in again. */
const FAILED_RENEWAL_REUSE_MS = 2_000;

const WAIT_STEP_MS = 50;

/**
 * What one n8n process knows about the tokens of one credential: the token sets it has seen in
 * the store or obtained, which of them the provider refused, and the renewal in progress. It is
 * memory of this process only: other processes (queue-mode workers) have their own.
 */
export class CredentialTokens {
	private known: KnownToken[] = [];

	private renewal?: Renewal;

	/** Wakes the requests waiting in waitForNewer when a token set is learnt. */
	private wakeWaiters: Array<() => void> = [];

	/** Remembers a token set seen in the store (at the start of a request) or obtained by a login. */
	learn(key: string, fields: IDataObject, obtainedByLogin = false) {
		if (!key || this.find(key)) return;
		const renewal = obtainedByLogin || this.known.length > 0;
		this.known.push({ key, fields: { ...fields }, learntAt: Date.now(), renewal, refused: false });
		if (this.known.length > KNOWN_TOKENS_KEPT) this.known.shift();
		const waiters = this.wakeWaiters;
		this.wakeWaiters = [];
		for (const wake of waiters) wake();
	}

	markRefused(key: string, fields: IDataObject) {
		if (!key) return;
		this.learn(key, fields);
		this.find(key)!.refused = true;
	}

	isRefused(key: string): boolean {
		return this.find(key)?.refused ?? false;
	}

	/**
	 * Whether the token set is a renewal this process saw happen less than `withinMs` ago: it
	 * logged in for it, or found it in the store in place of a token set it knew before.
	 */
	renewedWithin(key: string, withinMs: number): boolean {
		const known = this.find(key);
		return known !== undefined && known.renewal && Date.now() - known.learntAt < withinMs;
	}

	/**
	 * A token set learnt after the stale one, not refused and not due: another request of this
	 * process renewed it or read it from the store, so it can be used without a login.
	 */
	newerThan(staleKey: string, isDue: (fields: IDataObject) => boolean): IDataObject | undefined {
		const since = this.find(staleKey)?.learntAt ?? Number.NEGATIVE_INFINITY;
		let newest: KnownToken | undefined;
		for (const known of this.known) {
			if (known.key === staleKey || known.refused || known.learntAt < since) continue;
			if (isDue(known.fields)) continue;
			if (!newest || known.learntAt >= newest.learntAt) newest = known;
		}
		return newest ? { ...newest.fields } : undefined;
	}

	/**
	 * Waits for a newer token set (see newerThan) to be learnt, up to `withinMs` after the first
	 * request of this process started waiting for one: all of them give up together.
	 */
	async waitForNewer(
		staleKey: string,
		isDue: (fields: IDataObject) => boolean,
		withinMs: number,
	): Promise<IDataObject | undefined> {
		const stale = this.find(staleKey);
		const until = stale ? (stale.waitUntil ??= Date.now() + withinMs) : Date.now() + withinMs;
		for (;;) {
			const newer = this.newerThan(staleKey, isDue);
			if (newer || Date.now() >= until) return newer;
			const learnt = new Promise<void>((wake) => this.wakeWaiters.push(wake));
			await Promise.race([learnt, sleep(Math.min(WAIT_STEP_MS * 10, until - Date.now()))]);
		}
	}

	/** Notes that a renewal of the stale token set will come (authenticate asked n8n for it). */
	expectRenewal(staleKey: string) {
		if (this.renewal?.staleKey === staleKey && !this.renewal.failedAt) return;
		this.renewal = newRenewal(staleKey);
	}

	/**
	 * The result of the renewal of this stale token set, expected or running, for a request that
	 * can still use it on its first attempt; undefined when there is none or it failed.
	 */
	async joinRenewal(staleKey: string): Promise<IDataObject | undefined> {
		const renewal = this.renewal;
		if (!renewal || renewal.staleKey !== staleKey || renewal.failedAt) return undefined;
		const pickupEnd = renewal.createdAt + EXPECTED_RENEWAL_PICKUP_MS;
		while (!renewal.started && Date.now() < pickupEnd) await sleep(WAIT_STEP_MS);
		if (!renewal.started) return undefined;
		try {
			const fields = await renewal.result;
			return renewal.obtainedKey && this.isRefused(renewal.obtainedKey) ? undefined : fields;
		} catch {
			return undefined;
		}
	}

	/**
	 * One login per stale token set in this process: every caller holding the same stale tokens
	 * shares the running login (or, for a moment, its failure) instead of logging in again. A
	 * finished login is shared until the token set it brought is refused.
	 */
	async renew(
		staleKey: string,
		login: () => Promise<IDataObject>,
		keyOf: (fields: IDataObject) => string,
	): Promise<IDataObject> {
		const current = this.renewal;
		const shareable =
			current !== undefined &&
			current.staleKey === staleKey &&
			(current.failedAt === undefined
				? current.obtainedKey === undefined || !this.isRefused(current.obtainedKey)
				: Date.now() - current.failedAt < FAILED_RENEWAL_REUSE_MS);
		const renewal = shareable ? current : newRenewal(staleKey);
		this.renewal = renewal;
		if (!renewal.started) {
			renewal.started = true;
			const running = login();
			renewal.start(running);
			running.then(
				(fields) => {
					renewal.obtainedKey = keyOf(fields);
					this.learn(renewal.obtainedKey, fields, true);
				},
				() => (renewal.failedAt = Date.now()),
			);
		}
		return await renewal.result;
	}

	private find(key: string) {
		return this.known.find((known) => known.key === key);
	}
}

function newRenewal(staleKey: string): Renewal {
	let start: Renewal['start'] = () => {};
	const result = new Promise<IDataObject>((resolve) => {
		start = (login) => resolve(login);
	});
	// Nobody may be waiting when a login fails: the failure reaches the callers that await it.
	result.catch(() => {});
	return { staleKey, createdAt: Date.now(), started: false, result, start };
}

const credentials = new Map<string, CredentialTokens>();

/** This process's memory of one credential (by identity, see credentialIdentity). */
export function tokensOf(identity: string): CredentialTokens {
	let memory = credentials.get(identity);
	if (!memory) {
		memory = new CredentialTokens();
		credentials.set(identity, memory);
	}
	return memory;
}

/** Forgets every credential's tokens (tests start each case from a clean process state). */
export function forgetTokens() {
	credentials.clear();
}
