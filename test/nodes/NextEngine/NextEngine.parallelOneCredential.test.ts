import type { INodeProperties } from 'n8n-workflow';

import { NextEngine } from '../../../nodes/NextEngine/NextEngine.node';
import { useSimulator } from '../../harness/useSimulator';
import { NextEngineSimulator } from '../../simulators/nextEngine';
import {
	advanceBothClocksHours,
	fakeDateOnly,
	NE,
	runNextEngine,
	searchOrders,
	storeFor,
} from './helpers';

const simulator = useSimulator(new NextEngineSimulator());

afterEach(() => {
	jest.useRealTimers();
});

const items = (count: number) => Array.from({ length: count }, (_, index) => ({ index }));
const inParallel = (parallelRequests: number) => searchOrders({ options: { parallelRequests } });

describe('Next Engine Parallel Requests: one credential never renews twice', () => {
	test('Parallel Requests is 1 unless raised, on every operation that offers it, and says why (Hamee: no multi-threaded requests as the same user)', () => {
		const collections = new NextEngine().description.properties.filter(
			(property) => property.name === 'options',
		);
		const parallel = collections.flatMap((collection) =>
			((collection.options ?? []) as INodeProperties[]).filter(
				(option) => option.name === 'parallelRequests',
			),
		);
		expect(parallel.length).toBeGreaterThanOrEqual(6);
		for (const option of parallel) {
			expect(option.default).toBe(1);
			expect(option.description).toMatch(/^How many input items .* Keep 1: Hamee asks/);
			expect(option.description).toMatch(/renewed only once/);
		}
	});

	test("20 items at 20 on a credential that never learnt its end dates, Next Engine's clock past the access end: one check, one rotation, every item answered, the stored pair live", async () => {
		const store = storeFor(simulator, { settled: false });
		simulator.clock.advanceHours(25);
		const result = await runNextEngine(store, inParallel(20), { items: items(20) });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(20 * 5);
		expect(simulator.rotations).toBe(1);
		expect(simulator.count('login_user_info')).toBe(1);
		expect(simulator.isLive(String(store.get(NE).accessToken))).toBe(true);
	});

	test("two executions at once, 50 items each at 10 in parallel, Next Engine's clock past the access end: one rotation, all 100 items answered", async () => {
		const store = storeFor(simulator);
		simulator.clock.advanceHours(25);
		const runs = await Promise.all([
			runNextEngine(store, inParallel(10), { items: items(50) }),
			runNextEngine(store, inParallel(10), { items: items(50) }),
		]);
		for (const run of runs) {
			expect(run.error).toBeUndefined();
			expect(run.items).toHaveLength(50 * 5);
		}
		expect(simulator.rotations).toBe(1);
		expect(simulator.isLive(String(store.get(NE).accessToken))).toBe(true);
	});

	test('with a slow credential store (100 ms per read and write, as a busy database), 20 items at 20 over a rotation: one rotation, every item answered', async () => {
		const store = storeFor(simulator);
		store.latencyMs = 100;
		simulator.clock.advanceHours(25);
		const result = await runNextEngine(store, inParallel(20), { items: items(20) });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(20 * 5);
		expect(simulator.rotations).toBe(1);
		expect(simulator.isLive(String(store.get(NE).accessToken))).toBe(true);
	});

	test('Check Token Pair over 20 items at 20 on a pair the credential knows is due: one renewal, one rotation, every item reports the renewed pair', async () => {
		fakeDateOnly();
		const store = storeFor(simulator);
		advanceBothClocksHours(25);
		simulator.resetCounters();
		const result = await runNextEngine(
			store,
			{ resource: 'auth', operation: 'checkPair', options: { parallelRequests: 20 } },
			{ items: items(20) },
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(20);
		expect(simulator.rotations).toBe(1);
		expect(simulator.count('login_user_info')).toBe(1 + 20);
		for (const item of result.items) expect(item.json.access_token_hours_left).toBeCloseTo(24, 0);
	});
});
