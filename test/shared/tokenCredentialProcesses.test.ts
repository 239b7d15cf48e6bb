import { tokenRenewalProperty } from '../../nodes/shared/renewalProtocol';
import type { CredentialStore } from '../harness/credentialStore';
import { runHttpRequestNode } from '../harness/httpRequestNode';
import {
	burstOver,
	loadPackageProcess,
	withProperties,
	type PackageProcess,
} from '../harness/packageProcess';
import { runNode } from '../harness/runNode';
import { useSimulator } from '../harness/useSimulator';
import { WagriSimulator } from '../simulators/wagri';
import { newStore } from '../nodes/Wagri/helpers';

// WAGRI and MAFF APP renew through the same shared skeleton as ROLLER (tokenCredential.ts and
// the node side in storedTokenRequest.ts): the cross-process behaviour holds for them too.
const simulator = useSimulator(new WagriSimulator());

type Credential = 'wagriApi' | 'maffAppApi';

const callFor: Record<Credential, string> = {
	wagriApi: '/API/Public/Sample/Crops',
	maffAppApi: '/API/Individual/MAFFAPP/Notices',
};

async function runCall(
	process: PackageProcess,
	store: CredentialStore,
	credential: Credential,
	claimField: boolean,
) {
	const types = [process.credentials.wagriApi, process.credentials.maffAppApi].map((type) =>
		claimField ? withProperties(type, tokenRenewalProperty) : type,
	);
	return await runNode({
		nodeType: process.nodes.wagri,
		credentialTypes: types,
		credentials: [credential],
		store,
		parameters: {
			authentication: credential,
			resource: 'api',
			operation: 'request',
			method: 'GET',
			path: callFor[credential],
		} as never,
	});
}

/** Tokens (and the MAFF APP login) that have reached their end on both clocks. */
async function storeAtExpiry(credential: Credential) {
	const store = newStore(simulator);
	expect((await runCall(loadPackageProcess(), store, credential, false)).error).toBeUndefined();
	simulator.clock.advanceHours(13);
	store.set(credential, {
		...store.get(credential),
		accessExpiresAt: new Date(Date.now() - 1000).toISOString(),
	});
	simulator.resetCounters();
	store.latencyMs = 3;
	return store;
}

describe.each<Credential>(['wagriApi', 'maffAppApi'])(
	'%s in several n8n processes sharing one store',
	(credential) => {
		const logins = () => simulator.count('token') + simulator.count('maffLogin');
		const perLogin = credential === 'maffAppApi' ? 2 : 1;

		test('node, 20 executions at expiry over 2 processes: 0 failed, one renewal per process at most', async () => {
			const store = await storeAtExpiry(credential);
			const processes = [loadPackageProcess(), loadPackageProcess()];
			const runs = await burstOver(processes, 20, (process) =>
				runCall(process, store, credential, false),
			);
			expect(runs.filter((run) => run.error)).toHaveLength(0);
			expect(logins()).toBeLessThanOrEqual(2 * perLogin);
		});

		test('the shipped credential carries the renewal claim: node, 20 executions at expiry over 3 processes, one renewal, 0 failed', async () => {
			const store = await storeAtExpiry(credential);
			const processes = [loadPackageProcess(), loadPackageProcess(), loadPackageProcess()];
			const runs = await burstOver(processes, 20, (process) =>
				runCall(process, store, credential, false),
			);
			expect(runs.filter((run) => run.error)).toHaveLength(0);
			expect(logins()).toBe(perLogin);
		});

		test('node with the renewal claim field, 20 executions at expiry over 3 processes: one renewal, 0 failed', async () => {
			const store = await storeAtExpiry(credential);
			const processes = [loadPackageProcess(), loadPackageProcess(), loadPackageProcess()];
			const runs = await burstOver(processes, 20, (process) =>
				runCall(process, store, credential, true),
			);
			expect(runs.filter((run) => run.error)).toHaveLength(0);
			expect(simulator.count('token')).toBe(1);
			expect(logins()).toBe(perLogin);
		});

		test("n8n's HTTP Request node, 20 executions at expiry over 2 processes: 0 failed, one renewal per process", async () => {
			const store = await storeAtExpiry(credential);
			const processes = [loadPackageProcess(), loadPackageProcess()];
			const runs = await burstOver(processes, 20, (process) =>
				runHttpRequestNode({
					credentialType: process.credentials[credential],
					store,
					url: `${simulator.baseUrl}${callFor[credential]}`,
				}),
			);
			expect(runs.filter((run) => run.error)).toHaveLength(0);
			expect(simulator.count('token')).toBe(2);
			expect(logins()).toBe(2 * perLogin);
		});
	},
);
