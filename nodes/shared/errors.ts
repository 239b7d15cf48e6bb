import { ExecutionBaseError, NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

/** What a provider said when it refused a call, in its own words. */
export interface ProviderErrorDetails {
	provider: string;
	/** HTTP status of the answer (Next Engine answers 200 even for errors). */
	httpCode?: number;
	/** The provider's own error code, e.g. Next Engine `002004`, Social PLUS `7`. */
	code?: string;
	message: string;
	/** What the user should do about it. */
	hint?: string;
}

/**
 * Thrown by a credential's login (preAuthentication). It carries only what the provider
 * answered, never the request that was sent, so no password or secret can travel with it.
 * It deliberately has no `response.status`: a failed login must not make n8n log in again.
 */
export class ProviderLoginError extends ExecutionBaseError {
	readonly jpConnectLogin: ProviderErrorDetails;

	constructor(details: ProviderErrorDetails) {
		super(formatProviderMessage({ ...details, message: `login failed: ${details.message}` }));
		this.name = 'ProviderLoginError';
		this.jpConnectLogin = details;
		// n8n 1.x wraps this in a NodeApiError that drops `cause` but keeps the `context` of an
		// ExecutionBaseError: the details travel there too (see describeHttpFailure).
		this.context = { jpConnectLogin: details as unknown as JsonObject };
	}
}

export function formatProviderMessage(details: ProviderErrorDetails): string {
	const code = details.code !== undefined ? ` [code ${details.code}]` : '';
	const status = details.httpCode !== undefined ? ` (HTTP ${details.httpCode})` : '';
	return `${details.provider}: ${details.message}${code}${status}`;
}

/** One error for every provider: message with provider code and HTTP status, nothing secret. */
export function providerApiError(node: INode, details: ProviderErrorDetails, itemIndex?: number) {
	const response: JsonObject = {
		provider: details.provider,
		message: details.message,
		...(details.code !== undefined ? { code: details.code } : {}),
		...(details.httpCode !== undefined ? { httpCode: String(details.httpCode) } : {}),
	};
	return new NodeApiError(node, response, {
		message: formatProviderMessage(details),
		description: details.hint,
		httpCode: details.httpCode !== undefined ? String(details.httpCode) : undefined,
		itemIndex,
	});
}

export interface HttpFailure {
	status?: number;
	body?: unknown;
	/** A network-level failure: the provider could not be reached at all. */
	networkCode?: string;
	login?: ProviderErrorDetails;
}

/**
 * Digs the HTTP status and body out of whatever n8n's request helpers threw (an axios-style
 * error, a NodeApiError wrapping one, or our own login error), without keeping the request.
 */
export function describeHttpFailure(error: unknown): HttpFailure {
	const seen = new Set<unknown>();
	let current: any = error;
	const failure: HttpFailure = {};
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		const login = current.jpConnectLogin ?? current.context?.jpConnectLogin;
		if (login) {
			failure.login = login as ProviderErrorDetails;
			return failure;
		}
		const response = current.response;
		if (response && typeof response === 'object' && failure.status === undefined) {
			const status = Number(response.status ?? response.statusCode);
			if (Number.isFinite(status)) failure.status = status;
			failure.body = parseBody(response.data ?? response.body);
		}
		if (typeof current.code === 'string' && /^E[A-Z]+/.test(current.code))
			failure.networkCode = current.code;
		const next = current.cause ?? current.reason;
		// n8n 1.x wraps a failed request in a NodeApiError without its cause: what is left of the
		// answer is that error's httpCode and context.data (the parsed body).
		if (
			!next &&
			failure.status === undefined &&
			current.httpCode !== undefined &&
			current.httpCode !== null
		) {
			const status = Number(current.httpCode);
			if (Number.isFinite(status)) {
				failure.status = status;
				failure.body = parseBody(current.context?.data);
			}
		}
		current = next;
	}
	return failure;
}

function parseBody(body: unknown): unknown {
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body === 'string') {
		try {
			return JSON.parse(body);
		} catch {
			return body;
		}
	}
	return body;
}
