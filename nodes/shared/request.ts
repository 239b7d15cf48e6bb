import type {
	IAllExecuteFunctions,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';

import { describeHttpFailure, providerApiError, type ProviderErrorDetails } from './errors';
import {
	sendWithStoredToken,
	type StoredTokenContext,
	type StoredTokenOutcome,
} from './storedTokenRequest';

/** How one provider reads its own error answers. */
export interface ProviderProfile {
	name: string;
	/** Maps an HTTP error answer to the provider's code and message. */
	readError(status: number, body: unknown): Omit<ProviderErrorDetails, 'provider' | 'httpCode'>;
	/** Some providers answer HTTP 200 with an error inside; return the error, or nothing. */
	errorInSuccessfulAnswer?(body: unknown): Omit<ProviderErrorDetails, 'provider'> | undefined;
	/**
	 * For credentials without a login (a fixed API key): n8n otherwise sends every request that
	 * got 401 a second time, which for a wrong key only doubles the calls.
	 */
	noRetryOnUnauthorized?: boolean;
}

export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Path relative to the credential's base URL, e.g. `/account/me`. */
	url: string;
	qs?: IDataObject;
	body?: IDataObject | string | URLSearchParams;
	headers?: IDataObject;
	/** Answer as raw bytes (files, archives) instead of JSON. */
	binary?: boolean;
	itemIndex?: number;
}

type RequestContext = Pick<IAllExecuteFunctions, 'getNode' | 'helpers'>;

/**
 * The one way every node calls a provider: through n8n's httpRequestWithAuthentication, so the
 * credential logs in, renews and retries by itself, and every failure becomes a provider error
 * with the provider's own code and message.
 */
export async function sendApiRequest(
	this: RequestContext,
	profile: ProviderProfile,
	credentialType: string,
	request: ApiRequest,
): Promise<IN8nHttpFullResponse> {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: request.url,
		qs: request.qs,
		body: request.body,
		headers: { Accept: 'application/json', ...(request.headers ?? {}) },
		json: !request.binary,
		returnFullResponse: true,
		...(request.binary ? { encoding: 'arraybuffer' as const } : {}),
	};
	// A credential that logs in (every profile without noRetryOnUnauthorized) is re-read from the
	// store around each renewal, see storedTokenRequest.ts. Every execution context can read its
	// credentials; the check keeps callers typed without getCredentials working.
	const readsCredentials =
		typeof (this as Partial<StoredTokenContext>).getCredentials === 'function';
	let outcome: StoredTokenOutcome;
	try {
		outcome =
			!profile.noRetryOnUnauthorized && readsCredentials
				? await sendWithStoredToken.call(
						this as StoredTokenContext,
						profile.name,
						credentialType,
						options,
						request.itemIndex,
					)
				: {
						response: (await this.helpers.httpRequestWithAuthentication.call(
							this as never,
							credentialType,
							options,
							profile.noRetryOnUnauthorized ? { preAuthenticationRetryStatusCode: [] } : undefined,
						)) as IN8nHttpFullResponse,
					};
	} catch (error) {
		outcome = { failure: error };
	}
	if ('failure' in outcome) {
		throw providerErrorFrom(this, profile, outcome.failure, request.itemIndex);
	}
	const { response } = outcome;
	const inBody = profile.errorInSuccessfulAnswer?.(response.body);
	if (inBody) {
		throw providerApiError(
			this.getNode(),
			{ provider: profile.name, ...inBody },
			request.itemIndex,
		);
	}
	return response;
}

/** Same as sendApiRequest, for the usual case where only the JSON body matters. */
export async function apiRequest(
	this: RequestContext,
	profile: ProviderProfile,
	credentialType: string,
	request: ApiRequest,
): Promise<IDataObject> {
	const response = await sendApiRequest.call(this, profile, credentialType, request);
	return response.body as IDataObject;
}

export function providerErrorFrom(
	context: Pick<RequestContext, 'getNode'>,
	profile: ProviderProfile,
	error: unknown,
	itemIndex?: number,
) {
	const failure = describeHttpFailure(error);
	if (failure.login) {
		return providerApiError(
			context.getNode(),
			{
				...failure.login,
				message: `login failed: ${failure.login.message}`,
				hint:
					failure.login.hint ??
					`The credential could not log in to ${failure.login.provider}. Open the credential, check what it asks for and use its Test button.`,
			},
			itemIndex,
		);
	}
	if (failure.status === undefined) {
		return providerApiError(
			context.getNode(),
			{
				provider: profile.name,
				message: `the API could not be reached (${failure.networkCode ?? 'no answer'})`,
				hint: "Check the credential's Base URL and the network between n8n and the provider.",
			},
			itemIndex,
		);
	}
	return providerApiError(
		context.getNode(),
		{
			provider: profile.name,
			httpCode: failure.status,
			...profile.readError(failure.status, failure.body),
		},
		itemIndex,
	);
}

/** The JSON body of a full response (some paths hand it over as a string). */
export function jsonBody(response: Pick<IN8nHttpFullResponse, 'body'>): IDataObject {
	const body = response.body as unknown;
	if (typeof body === 'string') return body ? (JSON.parse(body) as IDataObject) : {};
	return (body ?? {}) as IDataObject;
}

/** How decodeAnswer turns an answer into items. */
export interface AnswerDecoding {
	/** The binary field that receives a file answer. */
	binaryPropertyName: string;
	/** Whether a JSON list becomes one item per entry (otherwise one item holding the list). */
	splitArrays: boolean;
	/** The file name when the answer names none in Content-Disposition. */
	fallbackFileName?: string;
}

/**
 * Turns an answer fetched as raw bytes (`binary: true`) into items, by its Content-Type: no body
 * gives the status code; JSON gives its object (or its entries); anything else, or JSON that
 * does not parse, is a file in binary data, named as Content-Disposition names it.
 */
export async function decodeAnswer(
	this: Pick<IExecuteFunctions, 'helpers'>,
	response: IN8nHttpFullResponse,
	decoding: AnswerDecoding,
): Promise<INodeExecutionData[]> {
	const body = response.body as unknown;
	const bytes = Buffer.isBuffer(body) ? body : Buffer.from((body ?? '') as ArrayBuffer);
	const headers = response.headers as IDataObject;
	const contentType = headerValue(headers, 'content-type');
	if (bytes.length === 0) return [{ json: { statusCode: response.statusCode } }];
	if (/[/+]json\b/i.test(contentType)) {
		const answer = parseJson(bytes.toString('utf8'));
		if (answer !== undefined) return jsonItems(answer, decoding.splitArrays);
	}
	const fileName =
		fileNameFrom(headerValue(headers, 'content-disposition')) ?? decoding.fallbackFileName;
	const mimeType = contentType.split(';')[0].trim() || undefined;
	const binary = await this.helpers.prepareBinaryData(bytes, fileName, mimeType);
	return [
		{
			json: { fileName: binary.fileName, mimeType: binary.mimeType, fileSize: bytes.length },
			binary: { [decoding.binaryPropertyName]: binary },
		},
	];
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

function jsonItems(answer: unknown, splitArrays: boolean): INodeExecutionData[] {
	if (Array.isArray(answer) && splitArrays) {
		return answer.map((entry) => ({
			json: entry && typeof entry === 'object' ? (entry as IDataObject) : { value: entry },
		}));
	}
	const isObject = answer && typeof answer === 'object' && !Array.isArray(answer);
	return [{ json: isObject ? (answer as IDataObject) : { data: answer as IDataObject } }];
}

function headerValue(headers: IDataObject | undefined, name: string): string {
	if (!headers) return '';
	const key = Object.keys(headers).find((entry) => entry.toLowerCase() === name);
	return key ? String(headers[key] ?? '') : '';
}

/** The file name of a Content-Disposition header: `filename*=UTF-8''…` first, then `filename=`. */
function fileNameFrom(contentDisposition: string): string | undefined {
	const encoded = /filename\*\s*=\s*[^']*''([^;]+)/i.exec(contentDisposition);
	if (encoded) {
		try {
			return decodeURIComponent(encoded[1].trim());
		} catch {
			return encoded[1].trim();
		}
	}
	const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(contentDisposition);
	return plain ? plain[1].trim() : undefined;
}
