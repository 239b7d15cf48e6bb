import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { isTokenDue } from '../../../shared/credentialAuth';
import { describeHttpFailure } from '../../../shared/errors';
import { providerErrorFrom } from '../../../shared/request';
import {
	fetchWagriToken,
	loginToMaffApp,
	MAFF_APP_CREDENTIAL,
	type MaffAppLogin,
} from '../../auth';
import { WAGRI } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName:
			"Logs in with the credential's mail and password and outputs the loginhash and the ready Authorization header. Other operations do not need this: the credential logs in by itself.",
		name: 'loginNotice',
		type: 'notice',
		default: '',
	},
];

const displayOptions = { show: { resource: ['maffApp'], operation: ['login'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** A WAGRI token fetched by this node run, reused by its later items. */
const fetchedTokens = new WeakMap<object, string>();

type Attempt =
	{ login: MaffAppLogin; failure?: undefined } | { login?: undefined; failure: unknown };

async function attempt(run: () => Promise<MaffAppLogin>): Promise<Attempt> {
	try {
		return { login: await run() };
	} catch (failure) {
		return { failure };
	}
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const credentials = await this.getCredentials(MAFF_APP_CREDENTIAL, itemIndex);
	// The credential's stored WAGRI token is used while it is valid: no extra token request.
	const stored = isTokenDue(credentials.accessToken, credentials.accessExpiresAt)
		? undefined
		: String(credentials.accessToken);
	const known = fetchedTokens.get(this) ?? stored;
	const withFreshToken = async () => {
		const token = (await fetchWagriToken(this.helpers, credentials)).access_token;
		fetchedTokens.set(this, token);
		return await loginToMaffApp(this.helpers, credentials, token);
	};

	let result = await attempt(
		async () => await (known ? loginToMaffApp(this.helpers, credentials, known) : withFreshToken()),
	);
	// A stored token may have been withdrawn. 401 is also a wrong password, so retry once only.
	if (
		result.failure &&
		known &&
		fetchedTokens.get(this) !== known &&
		describeHttpFailure(result.failure).login?.httpCode === 401
	) {
		result = await attempt(withFreshToken);
	}
	if (!result.login) throw providerErrorFrom(this, WAGRI, result.failure, itemIndex);
	const { login } = result;
	return {
		loginhash: login.loginhash,
		authorization: login.authorization,
		...(login.refresh_token !== undefined ? { refresh_token: login.refresh_token } : {}),
		...(login.user !== undefined ? { user: login.user } : {}),
	};
}
