import { NextEngineApi } from '../../credentials/NextEngineApi.credentials';
import { expectNoSecrets } from '../harness/secrets';
import { testCredential } from '../harness/testCredential';
import { useSimulator } from '../harness/useSimulator';
import { NextEngineSimulator } from '../simulators/nextEngine';
import {
	advanceBothClocksHours,
	fakeDateOnly,
	NE,
	runNextEngine,
	searchOrders,
	secretsOf,
	storeFor,
} from '../nodes/NextEngine/helpers';

const simulator = useSimulator(new NextEngineSimulator({ orderCount: 20 }));

afterEach(() => {
	jest.useRealTimers();
});

// n8n 2.40.7's real rule for the Test button (see test/harness/testCredential.ts)
const asN8n = { preAuthentication: 'n8n-2.40' as const };

describe('Next Engine credential', () => {
	test('the Test button on a new credential checks the pair once and stores its end dates', async () => {
		const store = storeFor(simulator, { settled: false });
		const result = await testCredential(new NextEngineApi(), store, asN8n);
		expect(result).toEqual({ status: 'OK', message: 'Connection tested successfully' });
		expect(simulator.count('login_user_info')).toBe(2);
		const stored = store.get(NE);
		expect(stored.pairStoredAt).not.toBe('');
		expect(Date.parse(String(stored.accessTokenExpiresAt))).toBeGreaterThan(Date.now());
	});

	test("the Test button never rotates the pair: an access token expired on Next Engine's clock is reported, the pair kept", async () => {
		const store = storeFor(simulator);
		const before = store.get(NE);
		simulator.clock.advanceHours(25);
		const result = await testCredential(new NextEngineApi(), store, asN8n);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/renews it on the next workflow run/);
		expect(simulator.rotations).toBe(0);
		expect(store.get(NE)).toEqual(before);
		const form = new URLSearchParams(simulator.log[0].body);
		expect(form.get('refresh_token')).toBeNull();
		// and the next workflow run still rotates and stores the pair
		const run = await runNextEngine(store, searchOrders());
		expect(run.error).toBeUndefined();
		expect(simulator.isLive(String(store.get(NE).accessToken))).toBe(true);
	});

	test('the Test button on a pair known to be due renews it through preAuthentication and stores it', async () => {
		fakeDateOnly();
		const store = storeFor(simulator);
		advanceBothClocksHours(25);
		const result = await testCredential(new NextEngineApi(), store, asN8n);
		expect(result.status).toBe('OK');
		expect(simulator.rotations).toBe(1);
		expect(simulator.isLive(String(store.get(NE).accessToken))).toBe(true);
	});

	test('the Test button on a dead pair says to log in again and shows no token or secret', async () => {
		const store = storeFor(simulator, {
			pair: { access_token: 'ne_access_unknown', refresh_token: 'ne_refresh_unknown' },
		});
		const result = await testCredential(new NextEngineApi(), store, asN8n);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/refused|log in again/i);
		expectNoSecrets(result, secretsOf(store));
	});

	test("also works with the harness's always-preAuthentication rule (stored pair kept current)", async () => {
		const store = storeFor(simulator);
		simulator.clock.advanceHours(25);
		const result = await testCredential(new NextEngineApi(), store);
		expect(result.status).toBe('OK');
		expect(simulator.rotations).toBe(1);
		expect(simulator.isLive(String(store.get(NE).accessToken))).toBe(true);
	});

	test('a half pair in an answer never overwrites the stored tokens', async () => {
		const { pairFromAnswer } = await import('../../nodes/NextEngine/auth/answers');
		expect(pairFromAnswer({ result: 'success', access_token: 'a' }, {})).toBeUndefined();
		expect(
			pairFromAnswer({ result: 'success', access_token: '', refresh_token: 'r' }, {}),
		).toBeUndefined();
		expect(pairFromAnswer({ result: 'error', code: '002004' }, {})).toBeUndefined();
	});

	test("Next Engine end dates (Japan time) become end dates on this machine's clock via the Date header", async () => {
		const { pairFromAnswer } = await import('../../nodes/NextEngine/auth/answers');
		const serverNow = Date.now() + 3 * 3600_000; // the server's clock runs 3 hours ahead
		const { formatJst } = await import('../simulators/nextEngine');
		const pair = pairFromAnswer(
			{
				access_token: 'a',
				refresh_token: 'r',
				access_token_end_date: formatJst(serverNow + 3600_000),
				refresh_token_end_date: formatJst(serverNow + 48 * 3600_000),
			},
			{ date: new Date(serverNow).toUTCString() },
		)!;
		expect(Math.abs(Date.parse(pair.accessTokenExpiresAt) - (Date.now() + 3600_000))).toBeLessThan(
			2000,
		);
		expect(
			Math.abs(Date.parse(pair.refreshTokenExpiresAt) - (Date.now() + 48 * 3600_000)),
		).toBeLessThan(2000);
	});

	test("advertises itself to n8n's HTTP Request node", () => {
		expect(new NextEngineApi().httpRequestNode).toEqual({
			name: 'Next Engine',
			docsUrl: expect.any(String),
			apiBaseUrl: 'https://api.next-engine.org',
		});
	});
});
