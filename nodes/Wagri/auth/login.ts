import type { IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { sendLoginRequest } from '../../shared/credentialAuth';
import { ProviderLoginError, type ProviderErrorDetails } from '../../shared/errors';

/** WAGRI's current host (the "新URL" on its API pages); API paths differ from the old host's. */
export const WAGRI_BASE_URL = 'https://api.wagri2.net';
export const WAGRI_TOKEN_URL = 'https://api.wagri2.net/token';
/** The old host, announced to end at the end of fiscal 2025 (March 2026). */
export const WAGRI_OLD_BASE_URL = 'https://api.wagri.net';
export const WAGRI_OLD_TOKEN_URL = 'https://api.wagri.net/Token';
/** WAGRI documents MAFF APP (its login included) on the old host only: no 新URL yet. */
export const MAFF_APP_BASE_URL = WAGRI_OLD_BASE_URL;
export const MAFF_APP_LOGIN_URL = 'https://api.wagri.net/API/Individual/MAFFAPP/Users/Login';

export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';
export const JSON_CONTENT_TYPE = 'application/json';

type Helpers = IHttpRequestHelper['helpers'];
type ErrorReader = (
	status: number | undefined,
	body: unknown,
) => Omit<ProviderErrorDetails, 'provider' | 'httpCode'>;

function firstText(...values: unknown[]): string | undefined {
	for (const value of values) {
		if (typeof value === 'string' && value.trim()) return value.trim();
	}
	return undefined;
}

/**
 * WAGRI's error bodies are not documented. Read what the usual shapes carry: OAuth token errors
 * (`error`, `error_description`), ASP.NET Web API (`Message`), and `code`/`message` objects.
 */
export function readWagriError(status: number | undefined, body: unknown) {
	const answer = (
		body && typeof body === 'object' && !Array.isArray(body) ? body : {}
	) as IDataObject;
	const codeValue =
		answer.code ??
		answer.errorCode ??
		answer.error_code ??
		(typeof answer.error === 'string' ? answer.error : undefined);
	let message =
		firstText(
			answer.error_description,
			answer.Message,
			answer.message,
			answer.errorMessage,
			answer.error,
		) ??
		(typeof body === 'string' && body.trim()
			? body.trim().slice(0, 200)
			: `the API answered HTTP ${status ?? '?'}`);
	// ASP.NET validation answers list the refused fields under ModelState.
	const modelState = (
		answer.ModelState && typeof answer.ModelState === 'object' ? answer.ModelState : {}
	) as IDataObject;
	const fieldProblems = Object.values(modelState)
		.flat()
		.filter((entry): entry is string => typeof entry === 'string');
	if (fieldProblems.length) message = `${message} ${fieldProblems.join(' ')}`;
	const code =
		codeValue !== undefined && codeValue !== null && String(codeValue) !== message
			? String(codeValue)
			: undefined;
	return { message, ...(code !== undefined ? { code } : {}) };
}

const readTokenError: ErrorReader = (status, body) => ({
	...readWagriError(status, body),
	message: `token request: ${readWagriError(status, body).message}`,
	hint: 'The WAGRI token URL refused the request: check the Client ID, Client Secret, Token URL and Token Request Body in the credential.',
});

const readMaffLoginError: ErrorReader = (status, body) => ({
	...readWagriError(status, body),
	hint: 'MAFF APP refused the login: check the mail address and password the MAFF secretariat issued (the WAGRI token itself was accepted).',
});

export interface WagriToken {
	access_token: string;
	token_type: string;
	expires_in: number;
	/** The token's end on this machine's clock (now + expires_in), ISO 8601. */
	expiresAt: string;
}

/**
 * The client-credentials token request (POST to the token URL). Shared by both credentials'
 * preAuthentication and the node's Token → Get Access Token operation.
 */
export async function fetchWagriToken(
	helpers: Helpers,
	credentials: IDataObject,
): Promise<WagriToken> {
	const contentType =
		credentials.tokenContentType === JSON_CONTENT_TYPE ? JSON_CONTENT_TYPE : FORM_CONTENT_TYPE;
	const fields = {
		grant_type: 'client_credentials',
		client_id: String(credentials.clientId ?? ''),
		client_secret: String(credentials.clientSecret ?? ''),
	};
	const { body: answer } = await sendLoginRequest(
		helpers,
		'WAGRI',
		{
			method: 'POST',
			url: String(credentials.tokenUrl || WAGRI_TOKEN_URL),
			headers: { 'Content-Type': contentType, Accept: 'application/json' },
			body: contentType === JSON_CONTENT_TYPE ? fields : new URLSearchParams(fields).toString(),
		},
		readTokenError,
	);
	if (typeof answer.access_token !== 'string' || !answer.access_token) {
		throw new ProviderLoginError({
			provider: 'WAGRI',
			message: 'token request: the answer had no access_token',
		});
	}
	const expiresIn = Number(answer.expires_in);
	// expires_in is a duration, so it needs no clock conversion: it ends that long from now here.
	const expiresAt =
		Number.isFinite(expiresIn) && expiresIn > 0
			? new Date(Date.now() + expiresIn * 1000).toISOString()
			: '';
	return {
		access_token: answer.access_token,
		token_type: typeof answer.token_type === 'string' ? answer.token_type : 'bearer',
		expires_in: expiresIn,
		expiresAt,
	};
}

export interface MaffAppLogin {
	loginhash: string;
	/** The ready `Authorization` header value: `xxx <loginhash>`. */
	authorization: string;
	refresh_token?: string;
	user?: IDataObject;
	result?: unknown;
}

export function maffAuthorization(loginhash: unknown) {
	return `xxx ${String(loginhash)}`;
}

/**
 * MAFF APP login (POST to the credential's MAFF APP Login URL, JSON {mail, password}) with a WAGRI
 * token. Shared by the MAFF APP credential and the node's MAFF APP → Login operation.
 */
export async function loginToMaffApp(
	helpers: Helpers,
	credentials: IDataObject,
	wagriToken: string,
): Promise<MaffAppLogin> {
	const { body: answer } = await sendLoginRequest(
		helpers,
		'MAFF APP',
		{
			method: 'POST',
			url: String(credentials.loginUrl || MAFF_APP_LOGIN_URL),
			headers: {
				'Content-Type': JSON_CONTENT_TYPE,
				Accept: 'application/json',
				'X-Authorization': wagriToken,
			},
			body: { mail: credentials.mail, password: credentials.password },
		},
		readMaffLoginError,
	);
	if (typeof answer.loginhash !== 'string' || !answer.loginhash) {
		const details = readWagriError(200, answer);
		const message = details.message.startsWith('the API answered')
			? 'the answer had no loginhash'
			: details.message;
		throw new ProviderLoginError({ provider: 'MAFF APP', message, code: details.code });
	}
	return {
		loginhash: answer.loginhash,
		authorization: maffAuthorization(answer.loginhash),
		...(typeof answer.refresh_token === 'string' ? { refresh_token: answer.refresh_token } : {}),
		...(answer.user && typeof answer.user === 'object' ? { user: answer.user as IDataObject } : {}),
		...(answer.result !== undefined ? { result: answer.result } : {}),
	};
}
