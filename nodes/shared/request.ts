import type {
	IAllExecuteFunctions,
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';

import { describeHttpFailure, providerApiError, type ProviderErrorDetails } from './errors';

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
	let response: IN8nHttpFullResponse;
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(
			this as never,
			credentialType,
			options,
			profile.noRetryOnUnauthorized ? { preAuthenticationRetryStatusCode: [] } : undefined,
		)) as IN8nHttpFullResponse;
	} catch (error) {
		throw providerErrorFrom(this, profile, error, request.itemIndex);
	}
	const inBody = profile.errorInSuccessfulAnswer?.(response.body);
	if (inBody) {
		throw providerApiError(this.getNode(), { provider: profile.name, ...inBody }, request.itemIndex);
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
		{ provider: profile.name, httpCode: failure.status, ...profile.readError(failure.status, failure.body) },
		itemIndex,
	);
}

/** The JSON body of a full response (some paths hand it over as a string). */
export function jsonBody(response: Pick<IN8nHttpFullResponse, 'body'>): IDataObject {
	const body = response.body as unknown;
	if (typeof body === 'string') return body ? (JSON.parse(body) as IDataObject) : {};
	return (body ?? {}) as IDataObject;
}
