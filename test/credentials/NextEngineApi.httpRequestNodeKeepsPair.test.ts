import type { IDataObject } from 'n8n-workflow';

import { NextEngineApi } from '../../credentials/NextEngineApi.credentials';
import { authenticate } from '../../nodes/NextEngine/auth/credentialAuth';
import type { CredentialStore } from '../harness/credentialStore';
import { expectNoSecrets } from '../harness/secrets';
import { useSimulator } from '../harness/useSimulator';
import { NextEngineSimulator } from '../simulators/nextEngine';
import {
	fakeDateOnly,
	NE,
	runNextEngine,
	searchOrders,
	secretsOf,
	storeFor,
} from '../nodes/NextEngine/helpers';
import {
	fakeDateAdvancing,
	storedEnd,
	viaHttpRequestNode as viaHttpRequestNodeOf,
} from './nextEngineHttpRequestNode';

// n8n's HTTP Request node ("Predefined Credential Type" Next Engine API) never sees the store
// after its request started and n8n never stores a pair found in its output: only the
// credential's checks (preAuthentication) may let Next Engine rotate the pair there.
const simulator = useSimulator(new NextEngineSimulator({ orderCount: 20 }));

const MINUTE = 60_000;

afterEach(() => {
	jest.useRealTimers();
});

const viaHttpRequestNode = (store: CredentialStore) =>
	viaHttpRequestNodeOf(simulator, new NextEngineApi(), store);

/** The refresh tokens the HTTP Request node's own calls carried (null: none). */
const refreshTokensSent = () =>
	simulator.log
		.filter((call) => call.route === 'login_company_info')
		.map((call) => new URLSearchParams(call.body).get('refresh_token'));

/** Our clock (and with it the simulator's) to this moment; Next Engine's lead stays as it is. */
const setOurClock = (epochMs: number) => jest.setSystemTime(epochMs);

describe("Next Engine credential through n8n's HTTP Request node: no pair is handed out unstored", () => {
	test("Next Engine's clock a day ahead of the stored end dates: redirect answers, nothing rotates, the pair stays live; a later run of the package's node rotates and stores it", async () => {
		const store = storeFor(simulator);
		const before = store.get(NE);
		simulator.clock.advanceHours(25);
		for (let run = 0; run < 5; run++) {
			const { error, answer } = await viaHttpRequestNode(store);
			expect(error).toBeUndefined();
			expect(answer.result).toBe('redirect');
		}
		expect(refreshTokensSent()).toEqual([null, null, null, null, null]);
		expect(simulator.rotations).toBe(0);
		expect(simulator.redirects).toBe(5);
		expect(store.get(NE)).toEqual(before);
		expect(simulator.isLive(String(before.accessToken))).toBe(true);

		const nodeRun = await runNextEngine(store, searchOrders());
		expect(nodeRun.error).toBeUndefined();
		expect(simulator.rotations).toBe(1);
		const renewed = store.get(NE);
		expect(renewed.accessToken).not.toBe(before.accessToken);
		expect(simulator.isLive(String(renewed.accessToken))).toBe(true);

		const after = await viaHttpRequestNode(store);
		expect(after.answer.result).toBe('success');
		expect(simulator.rotations).toBe(1);
		expect(simulator.count('neauth')).toBe(0);
	});

	test("Next Engine's clock 7 minutes ahead, our clock 5 minutes before the stored end: the credential's check rotates and stores the pair before the call, no redirect", async () => {
		fakeDateOnly();
		const store = storeFor(simulator);
		setOurClock(storedEnd(store) - 5 * MINUTE);
		simulator.clock.advance(7 * MINUTE);
		const { error, answer } = await viaHttpRequestNode(store);
		expect(error).toBeUndefined();
		expect(answer.result).toBe('success');
		expect(simulator.redirects).toBe(0);
		expect(simulator.rotations).toBe(1);
		expect(simulator.count('login_user_info')).toBe(1);
		const renewed = store.get(NE);
		expect(simulator.isLive(String(renewed.accessToken))).toBe(true);
		expect(new URLSearchParams(simulator.log.at(-1)!.body).get('access_token')).toBe(
			renewed.accessToken,
		);
		// the new end date is on our clock: Next Engine's lead is taken from its Date header
		expect(Math.abs(storedEnd(store) - (Date.now() + 24 * 3600_000))).toBeLessThan(2000);
		expect(refreshTokensSent()).toEqual([null]);

		simulator.resetCounters();
		const nodeRun = await runNextEngine(store, searchOrders());
		expect(nodeRun.error).toBeUndefined();
		expect(simulator.totalCalls()).toBe(1);
		expect(simulator.rotations).toBe(0);
	});

	test.each([false, true])(
		"steady use for 10 days, Next Engine's clock gaining a minute a day (a redirect ends the pair: %s): each renewal costs one extra check, no redirect, every call succeeds",
		async (redirectEndsPair) => {
			simulator.redirectEndsPair = redirectEndsPair;
			fakeDateOnly();
			const store = storeFor(simulator);
			const seen = new Set<unknown>([store.get(NE).accessToken]);
			for (let day = 1; day <= 10; day++) {
				simulator.resetCounters();
				simulator.clock.advance(MINUTE);
				const end = storedEnd(store);
				const calls = [end - 20 * MINUTE, end - 9.5 * MINUTE, end - 3 * MINUTE];
				for (const at of calls) {
					setOurClock(at);
					expect((await viaHttpRequestNode(store)).answer.result).toBe('success');
				}
				// the check within the margin learnt Next Engine's clock: the end moved a minute earlier
				const corrected = storedEnd(store);
				expect(Math.abs(end - MINUTE - corrected)).toBeLessThan(2000);
				for (const at of [corrected - 10_000, corrected + 5_000, corrected + MINUTE]) {
					setOurClock(at);
					expect((await viaHttpRequestNode(store)).answer.result).toBe('success');
				}
				expect(simulator.count('login_user_info')).toBe(2);
				expect(simulator.rotations).toBe(1);
				expect(simulator.redirects).toBe(0);
				expect(refreshTokensSent().every((token) => token === null)).toBe(true);
				const stored = store.get(NE);
				expect(seen.has(stored.accessToken)).toBe(false);
				seen.add(stored.accessToken);
				expect(simulator.isLive(String(stored.accessToken))).toBe(true);
			}
			expect(simulator.count('neauth')).toBe(0);
		},
	);

	test('a request within two seconds of the end waits until just after it; then the check rotates the pair: no redirect, even where a redirect would end the pair', async () => {
		simulator.redirectEndsPair = true;
		fakeDateAdvancing();
		const store = storeFor(simulator);
		setOurClock(storedEnd(store) - 9 * MINUTE);
		expect((await viaHttpRequestNode(store)).answer.result).toBe('success');
		expect(simulator.rotations).toBe(0);
		setOurClock(storedEnd(store) - 1_000);
		const startedAt = performance.now();
		const { error, answer } = await viaHttpRequestNode(store);
		expect(error).toBeUndefined();
		expect(answer.result).toBe('success');
		expect(performance.now() - startedAt).toBeGreaterThan(2_500);
		expect(simulator.rotations).toBe(1);
		expect(simulator.redirects).toBe(0);
		expect(simulator.count('login_user_info')).toBe(2);
		expect(simulator.isLive(String(store.get(NE).accessToken))).toBe(true);
	});

	test("'Check Pair Before End' is a credential option: 30 minutes keeps a Next Engine clock 27 minutes ahead renewed first, where the default 10 gets redirect", async () => {
		fakeDateOnly();
		const store = storeFor(simulator);
		setOurClock(storedEnd(store) - 25 * MINUTE);
		simulator.clock.advance(27 * MINUTE);
		expect((await viaHttpRequestNode(store)).answer.result).toBe('redirect');
		expect(simulator.rotations).toBe(0);
		store.set(NE, { ...store.get(NE), checkMarginMinutes: 30 });
		expect((await viaHttpRequestNode(store)).answer.result).toBe('success');
		expect(simulator.rotations).toBe(1);
		expect(simulator.isLive(String(store.get(NE).accessToken))).toBe(true);
	});

	test('a check that did not rotate stores only end dates: stored after another execution stored a new pair, it never puts the old pair back', async () => {
		fakeDateOnly();
		const store = storeFor(simulator);
		const old = store.get(NE);
		setOurClock(storedEnd(store) - 5 * MINUTE);
		const newer = simulator.issuePair();
		// right after this execution read the store, another one stores a new pair
		store.afterNextRead = async () => {
			store.set(NE, {
				...store.get(NE),
				accessToken: String(newer.access_token),
				refreshToken: String(newer.refresh_token),
			});
		};
		const { answer } = await viaHttpRequestNode(store);
		expect(answer.result).toBe('success');
		expect(simulator.count('login_user_info')).toBe(1);
		expect(simulator.rotations).toBe(0);
		expect(store.get(NE).accessToken).toBe(newer.access_token);
		expect(store.get(NE).pairStoredAt).not.toBe(old.pairStoredAt);
	});

	test("a refresh_token the user put into the HTTP Request node's form is not sent; the node's own fields are", async () => {
		const store = storeFor(simulator);
		const credentials = store.get(NE);
		const options = (await authenticate(credentials, {
			method: 'POST',
			url: `${simulator.baseUrl}/api_v1_master_shop/search`,
			body: { fields: 'shop_id', refresh_token: 'typed-by-the-user' } as IDataObject,
		})) as { body: string };
		const form = new URLSearchParams(options.body);
		expect(form.get('refresh_token')).toBeNull();
		expect(form.get('fields')).toBe('shop_id');
		expect(form.get('access_token')).toBe(credentials.accessToken);
	});

	test('a refused check (pair rotated elsewhere) fails the HTTP Request node with a message that says to run again, and shows no token or secret', async () => {
		fakeDateOnly();
		const store = storeFor(simulator);
		setOurClock(storedEnd(store) + 5_000);
		const stale = store.get(NE);
		// another process rotates the pair; this one still holds the old one
		await fetch(`${simulator.baseUrl}/api_v1_login_user/info`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				access_token: String(stale.accessToken),
				refresh_token: String(stale.refreshToken),
			}),
		});
		const { error } = await viaHttpRequestNode(store);
		const message = `${error?.message} ${error?.description ?? ''}`;
		expect(message).toMatch(/002004/);
		expect(message).toMatch(/run again/);
		expectNoSecrets(error, secretsOf(store));
		expect(store.get(NE).accessToken).toBe(stale.accessToken);
	});
});
