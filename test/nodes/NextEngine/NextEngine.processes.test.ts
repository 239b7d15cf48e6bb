import type { CredentialStore } from '../../harness/credentialStore';
import { loadPackageProcess, type PackageProcess } from '../../harness/packageProcess';
import { runNode } from '../../harness/runNode';
import { useSimulator } from '../../harness/useSimulator';
import { NextEngineSimulator } from '../../simulators/nextEngine';
import { NE, searchOrders, storeFor } from './helpers';

// Two n8n processes (queue-mode workers) sharing one credential store and nothing else.
const simulator = useSimulator(new NextEngineSimulator({ orderCount: 20 }));

const searchIn = (process: PackageProcess, store: CredentialStore) =>
	runNode({
		nodeType: process.nodes.nextEngine,
		credentialTypes: [process.credentials.nextEngineApi],
		credentials: [NE],
		store,
		parameters: searchOrders(),
	});

describe('Next Engine node in several n8n processes sharing one credential store', () => {
	test('a pair check this process made minutes earlier is not handed to a later due check: the pair another process just rotated is kept, not overwritten with the old one', async () => {
		const [first, second] = [loadPackageProcess(), loadPackageProcess()];
		// a new credential: its first use checks the pair (no rotation) to learn the end dates
		const store = storeFor(simulator, { settled: false });
		expect((await searchIn(first, store)).error).toBeUndefined();
		expect(simulator.rotations).toBe(0);
		// minutes later the stored pair is due, on both clocks
		simulator.clock.advanceHours(25);
		store.set(NE, {
			...store.get(NE),
			accessTokenExpiresAt: new Date(Date.now() - 60_000).toISOString(),
			pairStoredAt: new Date(Date.now() - 3_600_000).toISOString(),
		});
		// right after the first process reads the due pair, the other one rotates and stores it
		store.afterNextRead = async () => {
			expect((await searchIn(second, store)).error).toBeUndefined();
		};
		const late = await searchIn(first, store);
		expect(late.error).toBeUndefined();
		expect(simulator.rotations).toBe(1);
		expect(simulator.isLive(String(store.get(NE).accessToken))).toBe(true);
	});
});
