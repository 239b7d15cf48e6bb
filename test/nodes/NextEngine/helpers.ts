import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { NextEngineApi } from '../../../credentials/NextEngineApi.credentials';
import { NextEngine } from '../../../nodes/NextEngine/NextEngine.node';
import { CredentialStore } from '../../harness/credentialStore';
import { runNode, type RunNodeOptions } from '../../harness/runNode';
import {
	NE_ACCESS_LIFETIME_MS,
	NE_REFRESH_LIFETIME_MS,
	type NextEngineSimulator,
} from '../../simulators/nextEngine';

export const NE = 'nextEngineApi';

/**
 * A credential as the user saves it after the first login: client id/secret and the first pair.
 * `settled` adds what the credential keeps after its first use (end dates, check time), so
 * tests can count calls without the one-time first check.
 */
export function storeFor(
	simulator: NextEngineSimulator,
	options: { settled?: boolean; pair?: IDataObject } = {},
) {
	const pair = options.pair ?? simulator.issuePair();
	const settled = options.settled ?? true;
	return new CredentialStore({
		[NE]: {
			pairStoredAt: settled ? new Date().toISOString() : '',
			accessTokenExpiresAt: settled
				? new Date(Date.now() + NE_ACCESS_LIFETIME_MS).toISOString()
				: '',
			refreshTokenExpiresAt: settled
				? new Date(Date.now() + NE_REFRESH_LIFETIME_MS).toISOString()
				: '',
			clientId: simulator.clientId,
			clientSecret: simulator.clientSecret,
			accessToken: String(pair.access_token),
			refreshToken: String(pair.refresh_token),
			baseUrl: simulator.baseUrl,
		},
	});
}

export function runNextEngine(
	store: CredentialStore,
	parameters: INodeParameters,
	more: Partial<RunNodeOptions> = {},
) {
	return runNode({
		nodeType: new NextEngine(),
		credentialTypes: [new NextEngineApi()],
		store,
		credentials: [NE],
		parameters,
		...more,
	});
}

export const searchOrders = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'entity',
	operation: 'search',
	entity: 'receiveorder_base',
	fields: 'receive_order_id,receive_order_date,receive_order_total_amount',
	returnAll: false,
	limit: 5,
	...extra,
});

/** Every secret a Next Engine credential holds, for expectNoSecrets. */
export function secretsOf(store: CredentialStore, ...more: string[]) {
	const data = store.get(NE);
	return [String(data.clientSecret), String(data.accessToken), String(data.refreshToken), ...more];
}

/** Only Date is faked: the simulator's clock (Date.now + offset) and this machine's clock move together. */
export function fakeDateOnly() {
	jest.useFakeTimers({
		doNotFake: [
			'hrtime',
			'nextTick',
			'performance',
			'queueMicrotask',
			'requestAnimationFrame',
			'cancelAnimationFrame',
			'requestIdleCallback',
			'cancelIdleCallback',
			'setImmediate',
			'clearImmediate',
			'setInterval',
			'clearInterval',
			'setTimeout',
			'clearTimeout',
		],
		now: Date.now(),
	});
}

export function advanceBothClocksHours(hours: number) {
	jest.setSystemTime(Date.now() + hours * 3600_000);
}
