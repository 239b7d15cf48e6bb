import { expectNoSecrets } from '../../harness/secrets';
import { useSimulator } from '../../harness/useSimulator';
import { NextEngineSimulator } from '../../simulators/nextEngine';
import {
	advanceBothClocksHours,
	fakeDateOnly,
	NE,
	runNextEngine,
	searchOrders,
	secretsOf,
	storeFor,
} from './helpers';

const simulator = useSimulator(new NextEngineSimulator());

afterEach(() => {
	jest.useRealTimers();
});

const exchangeLogin = { resource: 'auth', operation: 'exchangeLogin' };

/** A credential as saved before the first login: client ID and secret, no tokens. */
const emptyCredential = () =>
	storeFor(simulator, { settled: false, pair: { access_token: '', refresh_token: '' } });

describe('Next Engine Exchange Login storing the pair in the credential (first login by copying nothing)', () => {
	test('by default the new pair lands in the credential with its end dates, for the one login call; the output says which company is connected and holds no tokens', async () => {
		const store = emptyCredential();
		const { uid, state } = simulator.issueLogin();
		const result = await runNextEngine(store, exchangeLogin, {
			items: [{ query: { uid, state } }],
		});
		expect(result.error).toBeUndefined();
		expect(simulator.totalCalls()).toBe(1);
		expect(simulator.count('neauth')).toBe(1);
		const stored = store.get(NE);
		expect(simulator.isLive(String(stored.accessToken))).toBe(true);
		expect(simulator.companyOf(String(stored.refreshToken))).toBe('NE0001');
		expect(stored.pairStoredAt).not.toBe('');
		expect(Date.parse(String(stored.accessTokenExpiresAt)) - Date.now()).toBeGreaterThan(
			23.9 * 3600_000,
		);
		expect(Date.parse(String(stored.refreshTokenExpiresAt)) - Date.now()).toBeGreaterThan(
			71.9 * 3600_000,
		);
		expect(stored.clientSecret).toBe(simulator.clientSecret);
		expect(result.items[0].json).toEqual({
			connected: true,
			stored_in_credential: true,
			message: 'Next Engine is connected to Shop NE0001',
			company_app_header: 'app-header-NE0001',
			company_ne_id: 'NE0001-ne',
			company_name: 'Shop NE0001',
			company_kana: 'ショップ1',
			uid: 'uid-NE0001',
			pic_ne_id: 'pic-NE0001',
			pic_name: 'Operator NE0001',
			pic_kana: 'オペレーター',
			pic_mail_address: 'ops+ne0001@example.jp',
			access_token_end_jst: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
			refresh_token_end_jst: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
		});
		expectNoSecrets(result.items, secretsOf(store));
	});

	test('the next workflow uses the stored pair at once: one search call, no pair check (the end dates were learnt at login)', async () => {
		const store = emptyCredential();
		const { uid, state } = simulator.issueLogin();
		await runNextEngine(store, { ...exchangeLogin, uid, state });
		simulator.resetCounters();
		const result = await runNextEngine(store, searchOrders());
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(5);
		expect(simulator.totalCalls()).toBe(1);
	});

	test('a new login after the pair ended replaces the ended pair in the credential and the workflows run again', async () => {
		fakeDateOnly();
		const store = storeFor(simulator);
		const ended = store.get(NE);
		advanceBothClocksHours(73);
		expect((await runNextEngine(store, searchOrders())).error?.description).toMatch(/Log in again/);
		const { uid, state } = simulator.issueLogin();
		const login = await runNextEngine(store, { ...exchangeLogin, uid, state });
		expect(login.error).toBeUndefined();
		expect(store.get(NE).accessToken).not.toBe(ended.accessToken);
		simulator.resetCounters();
		const result = await runNextEngine(store, searchOrders());
		expect(result.error).toBeUndefined();
		expect(simulator.totalCalls()).toBe(1);
		expect(simulator.rotations).toBe(0);
	});

	test('Output Only outputs the pair (app makers, one pair per company) and leaves the credential as it was', async () => {
		const store = storeFor(simulator);
		const before = store.get(NE);
		const other = simulator.addCompany('NE0002');
		const { uid, state } = simulator.issueLogin(other.companyId);
		const result = await runNextEngine(store, {
			...exchangeLogin,
			uid,
			state,
			pairDestination: 'output',
		});
		expect(result.error).toBeUndefined();
		const answer = result.items[0].json;
		expect(answer.company_name).toBe('Shop NE0002');
		expect(simulator.companyOf(String(answer.access_token))).toBe('NE0002');
		expect(simulator.isLive(String(answer.access_token))).toBe(true);
		expect(answer.refresh_token_end_date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
		expect(store.get(NE)).toEqual(before);
	});

	test('a node saved as version 1 (before Store Pair In) still outputs the pair and leaves the credential as it was', async () => {
		const store = storeFor(simulator);
		const before = store.get(NE);
		const { uid, state } = simulator.issueLogin();
		const result = await runNextEngine(store, { ...exchangeLogin, uid, state }, { typeVersion: 1 });
		expect(result.error).toBeUndefined();
		const answer = result.items[0].json;
		expect(simulator.isLive(String(answer.access_token))).toBe(true);
		expect(answer.refresh_token).toBeTruthy();
		expect(store.get(NE)).toEqual(before);
	});

	test('a failed login (state older than 5 minutes) stores nothing and shows no secret', async () => {
		const store = emptyCredential();
		const before = store.get(NE);
		const { uid, state } = simulator.issueLogin();
		simulator.clock.advance(6 * 60_000);
		const result = await runNextEngine(store, { ...exchangeLogin, uid, state });
		expect(result.error?.description).toMatch(/older than 5 minutes/);
		expect(store.get(NE)).toEqual(before);
		expectNoSecrets(result.error, [simulator.clientSecret]);
	});
});
