import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { isTokenDue } from '../../../shared/credentialAuth';
import { describeHttpFailure } from '../../../shared/errors';
import { providerErrorFrom } from '../../../shared/request';
import { fetchWagriToken, loginToMaffApp, MAFF_APP_CREDENTIAL, WAGRI } from '../../transport';

export const description: INodeProperties[] = [
	{
		displayName:
			'Logs in with the credential\'s mail and password and outputs the loginhash and the ready Authorization header. Other operations do not need this: the credential logs in by itself.',
		name: 'loginNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['maffApp'], operation: ['login'] } },
	},
];

/** A WAGRI token fetched by this node run, reused by its later items. */
const fetchedTokens = new WeakMap<object, string>();

async function freshToken(context: IExecuteFunctions, credentials: IDataObject) {
	const token = (await fetchWagriToken(context.helpers, credentials)).access_token;
	fetchedTokens.set(context, token);
	return token;
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const credentials = await this.getCredentials(MAFF_APP_CREDENTIAL, itemIndex);
	try {
		// The credential's stored WAGRI token is used while it is valid: no extra token request.
		const stored = isTokenDue(credentials.accessToken, credentials.accessTokenExpiresAt)
			? undefined
			: String(credentials.accessToken);
		const known = fetchedTokens.get(this) ?? stored;
		let login;
		if (known) {
			try {
				login = await loginToMaffApp(this.helpers, credentials, known);
			} catch (error) {
				// The token may have been withdrawn; 401 is also a wrong password, so retry only once.
				if (describeHttpFailure(error).login?.httpCode !== 401 || fetchedTokens.get(this) === known) throw error;
				login = await loginToMaffApp(this.helpers, credentials, await freshToken(this, credentials));
			}
		} else {
			login = await loginToMaffApp(this.helpers, credentials, await freshToken(this, credentials));
		}
		return {
			loginhash: login.loginhash,
			authorization: login.authorization,
			...(login.refresh_token !== undefined ? { refresh_token: login.refresh_token } : {}),
			...(login.user !== undefined ? { user: login.user } : {}),
		};
	} catch (error) {
		throw providerErrorFrom(this, WAGRI, error, itemIndex);
	}
}
