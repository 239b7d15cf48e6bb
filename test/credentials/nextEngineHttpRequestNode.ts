import type { ICredentialType } from 'n8n-workflow';

import type { CredentialStore } from '../harness/credentialStore';
import { runHttpRequestNode } from '../harness/httpRequestNode';
import { NE } from '../nodes/NextEngine/helpers';
import type { NextEngineSimulator } from '../simulators/nextEngine';

/** One run of n8n's HTTP Request node with the Next Engine credential; `answer` is its item. */
export async function viaHttpRequestNode(
	simulator: NextEngineSimulator,
	credentialType: ICredentialType,
	store: CredentialStore,
) {
	const run = await runHttpRequestNode({
		credentialType,
		store,
		method: 'POST',
		url: `${simulator.baseUrl}/api_v1_login_company/info`,
	});
	return { ...run, answer: run.items[0]?.json ?? {} };
}

export const storedEnd = (store: CredentialStore) =>
	Date.parse(String(store.get(NE).accessTokenExpiresAt));

/** Only Date is faked, and it runs on from wherever a test sets it (a credential's wait passes). */
export function fakeDateAdvancing() {
	jest.useFakeTimers({
		advanceTimers: true,
		doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate', 'setTimeout', 'clearTimeout'],
		now: Date.now(),
	});
}
