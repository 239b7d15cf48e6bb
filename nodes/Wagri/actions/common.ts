import type { IExecuteFunctions } from 'n8n-workflow';

import { MAFF_APP_CREDENTIAL, WAGRI_CREDENTIAL } from '../auth';
import type { WagriCredentialType } from '../transport';

export function credentialTypeFor(this: IExecuteFunctions, itemIndex: number): WagriCredentialType {
	const chosen = this.getNodeParameter('authentication', itemIndex, WAGRI_CREDENTIAL) as string;
	return chosen === MAFF_APP_CREDENTIAL ? MAFF_APP_CREDENTIAL : WAGRI_CREDENTIAL;
}
