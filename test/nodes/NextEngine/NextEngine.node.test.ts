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

const lastForm = (route: string) =>
	new URLSearchParams(simulator.log.filter((entry) => entry.route === route).pop()!.body);

describe('Next Engine search and count', () => {
	test('Return All over 23,450 orders at limit 10000 takes 3 calls and returns every row', async () => {
		const store = storeFor(simulator);
		const result = await runNextEngine(store, searchOrders({ returnAll: true }));
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(23450);
		expect(simulator.count('search')).toBe(3);
		expect(simulator.totalCalls()).toBe(3);
		const pages = simulator.log.map((entry) => new URLSearchParams(entry.body));
		expect(pages.map((form) => [form.get('offset'), form.get('limit')])).toEqual([
			['0', '10000'],
			['10000', '10000'],
			['20000', '10000'],
		]);
		expect(new Set(result.items.map((item) => item.json.receive_order_id)).size).toBe(23450);
		expect(result.items[23449].json).toEqual({
			receive_order_id: '23450',
			receive_order_date: expect.any(String),
			receive_order_total_amount: expect.any(String),
		});
		expectNoSecrets(result.items.slice(0, 50), secretsOf(store));
	});

	test('the count of a search is a number (summary output), though Next Engine sends a string', async () => {
		const store = storeFor(simulator);
		const result = await runNextEngine(
			store,
			searchOrders({ returnAll: true, options: { output: 'summary' } }),
		);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json.count).toBe(23450);
		expect((result.items[0].json.data as unknown[]).length).toBe(23450);
		expect(simulator.count('search')).toBe(3);
	});

	test('Limit asks for no more rows than needed, in one call', async () => {
		const result = await runNextEngine(storeFor(simulator), searchOrders({ limit: 25 }));
		expect(result.items).toHaveLength(25);
		expect(simulator.count('search')).toBe(1);
		expect(lastForm('search').get('limit')).toBe('25');
	});

	test('conditions are sent as field-operator=value and ANDed', async () => {
		const conditions = {
			condition: [
				{ field: 'receive_order_shop_id', operator: 'eq', value: '2' },
				{ field: 'receive_order_note', operator: 'blank', value: 'ignored' },
				{ field: 'receive_order_purchaser_name', operator: 'like', value: '%customer 1%' },
			],
		};
		const result = await runNextEngine(
			storeFor(simulator),
			searchOrders({ returnAll: true, conditions }),
		);
		expect(result.error).toBeUndefined();
		const form = lastForm('search');
		expect(form.get('receive_order_shop_id-eq')).toBe('2');
		expect(form.get('receive_order_note-blank')).toBe('');
		expect(form.get('receive_order_purchaser_name-like')).toBe('%customer 1%');
		const expected = simulator.companies
			.get(simulator.defaultCompanyId)!
			.tables.receiveorder_base.filter(
				(row) =>
					row.receive_order_shop_id === '2' &&
					row.receive_order_note === '' &&
					/customer 1/.test(row.receive_order_purchaser_name),
			);
		expect(result.items.map((item) => item.json.receive_order_id)).toEqual(
			expected.map((row) => row.receive_order_id),
		);
		expect(expected.length).toBeGreaterThan(0);
	});

	test('Count answers a number with the same conditions', async () => {
		const result = await runNextEngine(storeFor(simulator), {
			resource: 'entity',
			operation: 'count',
			entity: 'receiveorder_base',
			conditions: {
				condition: [{ field: 'receive_order_order_status_id', operator: 'eq', value: '50' }],
			},
		});
		expect(result.items[0].json).toEqual({ entity: 'receiveorder_base', count: 4690 });
		expect(simulator.count('count')).toBe(1);
	});

	test('any entity by name, e.g. master_goods with a like condition', async () => {
		const result = await runNextEngine(storeFor(simulator), {
			resource: 'entity',
			operation: 'search',
			entity: '__other',
			entityName: 'master_goods',
			fields: 'goods_id,goods_name',
			returnAll: true,
			conditions: { condition: [{ field: 'goods_id', operator: 'like', value: '%-red' }] },
		});
		expect(result.items.map((item) => item.json.goods_id)).toEqual(['tshirt-red', 'cap-red']);
	});

	test('missing Fields is a clear error before any call', async () => {
		const result = await runNextEngine(storeFor(simulator), searchOrders({ fields: ' , ' }));
		expect(result.error?.message).toBe(
			'Fields: Next Engine needs at least one field name to return, e.g. receive_order_id',
		);
		expect(simulator.totalCalls()).toBe(0);
	});

	test('a condition without a field is a clear error before any call', async () => {
		const result = await runNextEngine(
			storeFor(simulator),
			searchOrders({ conditions: { condition: [{ field: '', operator: 'eq', value: '1' }] } }),
		);
		expect(result.error?.message).toBe('Conditions › Condition 1 › Field: is required but empty');
		expect(simulator.totalCalls()).toBe(0);
	});

	test('HTTP 200 with result "error" is an error that keeps Next Engine\'s code and message', async () => {
		const store = storeFor(simulator);
		const result = await runNextEngine(
			store,
			searchOrders({
				conditions: { condition: [{ field: 'no_such_field', operator: 'eq', value: '1' }] },
			}),
		);
		expect(result.error?.message).toBe('Next Engine: Unknown field: no_such_field [code 003004]');
		expectNoSecrets(result.error, secretsOf(store));
	});
});

describe('Next Engine overload (003002) and wait_flag', () => {
	test('003002 is retried with backoff and then succeeds', async () => {
		simulator.overloadNext = 2;
		const result = await runNextEngine(
			storeFor(simulator),
			searchOrders({ options: { overloadRetryDelayMs: 1 } }),
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(5);
		expect(simulator.count('search')).toBe(3);
	});

	test('when retries run out, the 003002 error keeps its code and says what to do', async () => {
		simulator.overloadNext = 5;
		const result = await runNextEngine(
			storeFor(simulator),
			searchOrders({ options: { overloadRetries: 1, overloadRetryDelayMs: 1 } }),
		);
		expect(result.error?.message).toMatch(/^Next Engine: .*\[code 003002\]$/);
		expect(result.error?.description).toMatch(/Overload Retries/);
		expect(simulator.count('search')).toBe(2);
	});

	test('wait_flag=1 is sent when asked, and Next Engine then waits instead of refusing', async () => {
		simulator.overloadNext = 1;
		const result = await runNextEngine(
			storeFor(simulator),
			searchOrders({ options: { waitFlag: true, overloadRetries: 0 } }),
		);
		expect(result.error).toBeUndefined();
		expect(lastForm('search').get('wait_flag')).toBe('1');
		expect(simulator.count('search')).toBe(1);
	});
});

describe('Next Engine token pair: rotation is never lost', () => {
	test('30 simulated days of daily runs (server clock +24 h, this machine unaware): no new login, each rotated pair stored', async () => {
		const store = storeFor(simulator);
		const seen = new Set<string>([String(store.get(NE).accessToken)]);
		for (let day = 1; day <= 30; day++) {
			simulator.clock.advanceHours(24);
			simulator.resetCounters();
			const result = await runNextEngine(store, searchOrders());
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(5);
			expect(simulator.rotations).toBe(1);
			// the rotated pair came back in the search answer and was stored without another call
			expect(simulator.totalCalls()).toBe(1);
			const stored = store.get(NE);
			expect(simulator.isLive(String(stored.accessToken))).toBe(true);
			expect(seen.has(String(stored.accessToken))).toBe(false);
			seen.add(String(stored.accessToken));
			expectNoSecrets(result.items, secretsOf(store));
		}
		expect(simulator.count('neauth')).toBe(0);
	});

	test('30 simulated days of daily runs (both clocks +24 h): the credential renews through preAuthentication, stored each day', async () => {
		fakeDateOnly();
		const store = storeFor(simulator);
		for (let day = 1; day <= 30; day++) {
			advanceBothClocksHours(24);
			simulator.resetCounters();
			const before = store.get(NE);
			const result = await runNextEngine(store, searchOrders());
			expect(result.error).toBeUndefined();
			expect(result.preAuthenticationRuns).toBe(1);
			// one cheap renewal call (login_user/info) + the search itself
			expect(simulator.count('login_user_info')).toBe(1);
			expect(simulator.count('search')).toBe(1);
			const stored = store.get(NE);
			expect(stored.accessToken).not.toBe(before.accessToken);
			expect(stored.refreshToken).not.toBe(before.refreshToken);
			expect(simulator.isLive(String(stored.accessToken))).toBe(true);
			expect(Date.parse(String(stored.accessTokenExpiresAt))).toBe(Date.now() + 24 * 3600_000);
			// the search went out with the renewed pair
			expect(lastForm('search').get('access_token')).toBe(stored.accessToken);
			expect(simulator.rotations).toBe(1);
		}
		expect(simulator.count('neauth')).toBe(0);
	});

	test('a new credential checks its pair once and learns the end dates; later runs make no extra call', async () => {
		const store = storeFor(simulator, { settled: false });
		const first = await runNextEngine(store, searchOrders());
		expect(first.error).toBeUndefined();
		expect(simulator.count('login_user_info')).toBe(1);
		const stored = store.get(NE);
		expect(stored.pairStoredAt).not.toBe('');
		expect(Date.parse(String(stored.accessTokenExpiresAt))).toBeGreaterThan(
			Date.now() + 23 * 3600_000,
		);
		simulator.resetCounters();
		await runNextEngine(store, searchOrders());
		expect(simulator.totalCalls()).toBe(1);
	});

	test('two executions that both find the expired access token at once (server clock): both finish, the stored pair works', async () => {
		const store = storeFor(simulator);
		simulator.clock.advanceHours(25);
		const [a, b] = await Promise.all([
			runNextEngine(store, searchOrders()),
			runNextEngine(store, searchOrders()),
		]);
		expect(a.error).toBeUndefined();
		expect(b.error).toBeUndefined();
		expect(a.items).toHaveLength(5);
		expect(b.items).toHaveLength(5);
		expect(simulator.rotations).toBe(1);
		// the loser was refused with 002004, read the stored pair again and retried once
		expect(simulator.count('search')).toBe(3);
		const stored = store.get(NE);
		expect(simulator.isLive(String(stored.accessToken))).toBe(true);
		simulator.resetCounters();
		const after = await runNextEngine(store, searchOrders());
		expect(after.error).toBeUndefined();
		expect(simulator.totalCalls()).toBe(1);
	});

	test('two executions that both find the access token due (both clocks): one renewal, both finish, the stored pair works', async () => {
		fakeDateOnly();
		const store = storeFor(simulator);
		advanceBothClocksHours(25);
		const [a, b] = await Promise.all([
			runNextEngine(store, searchOrders()),
			runNextEngine(store, searchOrders()),
		]);
		expect(a.error).toBeUndefined();
		expect(b.error).toBeUndefined();
		expect(simulator.rotations).toBe(1);
		expect(simulator.count('login_user_info')).toBe(1);
		expect(simulator.isLive(String(store.get(NE).accessToken))).toBe(true);
	});

	test('a renewal refused because another n8n process rotated the pair first: the stored pair is read again and used', async () => {
		fakeDateOnly();
		const store = storeFor(simulator);
		advanceBothClocksHours(25);
		// another process (e.g. a queue-mode worker) rotates the pair and stores it a moment later
		const original = store.get(NE);
		const rotated = await fetch(`${simulator.baseUrl}/api_v1_login_user/info`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				access_token: String(original.accessToken),
				refresh_token: String(original.refreshToken),
			}),
		}).then(async (response) => (await response.json()) as Record<string, string>);
		simulator.resetCounters();
		const later = setTimeout(
			() =>
				store.set(NE, {
					...store.get(NE),
					accessToken: rotated.access_token,
					refreshToken: rotated.refresh_token,
					accessTokenExpiresAt: new Date(Date.now() + 24 * 3600_000).toISOString(),
					pairStoredAt: new Date().toISOString(),
				}),
			50,
		);
		const result = await runNextEngine(store, searchOrders());
		clearTimeout(later);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(5);
		expect(simulator.count('login_user_info')).toBe(1); // refused with 002004
		expect(simulator.count('search')).toBe(1);
		expect(lastForm('search').get('access_token')).toBe(rotated.access_token);
		expect(store.get(NE).accessToken).toBe(rotated.access_token);
	});

	test('a pair that comes back in an error answer (003002) is stored all the same', async () => {
		const store = storeFor(simulator);
		simulator.clock.advanceHours(25);
		simulator.overloadNext = 1;
		const result = await runNextEngine(store, searchOrders({ options: { overloadRetries: 0 } }));
		expect(result.error?.message).toMatch(/\[code 003002\]/);
		expect(simulator.rotations).toBe(1);
		expect(simulator.isLive(String(store.get(NE).accessToken))).toBe(true);
	});

	test('result "redirect" (refresh token ended) tells the user to log in again, and the stored pair is not wiped', async () => {
		const store = storeFor(simulator);
		const before = store.get(NE);
		simulator.clock.advanceHours(24 * 4);
		const result = await runNextEngine(store, searchOrders());
		expect(result.error?.message).toMatch(
			/^Next Engine: Next Engine asks for a new login \(result "redirect"\)/,
		);
		expect(result.error?.description).toMatch(
			/Log in again: run your first-login workflow \(Webhook .*Exchange Login/,
		);
		expect(store.get(NE)).toEqual(before);
		expectNoSecrets(result.error, secretsOf(store));
	});

	test('a due renewal answered "redirect" gives the same log-in-again error (preAuthentication path)', async () => {
		fakeDateOnly();
		const store = storeFor(simulator);
		const before = store.get(NE);
		advanceBothClocksHours(24 * 4);
		const result = await runNextEngine(store, searchOrders());
		expect(result.error?.message).toMatch(/redirect/);
		expect(result.error?.description).toMatch(/Log in again/);
		expect(simulator.count('search')).toBe(0);
		expect(store.get(NE)).toEqual(before);
		expectNoSecrets(result.error, secretsOf(store));
	});

	test('a dead pair (002004) that nobody replaced tells the user to log in again', async () => {
		const store = storeFor(simulator);
		const stale = store.get(NE);
		simulator.clock.advanceHours(25);
		await runNextEngine(store, searchOrders()); // rotates and stores the new pair
		const staleStore = storeFor(simulator, {
			pair: { access_token: stale.accessToken, refresh_token: stale.refreshToken },
		});
		const result = await runNextEngine(staleStore, searchOrders());
		expect(result.error?.message).toMatch(/\[code 002004\]$/);
		expect(result.error?.description).toMatch(/Log in again/);
		expectNoSecrets(result.error, secretsOf(staleStore, String(store.get(NE).accessToken)));
	});

	test('a credential without tokens says how to get the first pair, before any call', async () => {
		const store = storeFor(simulator, { pair: { access_token: '', refresh_token: '' } });
		const result = await runNextEngine(store, searchOrders());
		expect(result.error?.message).toMatch(/no token pair in the credential/);
		expect(result.error?.description).toMatch(/Exchange Login/);
		expect(simulator.totalCalls()).toBe(0);
	});

	test('every call is a form-urlencoded POST carrying both tokens', async () => {
		const store = storeFor(simulator);
		await runNextEngine(store, searchOrders());
		const entry = simulator.log[0];
		expect(entry.method).toBe('POST');
		expect(entry.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
		const form = new URLSearchParams(entry.body);
		expect(form.get('access_token')).toBe(store.get(NE).accessToken);
		expect(form.get('refresh_token')).toBe(store.get(NE).refreshToken);
	});
});

describe('Next Engine account, first login and custom call', () => {
	test('Get Login User and Get Login Company output their data without tokens', async () => {
		const store = storeFor(simulator);
		const user = await runNextEngine(store, { resource: 'account', operation: 'getLoginUser' });
		expect(user.items[0].json).toMatchObject({
			pic_ne_id: 'pic-NE0001',
			pic_mail_address: 'ops+ne0001@example.jp',
		});
		const company = await runNextEngine(store, {
			resource: 'account',
			operation: 'getLoginCompany',
		});
		expect(company.items[0].json).toMatchObject({
			company_id: 'NE0001',
			company_name: 'Shop NE0001',
		});
		expectNoSecrets([user.items, company.items], secretsOf(store));
	});

	test.each(['/api_neauth', '/api_neauth/'])(
		'Exchange Login (%s) turns uid and state into the first pair and who logged in',
		async (path) => {
			const store = storeFor(simulator, { pair: { access_token: '', refresh_token: '' } });
			const { uid, state } = simulator.issueLogin();
			const result = await runNextEngine(
				store,
				{
					resource: 'auth',
					operation: 'exchangeLogin',
					pairDestination: 'output',
					options: { path },
				},
				{ items: [{ query: { uid, state } }] },
			);
			expect(result.error).toBeUndefined();
			const answer = result.items[0].json;
			expect(answer).toMatchObject({
				result: 'success',
				company_ne_id: 'NE0001-ne',
				company_name: 'Shop NE0001',
				pic_mail_address: 'ops+ne0001@example.jp',
				access_token_end_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
			});
			expect(simulator.isLive(String(answer.access_token))).toBe(true);
			const form = lastForm('neauth');
			expect(form.get('client_id')).toBe(simulator.clientId);
			expectNoSecrets(result.items, [simulator.clientSecret]);
		},
	);

	test('Exchange Login with a state older than 5 minutes says to log in again from the browser', async () => {
		const { uid, state } = simulator.issueLogin();
		simulator.clock.advance(6 * 60_000);
		const result = await runNextEngine(storeFor(simulator), {
			resource: 'auth',
			operation: 'exchangeLogin',
			uid,
			state,
		});
		expect(result.error?.message).toMatch(/redirect/);
		expect(result.error?.description).toMatch(/older than 5 minutes/);
	});

	test("Exchange Login with a wrong client secret keeps Next Engine's code and shows no secret", async () => {
		const { uid, state } = simulator.issueLogin();
		const result = await runNextEngine(storeFor(simulator), {
			resource: 'auth',
			operation: 'exchangeLogin',
			uid,
			state,
			options: { clientSecret: 'wrong-secret-value' },
		});
		expect(result.error?.message).toBe(
			'Next Engine: client_id or client_secret is invalid [code 001003]',
		);
		// (the node's own parameters travel with any n8n error as error.node: the workflow holds them anyway)
		const { node: _node, ...visible } = result.error as unknown as Record<string, unknown>;
		expect(_node).toBeDefined();
		expectNoSecrets(
			{ ...visible, message: result.error?.message, description: result.error?.description },
			['wrong-secret-value', simulator.clientSecret],
		);
	});

	test('Custom Call sends any path with extra form fields; tokens stay out of the output', async () => {
		const store = storeFor(simulator);
		const result = await runNextEngine(store, {
			resource: 'custom',
			operation: 'call',
			path: '/api_v1_master_shop/search',
			formFields: {
				field: [
					{ name: 'fields', value: 'shop_id,shop_name' },
					{ name: 'shop_id-in', value: '1,3' },
				],
			},
		});
		expect(result.items[0].json).toEqual({
			result: 'success',
			count: 2,
			data: [
				{ shop_id: '1', shop_name: 'Rakuten' },
				{ shop_id: '3', shop_name: 'Yahoo' },
			],
		});
		expectNoSecrets(result.items, secretsOf(store));
	});
});
