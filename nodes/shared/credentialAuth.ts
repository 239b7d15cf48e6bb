import { createHash } from 'crypto';
import type { IDataObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { describeHttpFailure, ProviderLoginError, type ProviderErrorDetails } from './errors';

/** Renew this long before the end date, so a token never expires between check and use. */
export const TOKEN_RENEWAL_MARGIN_MS = 60_000;

/**
 * Points a relative request at the credential's base URL. Absolute URLs (n8n's HTTP Request
 * node, which sends them as `uri` through the older request helper) are left alone.
 */
export function applyBaseUrl(requestOptions: IHttpRequestOptions, baseUrl: unknown) {
	const target = requestOptions.url ?? (requestOptions as { uri?: string }).uri ?? '';
	if (!requestOptions.baseURL && !/^https?:\/\//i.test(target)) {
		requestOptions.baseURL = String(baseUrl ?? '').replace(/\/+$/, '');
	}
	return requestOptions;
}

/**
 * Turns the provider's end date into an end date on this machine's clock, using the Date header
 * of the same answer: the provider's clock decides, and the two clocks may disagree.
 */
export function localExpiry(providerEndDate: number, providerDateHeader?: unknown): string {
	const providerNow = providerDateHeader ? Date.parse(String(providerDateHeader)) : Number.NaN;
	const lifetimeMs = Number.isNaN(providerNow)
		? providerEndDate - Date.now()
		: providerEndDate - providerNow;
	return new Date(Date.now() + lifetimeMs).toISOString();
}

/**
 * The shortest token lifetime a user may ask for (0 = the provider's default): a process renews
 * a token up to 2 minutes before its end (TOKEN_RENEWAL_MARGIN_MS plus its own spread), so a
 * shorter token would be due the moment it arrives and every call would log in again and fail.
 */
export const MIN_TOKEN_LIFETIME_MINUTES = 5;

/**
 * The lifetime (in minutes) a user set in the credential field `field`: 0 for none, else at least
 * MIN_TOKEN_LIFETIME_MINUTES; anything else stops the login with what to set instead.
 */
export function requestedLifetimeMinutes(provider: string, field: string, value: unknown): number {
	const minutes = Number(value ?? 0);
	if (minutes === 0) return 0;
	if (!Number.isFinite(minutes) || minutes < MIN_TOKEN_LIFETIME_MINUTES) {
		throw new ProviderLoginError({
			provider,
			message: `"${field}" is ${String(value)}: set 0 (no lifetime of your own) or at least ${MIN_TOKEN_LIFETIME_MINUTES} minutes in the credential, since the credential renews a token up to 2 minutes before its end`,
		});
	}
	return minutes;
}

export function isTokenDue(
	token: unknown,
	expiresAt: unknown,
	marginMs = TOKEN_RENEWAL_MARGIN_MS,
): boolean {
	if (!token) return true;
	if (!expiresAt) return false;
	const end = Date.parse(String(expiresAt));
	return Number.isNaN(end) || end - marginMs <= Date.now();
}

/**
 * Thrown from a credential's `authenticate` when its stored token is due: n8n handles it like
 * a 401 answer, runs preAuthentication once (a new login, persisted) and sends the request
 * with the new token. No request is spent on a token we already know is stale.
 */
export class TokenRenewalDue extends Error {
	readonly response = { status: 401, data: {} };

	constructor(provider: string) {
		super(`${provider}: the stored token has expired; logging in again`);
		this.name = 'TokenRenewalDue';
	}
}

export interface LoginResponse {
	body: IDataObject;
	headers: IDataObject;
}

/**
 * Sends a login/token request from a credential. Any failure becomes a ProviderLoginError that
 * holds only the provider's answer (code, message, status), never the request body or headers.
 */
export async function sendLoginRequest(
	helpers: IHttpRequestHelper['helpers'],
	provider: string,
	options: IHttpRequestOptions,
	readError: (
		status: number | undefined,
		body: unknown,
	) => Omit<ProviderErrorDetails, 'provider' | 'httpCode'>,
): Promise<LoginResponse> {
	// A credential has no node to build a NodeApiError for: the failure is turned into a
	// ProviderLoginError after the catch, and the request node reports it (see providerErrorFrom).
	let failure: unknown;
	try {
		const response = (await helpers.httpRequest({
			...options,
			returnFullResponse: true,
			json: true,
		})) as {
			body: IDataObject | string;
			headers: IDataObject;
		};
		const body =
			typeof response.body === 'string'
				? (JSON.parse(response.body) as IDataObject)
				: response.body;
		return { body, headers: response.headers ?? {} };
	} catch (error) {
		failure = error;
	}
	throw loginErrorFrom(provider, failure, readError);
}

function loginErrorFrom(
	provider: string,
	error: unknown,
	readError: (
		status: number | undefined,
		body: unknown,
	) => Omit<ProviderErrorDetails, 'provider' | 'httpCode'>,
) {
	const failure = describeHttpFailure(error);
	if (failure.status === undefined) {
		return new ProviderLoginError({
			provider,
			message: `could not reach the login endpoint (${failure.networkCode ?? 'no answer'}); check the credential's URLs`,
		});
	}
	return new ProviderLoginError({
		provider,
		httpCode: failure.status,
		...readError(failure.status, failure.body),
	});
}

interface Renewal {
	staleToken: string;
	startedAt: number;
	result: Promise<IDataObject>;
}

/** Latest renewal per credential identity, in this n8n process. */
const renewals = new Map<string, Renewal>();

/** How long a finished renewal is handed to late callers that still hold the token it replaced. */
const RENEWAL_REUSE_MS = 5 * 60_000;

/** Identifies a credential without keeping its secrets in memory as plain text. */
export function credentialIdentity(provider: string, ...parts: unknown[]): string {
	return `${provider}:${createHash('sha256').update(parts.map(String).join('\u0000')).digest('hex')}`;
}

/**
 * One login per token lifetime, also when many items (or executions in this process) find the
 * same stale token at once: the first caller logs in, everyone holding the same stale token gets
 * that login's result instead of logging in again. n8n itself does not serialise these.
 */
export async function renewOnce<T extends IDataObject>(
	identity: string,
	staleToken: unknown,
	renew: () => Promise<T>,
): Promise<T> {
	const stale = String(staleToken ?? '');
	const current = renewals.get(identity);
	if (
		current &&
		current.staleToken === stale &&
		Date.now() - current.startedAt < RENEWAL_REUSE_MS
	) {
		return (await current.result) as T;
	}
	const renewal: Renewal = { staleToken: stale, startedAt: Date.now(), result: renew() };
	renewals.set(identity, renewal);
	// A failed login is not remembered: the next caller tries again.
	renewal.result.catch(() => {
		if (renewals.get(identity) === renewal) renewals.delete(identity);
	});
	return (await renewal.result) as T;
}

/** Forgets every remembered renewal (tests start each case from a clean process state). */
export function clearRenewals() {
	renewals.clear();
}
