import type { IAllExecuteFunctions } from 'n8n-workflow';

import { sendApiRequest, type ApiRequest, type ProviderProfile } from '../../shared/request';
import { MAFF_APP_CREDENTIAL, readWagriError, WAGRI_CREDENTIAL } from '../auth';

export const WAGRI: ProviderProfile = {
	name: 'WAGRI',
	readError: (status, body) => {
		const hints: Record<number, string> = {
			400: 'WAGRI refused the request as invalid: check the path, query parameters and body.',
			401: 'WAGRI refused the credentials even after a fresh login: check the client ID/secret (and, for MAFF APP, the mail and password) in the credential.',
			403: 'This WAGRI / MAFF APP account may not use that API. MAFF APP needs an approved application to the MAFF secretariat.',
			500: 'WAGRI had an internal error; try again later.',
		};
		return { ...readWagriError(status, body), hint: hints[status] };
	},
};

export type WagriCredentialType = typeof WAGRI_CREDENTIAL | typeof MAFF_APP_CREDENTIAL;

export async function wagriRequest(
	this: Pick<IAllExecuteFunctions, 'getNode' | 'helpers'>,
	credentialType: WagriCredentialType,
	request: ApiRequest,
) {
	return await sendApiRequest.call(this, WAGRI, credentialType, request);
}
