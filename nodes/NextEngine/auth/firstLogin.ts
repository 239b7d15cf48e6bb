import type { IDataObject, IExecuteFunctions, IN8nHttpFullResponse } from 'n8n-workflow';

import { providerApiError } from '../../shared/errors';
import { jsonBody, providerErrorFrom } from '../../shared/request';
import {
	NE_PROVIDER,
	NEXT_ENGINE,
	nextEngineErrorIn,
	pairFromAnswer,
	type StoredPair,
} from './answers';

/** Next Engine's token endpoint for the first login (the SDKs use `/api_neauth/`). */
export const NE_FIRST_LOGIN_PATH = '/api_neauth';

export interface FirstLogin {
	/** uid and state from the Redirect URI: valid 5 minutes, once. */
	uid: string;
	state: string;
	clientId: string;
	clientSecret: string;
	baseUrl: string;
	path: string;
}

/** Next Engine's answer to the first login, and the pair in it with end dates on this machine's clock. */
export interface FirstLoginAnswer {
	answer: IDataObject;
	pair: StoredPair | undefined;
}

/** uid + state from the Redirect URI → the first token pair and who logged in. */
export async function exchangeFirstLogin(
	this: Pick<IExecuteFunctions, 'getNode' | 'helpers'>,
	login: FirstLogin,
	itemIndex: number,
): Promise<FirstLoginAnswer> {
	let failure: unknown;
	let response: IN8nHttpFullResponse | undefined;
	try {
		response = await this.helpers.httpRequest({
			method: 'POST',
			baseURL: login.baseUrl.replace(/\/+$/, ''),
			url: login.path,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			body: new URLSearchParams({
				uid: login.uid,
				state: login.state,
				client_id: login.clientId,
				client_secret: login.clientSecret,
			}),
			json: true,
			returnFullResponse: true,
		});
	} catch (error) {
		failure = error;
	}
	if (failure !== undefined) throw providerErrorFrom(this, NEXT_ENGINE, failure, itemIndex);
	const answer = jsonBody(response ?? { body: {} });
	const inBody = nextEngineErrorIn(answer);
	if (inBody) {
		const hint =
			answer.result === 'redirect'
				? 'The uid/state are older than 5 minutes or were already used: log in to Next Engine again from the browser.'
				: 'Check the client ID and secret (Next Engine → Create Apps → your app → API tab) and that uid and state come straight from the Redirect URI (valid 5 minutes, once).';
		throw providerApiError(this.getNode(), { provider: NE_PROVIDER, ...inBody, hint }, itemIndex);
	}
	return { answer, pair: pairFromAnswer(answer, response?.headers as IDataObject | undefined) };
}
