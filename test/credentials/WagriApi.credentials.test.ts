import { MaffAppApi } from '../../credentials/MaffAppApi.credentials';
import { WagriApi } from '../../credentials/WagriApi.credentials';
import { CredentialStore } from '../harness/credentialStore';
import { expectNoSecrets } from '../harness/secrets';
import { testCredential } from '../harness/testCredential';
import { useSimulator } from '../harness/useSimulator';
import {
	asN8nLoads,
	maffCredential,
	onSimulator,
	runWagri,
	wagriCredential,
} from '../nodes/Wagri/helpers';
import { WagriSimulator } from '../simulators/wagri';

const simulator = useSimulator(new WagriSimulator());

const wagriStore = (overrides: Record<string, string | number> = {}) =>
	new CredentialStore({ wagriApi: wagriCredential(simulator, overrides) });
const maffStore = (overrides: Record<string, string | number> = {}) =>
	new CredentialStore({ maffAppApi: maffCredential(simulator, overrides) });

describe('WAGRI credential (wagriApi)', () => {
	test('the Test button gets a client-credentials token with the documented form body', async () => {
		const result = await testCredential(new WagriApi(), wagriStore());
		expect(result).toEqual({ status: 'OK', message: 'Connection tested successfully' });
		// preAuthentication's token request, then the test request to the token URL
		expect(simulator.count('token')).toBe(2);
		const first = simulator.log.find((entry) => entry.route === 'token')!;
		expect(first.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
		expect(Object.fromEntries(new URLSearchParams(first.body))).toEqual({
			grant_type: 'client_credentials',
			client_id: simulator.clientId,
			client_secret: simulator.clientSecret,
		});
		const second = simulator.log.filter((entry) => entry.route === 'token')[1];
		expect(second.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
		expect(second.headers['x-authorization']).toMatch(/^wagri_/);
	});

	test('the Test button fails on a wrong client secret, says it was the token request and shows no secret', async () => {
		const result = await testCredential(
			new WagriApi(),
			wagriStore({ clientSecret: 'wrong-client-secret-xyz' }),
		);
		expect(result.status).toBe('Error');
		expect(result.message).toBe(
			'WAGRI: login failed: token request: The client credentials are invalid. [code invalid_client] (HTTP 401)',
		);
		expectNoSecrets(result, ['wrong-client-secret-xyz', simulator.clientSecret]);
	});

	test('the token URL is configurable: the current /token with a JSON body when chosen', async () => {
		const store = wagriStore({
			tokenUrl: `${simulator.baseUrl}/token`,
			tokenContentType: 'application/json',
		});
		const result = await testCredential(new WagriApi(), store);
		expect(result.status).toBe('OK');
		expect(simulator.count('token')).toBe(0);
		const first = simulator.log.find((entry) => entry.route === 'wagri2Token')!;
		expect(first.path).toBe('/token');
		expect(first.headers['content-type']).toMatch(/^application\/json/);
		expect(JSON.parse(first.body)).toMatchObject({
			grant_type: 'client_credentials',
			client_id: simulator.clientId,
		});
	});

	test('a token URL that refuses JSON answers with its own error, not a silent failure', async () => {
		const result = await testCredential(
			new WagriApi(),
			wagriStore({ tokenContentType: 'application/json' }),
		);
		expect(result.status).toBe('Error');
		expect(result.message).toContain(
			'WAGRI: login failed: token request: Content-Type must be application/x-www-form-urlencoded.',
		);
		expect(result.message).toContain('(HTTP 400)');
	});

	test('authenticate sends X-Authorization with the bare token, not Authorization: Bearer', async () => {
		const options = await new WagriApi().authenticate(
			{
				accessToken: 'tok-123',
				accessExpiresAt: new Date(Date.now() + 3600_000).toISOString(),
				baseUrl: 'https://api.wagri.net/',
			},
			{ url: '/API/Public/x' },
		);
		expect(options.headers).toEqual({ 'X-Authorization': 'tok-123' });
		expect(options.baseURL).toBe('https://api.wagri.net');
	});

	test('authenticate refuses a token whose end date has passed, so n8n renews it before any request', async () => {
		await expect(
			new WagriApi().authenticate(
				{ accessToken: 'tok-123', accessExpiresAt: new Date(Date.now() - 1000).toISOString() },
				{ url: '/API/Public/x' },
			),
		).rejects.toMatchObject({ name: 'TokenRenewalDue', response: { status: 401 } });
	});

	test("advertises itself to n8n's HTTP Request node with the current host", () => {
		expect(new WagriApi().httpRequestNode).toEqual({
			name: 'WAGRI',
			docsUrl: expect.any(String),
			apiBaseUrl: 'https://api.wagri2.net',
		});
		expect(new MaffAppApi().httpRequestNode.apiBaseUrl).toBe('https://api.wagri.net');
	});

	test('defaults: the current token URL and host; the old token URL stays selectable', () => {
		const properties = new WagriApi().properties;
		const tokenUrl = properties.find((property) => property.name === 'tokenUrl')!;
		expect(tokenUrl.default).toBe('https://api.wagri2.net/token');
		expect(tokenUrl.options).toEqual([
			{ name: 'Current (api.wagri2.net/token)', value: 'https://api.wagri2.net/token' },
			{ name: 'Old, Ends March 2026 (api.wagri.net/Token)', value: 'https://api.wagri.net/Token' },
		]);
		expect(properties.find((property) => property.name === 'baseUrl')!.default).toBe(
			'https://api.wagri2.net',
		);
	});

	test('MAFF APP defaults: the current token URL, MAFF APP and its login where WAGRI documents them', () => {
		const defaults = asN8nLoads(new MaffAppApi(), {});
		expect(defaults).toMatchObject({
			tokenUrl: 'https://api.wagri2.net/token',
			baseUrl: 'https://api.wagri.net',
			loginUrl: 'https://api.wagri.net/API/Individual/MAFFAPP/Users/Login',
		});
	});
});

describe('MAFF APP credential (maffAppApi)', () => {
	test('the Test button gets the WAGRI token, logs in to MAFF APP with it and proves both', async () => {
		const result = await testCredential(new MaffAppApi(), maffStore());
		expect(result).toEqual({ status: 'OK', message: 'Connection tested successfully' });
		expect(simulator.count('token')).toBe(1);
		expect(simulator.count('maffLogin')).toBe(2);
		const login = simulator.log.find((entry) => entry.route === 'maffLogin')!;
		expect(login.headers['content-type']).toMatch(/^application\/json/);
		expect(login.headers['x-authorization']).toMatch(/^wagri_/);
		expect(JSON.parse(login.body)).toEqual({ mail: simulator.mail, password: simulator.password });
	});

	test('a wrong MAFF password says the MAFF APP login failed and shows no password, secret or token', async () => {
		const result = await testCredential(
			new MaffAppApi(),
			maffStore({ password: 'wrong-maff-password' }),
		);
		expect(result.status).toBe('Error');
		expect(result.message).toBe(
			'MAFF APP: login failed: The mail address or password is incorrect. (HTTP 401)',
		);
		expect(simulator.count('token')).toBe(1);
		expectNoSecrets(result, [
			'wrong-maff-password',
			simulator.clientSecret,
			...simulator.tokens.keys(),
		]);
	});

	test('a Login Lifetime under 5 minutes is refused by the Test button with the field and what to set, before any call', async () => {
		const result = await testCredential(new MaffAppApi(), maffStore({ loginLifetimeMinutes: 2 }));
		expect(result.status).toBe('Error');
		expect(result.message).toBe(
			'MAFF APP: login failed: "Login Lifetime (Minutes)" is 2: set 0 (no lifetime of your own) or at least 5 minutes in the credential, since the credential renews a token up to 2 minutes before its end',
		);
		expect(simulator.count('token') + simulator.count('maffLogin')).toBe(0);
	});

	test('a Login Lifetime of 5 minutes logs in once and keeps the loginhash for the next calls', async () => {
		const store = maffStore({ loginLifetimeMinutes: 5 });
		for (let run = 0; run < 2; run++) {
			const result = await runWagri(store, {
				authentication: 'maffAppApi',
				method: 'GET',
				path: '/API/Individual/MAFFAPP/Notices',
			});
			expect(result.error).toBeUndefined();
		}
		expect(simulator.count('maffLogin')).toBe(1);
		expect(simulator.count('maffNotices')).toBe(2);
	});

	test('a wrong client secret says the WAGRI token request failed, and MAFF APP is never asked', async () => {
		const result = await testCredential(
			new MaffAppApi(),
			maffStore({ clientSecret: 'wrong-client-secret-xyz' }),
		);
		expect(result.status).toBe('Error');
		expect(result.message).toBe(
			'WAGRI: login failed: token request: The client credentials are invalid. [code invalid_client] (HTTP 401)',
		);
		expect(simulator.count('maffLogin')).toBe(0);
		expectNoSecrets(result, ['wrong-client-secret-xyz', simulator.password]);
	});

	test('authenticate sends both X-Authorization and "Authorization: xxx <loginhash>"', async () => {
		const options = await new MaffAppApi().authenticate(
			{
				accessToken: 'tok-123',
				accessExpiresAt: new Date(Date.now() + 3600_000).toISOString(),
				loginToken: 'hash-456',
				loginExpiresAt: '',
				baseUrl: 'https://api.wagri.net',
			},
			{ url: '/API/Individual/MAFFAPP/x' },
		);
		expect(options.headers).toEqual({
			'X-Authorization': 'tok-123',
			Authorization: 'xxx hash-456',
		});
	});

	test('authenticate asks for a renewal when the loginhash is missing or its optional lifetime has passed', async () => {
		const valid = new Date(Date.now() + 3600_000).toISOString();
		for (const state of [
			{ loginToken: '', loginExpiresAt: '' },
			{ loginToken: 'hash-456', loginExpiresAt: new Date(Date.now() - 1000).toISOString() },
		]) {
			await expect(
				new MaffAppApi().authenticate(
					{ accessToken: 'tok-123', accessExpiresAt: valid, ...state },
					{ url: '/x' },
				),
			).rejects.toMatchObject({ name: 'TokenRenewalDue' });
		}
	});
});

describe('which WAGRI host a credential asks', () => {
	const CURRENT = 'https://api.wagri2.net';
	const OLD = 'https://api.wagri.net';
	const crops = {
		resource: 'api',
		operation: 'request',
		method: 'GET',
		path: '/API/Public/Sample/Crops',
	};
	const notices = {
		...crops,
		authentication: 'maffAppApi',
		path: '/API/Individual/MAFFAPP/Notices',
	};
	const typedWagri = () => ({ clientId: simulator.clientId, clientSecret: simulator.clientSecret });
	const typedMaff = () => ({ ...typedWagri(), mail: simulator.mail, password: simulator.password });
	/** What the previous version's editor stored: every field, the old defaults included. */
	const savedWagri = () => ({
		accessToken: '',
		accessExpiresAt: '',
		...typedWagri(),
		tokenUrl: 'https://api.wagri.net/Token',
		tokenContentType: 'application/x-www-form-urlencoded',
		baseUrl: OLD,
	});
	const tokenRequests = () => ({
		current: simulator.count('wagri2Token'),
		old: simulator.count('token'),
	});

	test('a new WAGRI credential asks the current token URL (/token) and sends its calls to the current host', async () => {
		const data = onSimulator(simulator, asN8nLoads(new WagriApi(), typedWagri()), [CURRENT]);
		expect(data.tokenUrl).toBe(`${simulator.baseUrl}/token`);
		const store = new CredentialStore({ wagriApi: data });
		const result = await runWagri(store, crops);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(tokenRequests()).toEqual({ current: 1, old: 0 });
		const request = simulator.log.find((entry) => entry.route === 'wagri2Token')!;
		expect(request.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
	});

	test("a new WAGRI credential's Test button asks the current token URL", async () => {
		const data = onSimulator(simulator, asN8nLoads(new WagriApi(), typedWagri()), [CURRENT]);
		const result = await testCredential(new WagriApi(), new CredentialStore({ wagriApi: data }));
		expect(result).toEqual({ status: 'OK', message: 'Connection tested successfully' });
		expect(tokenRequests()).toEqual({ current: 2, old: 0 });
	});

	test('a WAGRI credential saved with the old token URL keeps asking it (/Token)', async () => {
		const data = onSimulator(simulator, asN8nLoads(new WagriApi(), savedWagri()), [OLD]);
		expect(data.tokenUrl).toBe(`${simulator.baseUrl}/Token`);
		const store = new CredentialStore({ wagriApi: data });
		const result = await runWagri(store, crops);
		expect(result.error).toBeUndefined();
		expect(tokenRequests()).toEqual({ current: 0, old: 1 });
		expect(store.get('wagriApi').tokenUrl).toBe(`${simulator.baseUrl}/Token`);
	});

	test('a new MAFF APP credential takes its token from the current token URL and logs in at the documented MAFF APP login URL with it', async () => {
		const data = onSimulator(simulator, asN8nLoads(new MaffAppApi(), typedMaff()), [CURRENT, OLD]);
		const store = new CredentialStore({ maffAppApi: data });
		const result = await runWagri(store, notices);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ result: 1 });
		expect(tokenRequests()).toEqual({ current: 1, old: 0 });
		const login = simulator.log.filter((entry) => entry.route === 'maffLogin');
		expect(login).toHaveLength(1);
		expect(login[0].path).toBe('/API/Individual/MAFFAPP/Users/Login');
		expect(login[0].headers['x-authorization']).toBe(store.get('maffAppApi').accessToken);
	});

	test('a MAFF APP credential saved before the Login URL field existed gets the documented login URL and keeps its old token URL', async () => {
		const saved = {
			...savedWagri(),
			loginToken: '',
			loginExpiresAt: '',
			mail: simulator.mail,
			password: simulator.password,
			loginLifetimeMinutes: 0,
		};
		const loaded = asN8nLoads(new MaffAppApi(), saved);
		expect(loaded.loginUrl).toBe('https://api.wagri.net/API/Individual/MAFFAPP/Users/Login');
		const store = new CredentialStore({ maffAppApi: onSimulator(simulator, loaded, [OLD]) });
		const result = await runWagri(store, notices);
		expect(result.error).toBeUndefined();
		expect(tokenRequests()).toEqual({ current: 0, old: 1 });
		expect(simulator.count('maffLogin')).toBe(1);
	});
});
