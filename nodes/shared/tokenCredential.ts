import {
	sleep,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
} from 'n8n-workflow';

import {
	applyBaseUrl,
	credentialIdentity,
	isTokenDue,
	TOKEN_RENEWAL_MARGIN_MS,
	TokenRenewalDue,
} from './credentialAuth';
import {
	dataFingerprint,
	NODE_RENEWS_KEY,
	RENEW_NOW_KEY,
	RENEWAL_CLAIM_FIELD,
	RenewalStopped,
	STORE_CLAIM_KEY,
} from './renewalProtocol';
import { tokensOf, type CredentialTokens } from './tokenMemory';

export { tokenRenewalProperty } from './renewalProtocol';

/**
 * What a credential that logs in by itself (ROLLER, WAGRI, MAFF APP) tells the shared
 * skeleton. The credential class keeps its literal fields (name, properties, test: n8n's lint
 * reads them) and takes `preAuthentication` / `authenticate` from `tokenCredentialAuth`.
 */
export interface TokenCredentialAuth {
	/** Provider name as users see it in messages, e.g. `ROLLER`. */
	provider: string;
	/** Credential fields that say whose token it is: one login is shared per identity. */
	identityFields: string[];
	/** Hidden fields holding each token and its end date; the first token is n8n's expirable one. */
	tokens: Array<{ token: string; expiresAt: string }>;
	/** Logs in and returns every token field and end-date field to store. */
	login(
		helpers: IHttpRequestHelper['helpers'],
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject>;
	/** The headers that carry the token(s) on each request. */
	headers(credentials: ICredentialDataDecryptedObject): IDataObject;
	/** Base URL when the credential has none. */
	defaultBaseUrl: string;
}

/**
 * Each n8n process renews at its own point, up to this much earlier than the common margin: with
 * steady traffic the first process to reach its point renews and stores the token before the
 * others reach theirs, and they read it from the store instead of logging in too.
 */
const RENEWAL_SPREAD_MS = 60_000;
export const PROCESS_RENEWAL_MARGIN_MS =
	TOKEN_RENEWAL_MARGIN_MS + Math.floor(Math.random() * RENEWAL_SPREAD_MS);

/** After a login, the request that waits for it holds back this long (see preAuthentication). */
const SETTLE_MS = 300;

/**
 * How long a refused, just-renewed token waits for the token that replaced it to show up, plus
 * a random part, so that two processes that both lost their token do not log in together.
 */
const REPLACEMENT_WAIT_MS = 1_000;
const REPLACEMENT_WAIT_SPREAD_MS = 3_000;
const JUST_RENEWED_MS = 10 * 60_000;

/**
 * The shared `preAuthentication` + `authenticate` of a token credential. n8n gives them no lock
 * and no access to the store, and runs them in every process (queue-mode workers) at once.
 * - From the package's nodes (data marked with NODE_RENEWS_KEY, see renewalProtocol.ts) the
 *   node re-reads the store and decides; the credential logs in only when the node asks.
 * - From n8n's HTTP Request node: one login per stale token in this process; requests that
 *   started with the stale token use the renewed one without spending n8n's single retry; a
 *   token refused moments after it was obtained means another process logged in after us (a
 *   provider with one session per account), so its token is awaited before logging in again.
 */
export function tokenCredentialAuth(auth: TokenCredentialAuth) {
	const tokenFieldsOf = (data: IDataObject): IDataObject =>
		Object.fromEntries(
			auth.tokens.flatMap(({ token, expiresAt }) => [
				[token, data[token] ?? ''],
				[expiresAt, data[expiresAt] ?? ''],
			]),
		);
	const keyOf = (data: IDataObject) =>
		data[auth.tokens[0].token]
			? auth.tokens.map(({ token }) => String(data[token] ?? '')).join(' ')
			: '';
	const isDue = (data: IDataObject) =>
		auth.tokens.some(({ token, expiresAt }) =>
			isTokenDue(data[token], data[expiresAt], PROCESS_RENEWAL_MARGIN_MS),
		);
	const memoryOf = (credentials: IDataObject) =>
		tokensOf(
			credentialIdentity(auth.provider, ...auth.identityFields.map((field) => credentials[field])),
		);
	/** A login's fields, with any renewal claim cleared once the new token is stored. */
	const loginWith =
		(helpers: IHttpRequestHelper['helpers'], credentials: ICredentialDataDecryptedObject) =>
		async () => {
			const fields = await auth.login(helpers, credentials);
			return RENEWAL_CLAIM_FIELD in credentials ? { ...fields, [RENEWAL_CLAIM_FIELD]: '' } : fields;
		};

	function sendWith(credentials: ICredentialDataDecryptedObject, options: IHttpRequestOptions) {
		applyBaseUrl(options, credentials.baseUrl || auth.defaultBaseUrl);
		options.headers = { ...(options.headers ?? {}), ...auth.headers(credentials) };
		return options;
	}

	/**
	 * A token set to use instead of a stale one without logging in: a newer one this process
	 * knows; or, when the stale one was refused moments after it was renewed, the one another
	 * process replaced it with, as soon as a request of this process reads it from the store.
	 */
	async function replacementOf(memory: CredentialTokens, refusedKey: string) {
		const newer = memory.newerThan(refusedKey, isDue);
		if (newer || !memory.isRefused(refusedKey)) return newer;
		if (!memory.renewedWithin(refusedKey, JUST_RENEWED_MS)) return undefined;
		const waitMs = REPLACEMENT_WAIT_MS + Math.random() * REPLACEMENT_WAIT_SPREAD_MS;
		return await memory.waitForNewer(refusedKey, isDue, waitMs);
	}

	async function preAuthenticationForNode(
		helpers: IHttpRequestHelper['helpers'],
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject> {
		if (credentials[STORE_CLAIM_KEY] !== undefined) {
			return { ...tokenFieldsOf(credentials), [RENEWAL_CLAIM_FIELD]: credentials[STORE_CLAIM_KEY] };
		}
		const memory = memoryOf(credentials);
		const staleKey = keyOf(credentials);
		if (credentials[RENEW_NOW_KEY] === dataFingerprint(credentials)) {
			return await memory.renew(staleKey, loginWith(helpers, credentials), keyOf);
		}
		const refused = staleKey !== '' && !isDue(credentials);
		if (refused) memory.markRefused(staleKey, tokenFieldsOf(credentials));
		throw new RenewalStopped(refused ? 'refused' : 'due');
	}

	async function preAuthentication(
		this: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	) {
		if (credentials[NODE_RENEWS_KEY])
			return await preAuthenticationForNode(this.helpers, credentials);
		const memory = memoryOf(credentials);
		const login = loginWith(this.helpers, credentials);
		const staleKey = keyOf(credentials);
		// Called for a token that is not due: the provider refused it (or, from n8n's HTTP Request
		// node, the request failed in another way).
		if (staleKey && !isDue(credentials)) memory.markRefused(staleKey, tokenFieldsOf(credentials));
		const replacement = await replacementOf(memory, staleKey);
		if (replacement) return replacement;
		const fields = await memory.renew(staleKey, login, keyOf);
		if (!isDue(credentials)) return fields;
		// The token was due: this request sends the renewed one on n8n's last attempt, while other
		// requests of this process use it on their first. If another process logged in after us,
		// they find out meanwhile, and this request takes the token that replaces ours instead.
		await sleep(SETTLE_MS);
		const renewedKey = keyOf(fields);
		if (!memory.isRefused(renewedKey)) return fields;
		return (
			(await replacementOf(memory, renewedKey)) ?? (await memory.renew(renewedKey, login, keyOf))
		);
	}

	async function authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const memory = memoryOf(credentials);
		const key = keyOf(credentials);
		memory.learn(key, tokenFieldsOf(credentials));
		if (credentials[NODE_RENEWS_KEY]) {
			if (credentials[STORE_CLAIM_KEY] !== undefined) {
				if (credentials[RENEWAL_CLAIM_FIELD] === credentials[STORE_CLAIM_KEY])
					throw new RenewalStopped('claimStored');
				throw new TokenRenewalDue(auth.provider);
			}
			if (credentials[RENEW_NOW_KEY] === dataFingerprint(credentials))
				throw new TokenRenewalDue(auth.provider);
			if (!key || isDue(credentials)) throw new RenewalStopped('due');
			if (memory.isRefused(key)) throw new RenewalStopped('refused');
			return sendWith(credentials, requestOptions);
		}
		if (key && !isDue(credentials) && !memory.isRefused(key))
			return sendWith(credentials, requestOptions);
		// The stored token is due or known refused: use one this process already has or is
		// getting, which keeps n8n's single retry for later; otherwise n8n runs preAuthentication.
		const usable = memory.newerThan(key, isDue) ?? (await memory.joinRenewal(key));
		if (usable) {
			Object.assign(credentials, usable);
			return sendWith(credentials, requestOptions);
		}
		memory.expectRenewal(key);
		throw new TokenRenewalDue(auth.provider);
	}

	return { preAuthentication, authenticate };
}
