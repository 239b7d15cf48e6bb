import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { providerErrorFrom } from '../../../shared/request';
import { fetchWagriToken } from '../../auth';
import { WAGRI } from '../../transport';
import { credentialTypeFor } from '../common';

const properties: INodeProperties[] = [
	{
		displayName:
			"Requests a new token with the credential's client ID and secret and outputs it. Other operations do not need this: the credential gets and renews its token by itself.",
		name: 'tokenNotice',
		type: 'notice',
		default: '',
	},
];

const displayOptions = { show: { resource: ['token'], operation: ['getAccessToken'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const credentials = await this.getCredentials(credentialTypeFor.call(this, itemIndex), itemIndex);
	try {
		const token = await fetchWagriToken(this.helpers, credentials);
		return {
			access_token: token.access_token,
			token_type: token.token_type,
			expires_in: token.expires_in,
			expires_at: token.expiresAt,
		};
	} catch (error) {
		throw providerErrorFrom(this, WAGRI, error, itemIndex);
	}
}
