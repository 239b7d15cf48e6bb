import type { IDataObject } from 'n8n-workflow';

import { localExpiry } from '../../shared/credentialAuth';
import type { ProviderErrorDetails } from '../../shared/errors';
import type { ProviderProfile } from '../../shared/request';

export const NE_CREDENTIAL = 'nextEngineApi';
export const NE_PROVIDER = 'Next Engine';
export const NE_DEFAULT_BASE_URL = 'https://api.next-engine.org';
/** The cheapest call that carries the pair; Next Engine rotates an expired pair on it. */
export const NE_PAIR_CHECK_PATH = '/api_v1_login_user/info';
/** Codes for "the request's tokens are invalid" (no tokens in the answer). */
export const NE_DEAD_PAIR_CODES = ['002002', '002004'];
export const NE_OVERLOAD_CODE = '003002';
export const NE_TOKEN_KEYS = [
	'access_token',
	'refresh_token',
	'access_token_end_date',
	'refresh_token_end_date',
];

export const NE_RELOGIN_HINT =
	'Log in again: run your first-login workflow (Webhook node whose URL is the app\'s Redirect URI → Next Engine "Exchange Login" storing the pair in this credential): ' +
	'open https://base.next-engine.org/users/sign_in/?client_id=<your client ID>&redirect_uri=<that webhook URL> in a browser and sign in; ' +
	'the workflow stores the new pair in the credential, nothing to copy.';

export const NE_FIRST_LOGIN_HINT =
	'The credential has no access token or refresh token yet. Get the first pair with the first-login workflow ' +
	'(Webhook → Next Engine "Exchange Login", Store Pair In: this credential): it stores both tokens in the credential.';

/** The pair as kept in the credential; end dates on this machine's clock (see localExpiry). */
export interface StoredPair {
	accessToken: string;
	refreshToken: string;
	accessTokenExpiresAt: string;
	refreshTokenExpiresAt: string;
}

export function nonEmpty(value: unknown): value is string {
	return typeof value === 'string' && value.length > 0;
}

/** Next Engine end dates are `YYYY-MM-DD HH:MM:SS` in Japan time. */
export function parseNextEngineDate(value: unknown): number {
	const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(
		String(value ?? '').trim(),
	);
	if (!match) return Number.NaN;
	const [, year, month, day, hours, minutes, seconds] = match;
	return Date.parse(`${year}-${month}-${day}T${hours}:${minutes}:${seconds}+09:00`);
}

function toLocalExpiry(endDate: unknown, dateHeader: unknown): string {
	const end = parseNextEngineDate(endDate);
	return Number.isNaN(end) ? '' : localExpiry(end, dateHeader);
}

/** The pair an answer carries, only when it carries both tokens (never a half or empty pair). */
export function pairFromAnswer(
	answer: unknown,
	headers: IDataObject | undefined,
): StoredPair | undefined {
	if (!answer || typeof answer !== 'object') return undefined;
	const body = answer as IDataObject;
	if (!nonEmpty(body.access_token) || !nonEmpty(body.refresh_token)) return undefined;
	return {
		accessToken: body.access_token,
		refreshToken: body.refresh_token,
		accessTokenExpiresAt: toLocalExpiry(body.access_token_end_date, headers?.date),
		refreshTokenExpiresAt: toLocalExpiry(body.refresh_token_end_date, headers?.date),
	};
}

/** An answer without its tokens, `count` as a number. */
export function withoutTokens(answer: IDataObject): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(answer)) {
		if (NE_TOKEN_KEYS.includes(key)) continue;
		const isCount = key === 'count' && value !== '' && !Number.isNaN(Number(value));
		result[key] = isCount ? Number(value) : value;
	}
	return result;
}

export function isDeadPairCode(code: unknown) {
	return code !== undefined && NE_DEAD_PAIR_CODES.includes(String(code));
}

/** `result: error` / `redirect` inside an HTTP 200 answer, in Next Engine's own words. */
export function nextEngineErrorIn(
	body: unknown,
): Omit<ProviderErrorDetails, 'provider'> | undefined {
	if (!body || typeof body !== 'object') return undefined;
	const answer = body as IDataObject;
	const message =
		typeof answer.message === 'string' ? answer.message : JSON.stringify(answer.message ?? '');
	if (answer.result === 'redirect') {
		return {
			message: `Next Engine asks for a new login (result "redirect")${message ? `: ${message}` : ''}`,
			hint: NE_RELOGIN_HINT,
		};
	}
	if (answer.result !== 'error') return undefined;
	const code = answer.code === undefined ? undefined : String(answer.code);
	let hint: string | undefined;
	if (isDeadPairCode(code)) hint = NE_RELOGIN_HINT;
	else if (code === NE_OVERLOAD_CODE) {
		hint =
			'Next Engine is overloaded. Raise "Overload Retries" or turn on "Wait for Server (wait_flag)" in the node options.';
	} else if (code === '003001') {
		hint = 'Next Engine could not be reached even after waiting. Try again later.';
	}
	return { code, message: message || 'Next Engine answered result "error"', hint };
}

/** Next Engine's error when an answer refuses the pair itself (redirect, 002002, 002004). */
export function refusedPairIn(answer: IDataObject) {
	const refused =
		answer.result === 'redirect' || (answer.result === 'error' && isDeadPairCode(answer.code));
	return refused ? nextEngineErrorIn(answer) : undefined;
}

/** `YYYY-MM-DD HH:MM:SS` in Japan time (UTC+9, no daylight saving), as Next Engine writes dates. */
export function formatJapanTime(epochMs: number): string {
	return new Date(epochMs + 9 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * The error for a pair Next Engine refused: when it ended (Japan time), or why it is gone
 * before its end, and how to log in again. `refreshTokenEnd` is on this machine's clock (NaN
 * when unknown); `viaLogin` when the refusal came from the credential's renewal check.
 */
export function refusedPairDetails(
	refusal: Omit<ProviderErrorDetails, 'provider'>,
	refreshTokenEnd: number,
	label: string,
	viaLogin: boolean,
): ProviderErrorDetails {
	const known = !Number.isNaN(refreshTokenEnd);
	const ended = known && refreshTokenEnd <= Date.now();
	const end = known ? `${formatJapanTime(refreshTokenEnd)} (Japan time)` : '';
	let why = 'When it ended is not known: the credential had not learnt its end dates yet.';
	if (ended) {
		why = `The token pair ended on ${end}: a refresh token lasts 3 days from the last renewal, and nothing used the pair in that time.`;
	} else if (known && !isDeadPairCode(refusal.code)) {
		why = `Next Engine says the pair has ended; by this machine's clock its refresh token runs until ${end} (Next Engine's clock decides).`;
	} else if (known) {
		why = `The pair was replaced before its end (${end}): a new login or another copy of these tokens renewed it first, and the pair it replaced stopped working.`;
	}
	const refused = `the token pair was refused${label}${ended ? ` (it ended on ${end})` : ''}: `;
	const message = viaLogin || ended ? `${refused}${refusal.message}` : `${refusal.message}${label}`;
	return { ...refusal, provider: NE_PROVIDER, message, hint: `${why} ${NE_RELOGIN_HINT}` };
}

/** Next Engine's error in an answer, or the bare HTTP status. */
export function readNextEngineError(status: number | undefined, body: unknown) {
	return nextEngineErrorIn(body) ?? { message: `the API answered HTTP ${status ?? '?'}` };
}

export const NEXT_ENGINE: ProviderProfile = {
	name: NE_PROVIDER,
	readError: readNextEngineError,
	errorInSuccessfulAnswer: (body) => nextEngineErrorIn(body),
};
