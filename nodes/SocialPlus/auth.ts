import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { applyBaseUrl } from '../shared/credentialAuth';

export const SOCIAL_PLUS_CREDENTIAL = 'socialPlusApi';
export const SOCIAL_PLUS_DEFAULT_BASE_URL = 'https://api.socialplus.jp';

/** Social PLUS has no login: every request carries the API key as the `key` query parameter. */
export async function authenticateWithApiKey(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	applyBaseUrl(requestOptions, credentials.baseUrl || SOCIAL_PLUS_DEFAULT_BASE_URL);
	requestOptions.qs = { ...(requestOptions.qs ?? {}), key: credentials.apiKey };
	return requestOptions;
}
