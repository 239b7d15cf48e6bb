import { useSimulator } from '../../harness/useSimulator';
import { expectNoSecrets } from '../../harness/secrets';
import { WAGRI_SAMPLE_ZIP, WagriSimulator } from '../../simulators/wagri';
import { newStore, runWagri } from './helpers';

const simulator = useSimulator(new WagriSimulator());

const crops = {
	resource: 'api',
	operation: 'request',
	method: 'GET',
	path: '/API/Public/Sample/Crops',
};
const notices = {
	resource: 'api',
	operation: 'request',
	authentication: 'maffAppApi',
	method: 'GET',
	path: '/API/Individual/MAFFAPP/Notices',
};

describe('WAGRI node: token lifetime', () => {
	test('two executions share one token: one token request, two API calls', async () => {
		const store = newStore(simulator);
		const first = await runWagri(store, crops);
		const second = await runWagri(store, crops);
		expect(first.error).toBeUndefined();
		expect(second.error).toBeUndefined();
		expect(second.items.map((item) => item.json.name)).toEqual(['水稲', '小麦', '大豆']);
		expect(simulator.count('token')).toBe(1);
		expect(simulator.count('crops')).toBe(2);
		expect(store.get('wagriApi').accessToken).toMatch(/^wagri_/);
	});

	test('50 items cost one token request and 50 API calls', async () => {
		const result = await runWagri(newStore(simulator), crops, {
			items: Array.from({ length: 50 }, (_, index) => ({ index })),
		});
		expect(result.items).toHaveLength(150);
		expect(simulator.count('token')).toBe(1);
		expect(simulator.count('crops')).toBe(50);
	});

	test('the stored end date is expires_in (43199 s) from the token answer', async () => {
		const store = newStore(simulator);
		const before = Date.now();
		await runWagri(store, crops);
		const end = Date.parse(String(store.get('wagriApi').accessExpiresAt));
		expect(end).toBeGreaterThanOrEqual(before + 43199_000);
		expect(end).toBeLessThanOrEqual(Date.now() + 43199_000);
	});

	test("after WAGRI's clock passes expires_in, its 401 leads to exactly one renewal and the call succeeds", async () => {
		const store = newStore(simulator);
		await runWagri(store, crops);
		simulator.clock.advance(43200_000);
		const result = await runWagri(store, crops);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(simulator.count('token')).toBe(2);
		// first run, the refused call, the retry
		expect(simulator.count('crops')).toBe(3);
		const third = await runWagri(store, crops);
		expect(third.error).toBeUndefined();
		expect(simulator.count('token')).toBe(2);
	});

	test('a token whose stored end date has passed is renewed before the call: no refused request', async () => {
		const store = newStore(simulator);
		await runWagri(store, crops);
		store.set('wagriApi', {
			...store.get('wagriApi'),
			accessExpiresAt: new Date(Date.now() - 1000).toISOString(),
		});
		simulator.resetCounters();
		const result = await runWagri(store, crops, { items: [{}, {}, {}] });
		expect(result.error).toBeUndefined();
		expect(simulator.count('token')).toBe(1);
		expect(simulator.count('crops')).toBe(3);
		expect(
			simulator.log.every(
				(entry) =>
					entry.route !== 'crops' ||
					entry.headers['x-authorization'] === store.get('wagriApi').accessToken,
			),
		).toBe(true);
	});

	test('a token WAGRI withdrew is renewed once on its 401', async () => {
		const store = newStore(simulator);
		await runWagri(store, crops);
		simulator.revokeAllTokens();
		const result = await runWagri(store, crops);
		expect(result.error).toBeUndefined();
		expect(simulator.count('token')).toBe(2);
	});
});

describe('WAGRI node: one session per client (simulator singleSession)', () => {
	test('a token requested elsewhere ends the stored one: its 401 leads to one renewal and the call succeeds', async () => {
		simulator.singleSession = true;
		const store = newStore(simulator);
		await runWagri(store, crops);
		const stored = store.get('wagriApi').accessToken;
		const elsewhere = await runWagri(newStore(simulator), {
			resource: 'token',
			operation: 'getAccessToken',
		});
		expect(elsewhere.error).toBeUndefined();
		const result = await runWagri(store, crops);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		// first run, Get Access Token, the one renewal
		expect(simulator.count('token')).toBe(3);
		// first run, the refused call, the retry
		expect(simulator.count('crops')).toBe(3);
		expect(store.get('wagriApi').accessToken).not.toBe(stored);
		const refused = simulator.log.filter(
			(entry) => entry.route === 'crops' && entry.headers['x-authorization'] === stored,
		);
		expect(refused).toHaveLength(2);
	});

	test('MAFF APP → Login ends the loginhash the credential holds: one refused call, one renewal', async () => {
		simulator.singleSession = true;
		const store = newStore(simulator);
		await runWagri(store, notices);
		const login = await runWagri(store, { resource: 'maffApp', operation: 'login' });
		expect(login.error).toBeUndefined();
		const result = await runWagri(store, notices);
		expect(result.error).toBeUndefined();
		expect(simulator.count('maffLogin')).toBe(3);
		expect(simulator.count('token')).toBe(2);
		expect(simulator.count('maffNotices')).toBe(3);
	});
});

describe('WAGRI node: MAFF APP', () => {
	test('MAFF calls carry both headers; two executions share one token and one login', async () => {
		const store = newStore(simulator);
		const first = await runWagri(store, notices);
		const second = await runWagri(store, notices);
		expect(first.error).toBeUndefined();
		expect(second.items[0].json).toMatchObject({ result: 1, notices: expect.any(Array) });
		expect(simulator.count('token')).toBe(1);
		expect(simulator.count('maffLogin')).toBe(1);
		const call = simulator.log.find((entry) => entry.route === 'maffNotices')!;
		const stored = store.get('maffAppApi');
		expect(call.headers['x-authorization']).toBe(stored.accessToken);
		expect(call.headers.authorization).toBe(`xxx ${stored.loginToken}`);
	});

	test('MAFF APP refuses a call with only the WAGRI token (the WAGRI credential)', async () => {
		const result = await runWagri(newStore(simulator), { ...notices, authentication: 'wagriApi' });
		expect(result.error?.message).toBe('WAGRI: Invalid or expired loginhash. (HTTP 401)');
	});

	test('a refused loginhash renews both the token and the login once, and the call succeeds', async () => {
		const store = newStore(simulator);
		await runWagri(store, notices);
		simulator.revokeAllLoginhashes();
		const result = await runWagri(store, notices);
		expect(result.error).toBeUndefined();
		expect(simulator.count('token')).toBe(2);
		expect(simulator.count('maffLogin')).toBe(2);
	});

	test("after WAGRI's clock passes expires_in, one token request and one login, then the call succeeds", async () => {
		const store = newStore(simulator);
		await runWagri(store, notices);
		simulator.clock.advance(43200_000);
		const result = await runWagri(store, notices);
		expect(result.error).toBeUndefined();
		expect(simulator.count('token')).toBe(2);
		expect(simulator.count('maffLogin')).toBe(2);
	});

	test('Login Lifetime, when set, renews the login before it is used past that time', async () => {
		const store = newStore(simulator, { maff: { loginLifetimeMinutes: 60 } });
		await runWagri(store, notices);
		const stored = store.get('maffAppApi');
		expect(Date.parse(String(stored.loginExpiresAt))).toBeGreaterThan(Date.now() + 58 * 60_000);
		store.set('maffAppApi', {
			...stored,
			loginExpiresAt: new Date(Date.now() - 1000).toISOString(),
		});
		simulator.resetCounters();
		const result = await runWagri(store, notices);
		expect(result.error).toBeUndefined();
		expect(simulator.count('maffLogin')).toBe(1);
		expect(simulator.count('maffNotices')).toBe(1);
	});

	test('a wrong MAFF password stops the node with a clear MAFF APP login error, nothing secret in it', async () => {
		const store = newStore(simulator, { maff: { password: 'wrong-maff-password' } });
		const result = await runWagri(store, notices);
		expect(result.error?.message).toBe(
			'MAFF APP: login failed: The mail address or password is incorrect. (HTTP 401)',
		);
		expect(result.error?.description).toContain('mail address and password');
		expect(simulator.count('maffNotices')).toBe(0);
		expectNoSecrets(result.error, [
			'wrong-maff-password',
			simulator.clientSecret,
			...simulator.tokens.keys(),
		]);
	});

	test('a wrong client secret stops the node saying the WAGRI token request failed', async () => {
		const store = newStore(simulator, { maff: { clientSecret: 'wrong-client-secret-xyz' } });
		const result = await runWagri(store, notices);
		expect(result.error?.message).toBe(
			'WAGRI: login failed: token request: The client credentials are invalid. [code invalid_client] (HTTP 401)',
		);
		expect(simulator.count('maffLogin')).toBe(0);
		expectNoSecrets(result.error, ['wrong-client-secret-xyz', simulator.password]);
	});
});

describe('WAGRI node: API → Request', () => {
	test('a file answer becomes binary data with its file name and type; the bytes are unchanged', async () => {
		const result = await runWagri(newStore(simulator), {
			...crops,
			path: '/API/Public/Sample/FieldPolygons',
			queryParameters: { parameters: [{ name: 'CityCode', value: '13103' }] },
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		const item = result.items[0];
		expect(item.json).toEqual({
			fileName: 'fields_13103.zip',
			mimeType: 'application/zip',
			fileSize: WAGRI_SAMPLE_ZIP.length,
		});
		expect(item.binary?.data).toMatchObject({
			fileName: 'fields_13103.zip',
			mimeType: 'application/zip',
		});
		expect(Buffer.from(item.binary!.data.data, 'base64').equals(WAGRI_SAMPLE_ZIP)).toBe(true);
		expect(
			simulator.log.find((entry) => entry.route === 'fieldPolygons')!.headers['x-authorization'],
		).toMatch(/^wagri_/);
	});

	test('the binary field name is configurable', async () => {
		const result = await runWagri(newStore(simulator), {
			...crops,
			path: '/API/Public/Sample/FieldPolygons',
			queryParameters: { parameters: [{ name: 'CityCode', value: '13103' }] },
			options: { binaryPropertyName: 'polygons' },
		});
		expect(Object.keys(result.items[0].binary ?? {})).toEqual(['polygons']);
	});

	test('a JSON list answer becomes one item per entry, or one item when Split Array is off', async () => {
		const split = await runWagri(newStore(simulator), crops);
		expect(split.items.map((item) => item.json)).toEqual([
			{ code: '01', name: '水稲' },
			{ code: '02', name: '小麦' },
			{ code: '03', name: '大豆' },
		]);
		expect(split.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(
			true,
		);
		const whole = await runWagri(newStore(simulator), {
			...crops,
			options: { splitArrays: false },
		});
		expect(whole.items).toHaveLength(1);
		expect(whole.items[0].json.data).toHaveLength(3);
	});

	test('POST sends the JSON body as JSON and returns the JSON answer', async () => {
		const result = await runWagri(newStore(simulator), {
			...crops,
			method: 'POST',
			path: 'API/Public/Sample/Weather/Search',
			sendBody: true,
			jsonBody: '{ "lat": 35.68, "lon": 139.76, "date": "2026-11-23" }',
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual({
			lat: 35.68,
			lon: 139.76,
			date: '2026-11-23',
			temperature: 18.5,
		});
		const call = simulator.log.find((entry) => entry.route === 'weatherSearch')!;
		expect(call.headers['content-type']).toMatch(/^application\/json/);
	});

	test("400 keeps WAGRI's own message, with the refused fields it names", async () => {
		const result = await runWagri(newStore(simulator), {
			...crops,
			path: '/API/Public/Sample/FieldPolygons',
		});
		expect(result.error?.message).toBe(
			'WAGRI: The request is invalid. CityCode is required. (HTTP 400)',
		);
		expect(result.error?.description).toContain('path, query parameters and body');
	});

	test('403 says the account may not use that API', async () => {
		const result = await runWagri(newStore(simulator), {
			...crops,
			path: '/API/Individual/Restricted/Data',
		});
		expect(result.error?.message).toBe(
			'WAGRI: You do not have permission to use this API. (HTTP 403)',
		);
		expect(result.error?.description).toContain('MAFF secretariat');
	});

	test("500 is reported with WAGRI's words and is not retried", async () => {
		const store = newStore(simulator);
		await runWagri(store, crops);
		simulator.resetCounters();
		simulator.failNextApiCall(500);
		const result = await runWagri(store, crops);
		expect(result.error?.message).toBe('WAGRI: An error has occurred. (HTTP 500)');
		expect(simulator.count('crops')).toBe(1);
		expect(simulator.count('token')).toBe(0);
	});

	test('401 that survives a fresh token is reported, after exactly one renewal', async () => {
		const result = await runWagri(newStore(simulator), { ...notices, authentication: 'wagriApi' });
		expect(result.error?.message).toBe('WAGRI: Invalid or expired loginhash. (HTTP 401)');
		expect(result.error?.description).toContain('client ID/secret');
		expect(simulator.count('token')).toBe(2);
		expect(simulator.count('maffNotices')).toBe(2);
	});

	test('continueOnFail: the failing item gets an error item, the others their answers', async () => {
		const result = await runWagri(
			newStore(simulator),
			{
				...crops,
				path: '/API/Public/Sample/FieldPolygons',
				queryParameters: { parameters: [{ name: 'CityCode', value: '={{ $json.city }}' }] },
			},
			{ items: [{ city: '13103' }, { city: 'x' }], continueOnFail: true },
		);
		expect(result.items).toHaveLength(2);
		expect(result.items[0].binary?.data.fileName).toBe('fields_13103.zip');
		expect(result.items[1].json.error).toBe(
			'WAGRI: The request is invalid. CityCode must be 5 digits. (HTTP 400)',
		);
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
	});

	test('bad input is refused before any call, naming the field', async () => {
		const store = newStore(simulator);
		const noPath = await runWagri(
			store,
			{ ...crops, path: '={{ $json.path }}' },
			{ items: [{ other: 1 }] },
		);
		expect(noPath.error?.message).toBe('Path: is required but empty');
		const fullUrl = await runWagri(store, { ...crops, path: 'https://api.wagri.net/API/Public/x' });
		expect(fullUrl.error?.message).toContain('Path: must be a path');
		const badJson = await runWagri(store, {
			...crops,
			method: 'POST',
			sendBody: true,
			jsonBody: '{ lat: 1',
		});
		expect(badJson.error?.message).toContain('JSON Body: is not valid JSON');
		expect(simulator.totalCalls()).toBe(0);
	});
});

describe('WAGRI node: Token and MAFF APP operations', () => {
	test('Token → Get Access Token outputs the token, its type, expires_in and an absolute expiry', async () => {
		const before = Date.now();
		const result = await runWagri(newStore(simulator), {
			resource: 'token',
			operation: 'getAccessToken',
		});
		expect(result.error).toBeUndefined();
		const json = result.items[0].json;
		expect(json).toEqual({
			access_token: expect.stringMatching(/^wagri_/),
			token_type: 'bearer',
			expires_in: 43199,
			expires_at: expect.any(String),
		});
		expect(Date.parse(String(json.expires_at))).toBeGreaterThanOrEqual(before + 43199_000);
		expect(simulator.count('token')).toBe(1);
	});

	test('Token → Get Access Token with a wrong secret: clear error, no secret', async () => {
		const result = await runWagri(
			newStore(simulator, { wagri: { clientSecret: 'wrong-client-secret-xyz' } }),
			{
				resource: 'token',
				operation: 'getAccessToken',
			},
		);
		expect(result.error?.message).toBe(
			'WAGRI: login failed: token request: The client credentials are invalid. [code invalid_client] (HTTP 401)',
		);
		expectNoSecrets(result.error, ['wrong-client-secret-xyz']);
	});

	test('MAFF APP → Login outputs loginhash, the ready Authorization value, refresh_token and the user', async () => {
		const result = await runWagri(newStore(simulator), { resource: 'maffApp', operation: 'login' });
		expect(result.error).toBeUndefined();
		const json = result.items[0].json;
		expect(json.loginhash).toMatch(/^loginhash_/);
		expect(json.authorization).toBe(`xxx ${json.loginhash}`);
		expect(json.refresh_token).toBe('0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d');
		expect(json.user).toMatchObject({ mail: simulator.mail, cityName: '港区' });
		expect(simulator.count('token')).toBe(1);
		expect(simulator.count('maffLogin')).toBe(1);
	});

	test('MAFF APP → Login uses the stored WAGRI token while valid, and one fetched token for all items', async () => {
		const store = newStore(simulator);
		await runWagri(store, notices);
		simulator.resetCounters();
		await runWagri(store, { resource: 'maffApp', operation: 'login' }, { items: [{}, {}] });
		expect(simulator.count('token')).toBe(0);
		expect(simulator.count('maffLogin')).toBe(2);
		simulator.resetCounters();
		await runWagri(
			newStore(simulator),
			{ resource: 'maffApp', operation: 'login' },
			{ items: [{}, {}, {}] },
		);
		expect(simulator.count('token')).toBe(1);
		expect(simulator.count('maffLogin')).toBe(3);
	});

	test('MAFF APP → Login retries once with a fresh token when the stored one was withdrawn', async () => {
		const store = newStore(simulator);
		await runWagri(store, notices);
		simulator.revokeAllTokens();
		simulator.resetCounters();
		const result = await runWagri(store, { resource: 'maffApp', operation: 'login' });
		expect(result.error).toBeUndefined();
		expect(simulator.count('token')).toBe(1);
		expect(simulator.count('maffLogin')).toBe(2);
	});

	test('MAFF APP → Login with a wrong password: one clear error, no password or token in it', async () => {
		const result = await runWagri(
			newStore(simulator, { maff: { password: 'wrong-maff-password' } }),
			{
				resource: 'maffApp',
				operation: 'login',
			},
		);
		expect(result.error?.message).toBe(
			'MAFF APP: login failed: The mail address or password is incorrect. (HTTP 401)',
		);
		expect(simulator.count('maffLogin')).toBe(1);
		expectNoSecrets(result.error, ['wrong-maff-password', ...simulator.tokens.keys()]);
	});
});

describe('WAGRI node: parallel items', () => {
	test('10 items in parallel that all find a stale token cause one renewal, not ten', async () => {
		const store = newStore(simulator);
		await runWagri(store, crops);
		store.set('wagriApi', {
			...store.get('wagriApi'),
			accessExpiresAt: new Date(Date.now() - 1000).toISOString(),
		});
		simulator.resetCounters();
		const result = await runWagri(
			store,
			{ ...crops, options: { parallelRequests: 5 } },
			{ items: Array.from({ length: 10 }, () => ({})) },
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(30);
		expect(simulator.count('token')).toBe(1);
		expect(simulator.count('crops')).toBe(10);
	});

	test('200 items at 20 in parallel over an expired token cause exactly one token fetch and 200 calls', async () => {
		const store = newStore(simulator);
		await runWagri(store, crops);
		store.set('wagriApi', {
			...store.get('wagriApi'),
			accessExpiresAt: new Date(Date.now() - 1000).toISOString(),
		});
		simulator.resetCounters();
		const items = Array.from({ length: 200 }, (_, index) => ({ index }));
		const result = await runWagri(
			store,
			{ ...crops, options: { parallelRequests: 20, splitArrays: false } },
			{ items },
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(200);
		expect(simulator.count('token')).toBe(1);
		expect(simulator.count('crops')).toBe(200);
	});

	test('200 items at 20 in parallel after the server expired the token (this machine unaware): one token fetch', async () => {
		const store = newStore(simulator);
		await runWagri(store, crops);
		simulator.clock.advanceHours(13);
		simulator.resetCounters();
		const items = Array.from({ length: 200 }, (_, index) => ({ index }));
		const result = await runWagri(
			store,
			{ ...crops, options: { parallelRequests: 20, splitArrays: false } },
			{ items },
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(200);
		expect(simulator.count('token')).toBe(1);
		// requests in flight with the old token are refused (401) and sent again once
		expect(simulator.count('crops')).toBeGreaterThanOrEqual(200);
		expect(simulator.count('crops')).toBeLessThanOrEqual(220);
	});
});
