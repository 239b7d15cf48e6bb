import { useSimulator } from '../../harness/useSimulator';
import { NextEngineSimulator } from '../../simulators/nextEngine';
import { advanceBothClocksHours, fakeDateOnly, NE, runNextEngine, storeFor } from './helpers';

const simulator = useSimulator(new NextEngineSimulator());

afterEach(() => {
	jest.useRealTimers();
});

const items = Array.from({ length: 200 }, (_, index) => ({ index }));
const loginCompany = {
	resource: 'account',
	operation: 'getLoginCompany',
	options: { parallelRequests: 20 },
};

describe('Next Engine node: 200 items at 20 in parallel', () => {
	test('over an access token this machine knows is due: exactly one renewal, one rotation, 200 calls', async () => {
		fakeDateOnly();
		const store = storeFor(simulator);
		advanceBothClocksHours(25);
		simulator.resetCounters();
		const result = await runNextEngine(store, loginCompany, { items });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(200);
		expect(simulator.count('login_user_info')).toBe(1);
		expect(simulator.rotations).toBe(1);
		expect(simulator.count('login_company_info')).toBe(200);
		expect(simulator.isLive(String(store.get(NE).accessToken))).toBe(true);
	});

	test('over an access token only the server knows is expired: one rotation, the rotated pair stored and live', async () => {
		const store = storeFor(simulator);
		simulator.clock.advanceHours(25);
		simulator.resetCounters();
		const result = await runNextEngine(store, loginCompany, { items });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(200);
		expect(simulator.rotations).toBe(1);
		// calls in flight with the old pair are refused (002004) and retried once with the stored pair
		expect(simulator.count('login_company_info')).toBeGreaterThanOrEqual(200);
		expect(simulator.count('login_company_info')).toBeLessThanOrEqual(220);
		expect(simulator.isLive(String(store.get(NE).accessToken))).toBe(true);
	});

	test('on a settled credential: 200 calls, no renewal', async () => {
		const store = storeFor(simulator);
		const result = await runNextEngine(store, loginCompany, { items });
		expect(result.items).toHaveLength(200);
		expect(simulator.totalCalls()).toBe(200);
	});
});
