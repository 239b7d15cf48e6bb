import { formatJapanTime } from '../../../nodes/NextEngine/auth/answers';
import { expectNoSecrets } from '../../harness/secrets';
import { useSimulator } from '../../harness/useSimulator';
import { NextEngineSimulator } from '../../simulators/nextEngine';
import {
	advanceBothClocksHours,
	fakeDateOnly,
	NE,
	runNextEngine,
	secretsOf,
	storeFor,
} from './helpers';

const simulator = useSimulator(new NextEngineSimulator());

afterEach(() => {
	jest.useRealTimers();
});

const checkPair = { resource: 'auth', operation: 'checkPair' };
const JST = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

describe('Next Engine Check Token Pair (keeping the pair alive)', () => {
	test('on a fresh pair: one call to the pair-check path, end dates in Japan time with hours left, not renewed, no tokens in the output', async () => {
		const store = storeFor(simulator);
		const before = store.get(NE);
		const result = await runNextEngine(store, checkPair);
		expect(result.error).toBeUndefined();
		expect(simulator.totalCalls()).toBe(1);
		expect(simulator.count('login_user_info')).toBe(1);
		const health = result.items[0].json;
		expect(health).toEqual({
			pair_alive: true,
			renewed: false,
			access_token_end_jst: formatJapanTime(Date.parse(String(before.accessTokenExpiresAt))),
			access_token_hours_left: expect.any(Number),
			refresh_token_end_jst: formatJapanTime(Date.parse(String(before.refreshTokenExpiresAt))),
			refresh_token_hours_left: expect.any(Number),
			checked_at_jst: expect.stringMatching(JST),
			login_user: 'Operator NE0001',
		});
		expect(health.access_token_end_jst).toMatch(JST);
		expect(health.access_token_hours_left).toBeCloseTo(24, 0);
		expect(health.refresh_token_hours_left).toBeCloseTo(72, 0);
		expect(store.get(NE)).toEqual(before);
		expectNoSecrets(result.items, secretsOf(store));
	});

	test("when only Next Engine's clock says the access token expired: that one call renews the pair, the new pair is stored and live, renewed is true", async () => {
		const store = storeFor(simulator);
		const before = store.get(NE);
		simulator.clock.advanceHours(25);
		const result = await runNextEngine(store, checkPair);
		expect(result.error).toBeUndefined();
		expect(simulator.totalCalls()).toBe(1);
		expect(simulator.rotations).toBe(1);
		const stored = store.get(NE);
		expect(stored.accessToken).not.toBe(before.accessToken);
		expect(simulator.isLive(String(stored.accessToken))).toBe(true);
		const health = result.items[0].json;
		expect(health.renewed).toBe(true);
		expect(health.refresh_token_hours_left).toBeCloseTo(72, 0);
		expect(health.refresh_token_end_jst).toBe(
			formatJapanTime(Date.parse(String(stored.refreshTokenExpiresAt))),
		);
		expectNoSecrets(result.items, [...secretsOf(store), String(before.accessToken)]);
	});

	test('when the credential knows the access token is due: renewed once through the credential, then checked (2 calls, 1 rotation)', async () => {
		fakeDateOnly();
		const store = storeFor(simulator);
		advanceBothClocksHours(25);
		simulator.resetCounters();
		const result = await runNextEngine(store, checkPair);
		expect(result.error).toBeUndefined();
		expect(simulator.rotations).toBe(1);
		expect(simulator.count('login_user_info')).toBe(2);
		expect(result.items[0].json.renewed).toBe(true);
		expect(result.items[0].json.access_token_hours_left).toBeCloseTo(24, 0);
		expect(simulator.isLive(String(store.get(NE).accessToken))).toBe(true);
	});

	test('Include Company adds the company name and ID for one more call', async () => {
		const store = storeFor(simulator);
		const result = await runNextEngine(store, { ...checkPair, options: { includeCompany: true } });
		expect(result.items[0].json).toMatchObject({
			company_name: 'Shop NE0001',
			company_ne_id: 'NE0001-ne',
			pair_alive: true,
		});
		expect(simulator.totalCalls()).toBe(2);
		expectNoSecrets(result.items, secretsOf(store));
	});

	test('run every 12 hours for 30 days (both clocks): never fails, no new login, the refresh token always has 48 hours or more left after a check', async () => {
		fakeDateOnly();
		const store = storeFor(simulator);
		simulator.resetCounters();
		for (let run = 1; run <= 60; run++) {
			advanceBothClocksHours(12);
			const result = await runNextEngine(store, checkPair);
			expect(result.error).toBeUndefined();
			expect(result.items[0].json.refresh_token_hours_left).toBeGreaterThanOrEqual(48);
			expect(result.items[0].json.renewed).toBe(run % 2 === 0);
			expect(simulator.isLive(String(store.get(NE).accessToken))).toBe(true);
		}
		expect(simulator.rotations).toBe(30);
		expect(simulator.count('neauth')).toBe(0);
	});

	test('after three idle days the check fails saying when the pair ended (Japan time) and how to log in again; the stored pair is not wiped', async () => {
		fakeDateOnly();
		const store = storeFor(simulator);
		const before = store.get(NE);
		advanceBothClocksHours(73);
		const result = await runNextEngine(store, checkPair);
		const ended = formatJapanTime(Date.parse(String(before.refreshTokenExpiresAt)));
		expect(result.error?.message).toContain(`(it ended on ${ended} (Japan time))`);
		expect(result.error?.description).toContain(`The token pair ended on ${ended} (Japan time)`);
		expect(result.error?.description).toMatch(
			/Log in again: run your first-login workflow \(Webhook .*Exchange Login/,
		);
		expect(store.get(NE)).toEqual(before);
		expectNoSecrets(result.error, secretsOf(store));
	});

	test('with "continue using error output" an ended pair becomes an item the keep-alive workflow can alert on', async () => {
		fakeDateOnly();
		const store = storeFor(simulator);
		advanceBothClocksHours(73);
		const result = await runNextEngine(store, checkPair, { continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.error).toMatch(/it ended on .* \(Japan time\)/);
		expect(result.items[0].json.errorDescription).toMatch(/Log in again/);
	});
});
