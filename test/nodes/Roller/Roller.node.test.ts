import type { IDataObject } from 'n8n-workflow';

import { RollerApi } from '../../../credentials/RollerApi.credentials';
import { Roller } from '../../../nodes/Roller/Roller.node';
import { CredentialStore } from '../../harness/credentialStore';
import { runNode } from '../../harness/runNode';
import { expectNoSecrets } from '../../harness/secrets';
import { RollerSimulator } from '../../simulators/roller';
import { useSimulator } from '../../harness/useSimulator';

const simulator = useSimulator(new RollerSimulator());

function newStore(overrides: Record<string, string | number> = {}) {
	return new CredentialStore({
		rollerApi: {
			sessionToken: '',
			sessionExpiresAt: '',
			userName: simulator.userName,
			password: simulator.password,
			sessionLifetimeMinutes: 0,
			baseUrl: simulator.baseUrl,
			...overrides,
		},
	});
}

async function runRoller(
	store: CredentialStore,
	parameters: Record<string, unknown>,
	extra: { items?: IDataObject[]; continueOnFail?: boolean } = {},
) {
	return await runNode({
		nodeType: new Roller(),
		credentialTypes: [new RollerApi()],
		credentials: ['rollerApi'],
		store,
		parameters: parameters as never,
		...extra,
	});
}

const org1 = { __rl: true, mode: 'id', value: 'org-1' };

describe('ROLLER node against the ROLLER simulator', () => {
	test('Return All brings 1,500 receipts complete and in order with 2 page calls and 1 login', async () => {
		const store = newStore();
		const result = await runRoller(store, {
			resource: 'receipt',
			operation: 'getAll',
			organizationId: org1,
			returnAll: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1500);
		expect(
			result.items.map((item) => (item.json.receipt as { transactionId: number }).transactionId),
		).toEqual(Array.from({ length: 1500 }, (_, index) => index + 1));
		expect(simulator.count('receipts')).toBe(2);
		expect(simulator.count('login')).toBe(1);
		const bodies = simulator.log
			.filter((entry) => entry.route === 'receipts')
			.map((entry) => JSON.parse(entry.body));
		expect(bodies.map((body) => [body.currentPage, body.itemsPerPage])).toEqual([
			[1, 1000],
			[2, 1000],
		]);
		expect(result.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(
			true,
		);
	});

	test('Limit 30 asks for one page of 30 receipts only', async () => {
		const result = await runRoller(newStore(), {
			resource: 'receipt',
			operation: 'getAll',
			organizationId: org1,
			returnAll: false,
			limit: 30,
		});
		expect(result.items).toHaveLength(30);
		expect(simulator.count('receipts')).toBe(1);
		expect(
			JSON.parse(simulator.log.find((entry) => entry.route === 'receipts')!.body).itemsPerPage,
		).toBe(30);
	});

	test('filters and sort reach ROLLER as the documented JSON body', async () => {
		const result = await runRoller(newStore(), {
			resource: 'receipt',
			operation: 'getAll',
			organizationId: org1,
			returnAll: true,
			filters: { keyword: 'coffee', storeId: 'store-1' },
			options: { sort: 'transactionId desc', itemsPerPage: 500 },
		});
		expect(result.error).toBeUndefined();
		const body = JSON.parse(simulator.log.find((entry) => entry.route === 'receipts')!.body);
		expect(body).toMatchObject({
			keyword: 'coffee',
			storeId: 'store-1',
			sort: 'transactionId desc',
			itemsPerPage: 500,
		});
		const ids = result.items.map(
			(item) => (item.json.receipt as { transactionId: number }).transactionId,
		);
		expect(ids.length).toBeGreaterThan(0);
		expect([...ids].sort((a, b) => b - a)).toEqual(ids);
	});

	test('50 input items calling Get Me cause 1 login, not 50, and 50 API calls', async () => {
		const store = newStore();
		const result = await runRoller(
			store,
			{ resource: 'account', operation: 'getMe' },
			{ items: Array.from({ length: 50 }, (_, index) => ({ index })) },
		);
		expect(result.items).toHaveLength(50);
		expect(result.items[49].json).toEqual({
			id: '12345',
			userName: 'shop_owner',
			email: simulator.userName,
		});
		expect(result.items.map((item) => (item.pairedItem as { item: number }).item)).toEqual(
			Array.from({ length: 50 }, (_, index) => index),
		);
		expect(simulator.count('login')).toBe(1);
		expect(simulator.count('me')).toBe(50);
	});

	test('the token is stored in the credential and reused by the next execution without a login', async () => {
		const store = newStore();
		await runRoller(store, { resource: 'account', operation: 'getMe' });
		const stored = store.get('rollerApi');
		expect(stored.sessionToken).toMatch(/^roller_/);
		await runRoller(store, { resource: 'account', operation: 'getMe' });
		expect(simulator.count('login')).toBe(1);
		expect(simulator.count('me')).toBe(2);
	});

	test('a token ROLLER no longer accepts leads to one new login and the call succeeds', async () => {
		const store = newStore();
		await runRoller(store, { resource: 'account', operation: 'getMe' });
		simulator.revokeAllTokens();
		const result = await runRoller(store, { resource: 'account', operation: 'getMe' });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.email).toBe(simulator.userName);
		expect(simulator.count('login')).toBe(2);
	});

	test("after the token lifetime passes on ROLLER's clock, one re-login and the call succeeds", async () => {
		const store = newStore();
		await runRoller(store, { resource: 'account', operation: 'getMe' });
		simulator.clock.advanceHours(25);
		const result = await runRoller(store, { resource: 'account', operation: 'getMe' });
		expect(result.error).toBeUndefined();
		expect(simulator.count('login')).toBe(2);
		expect(simulator.count('me')).toBe(3);
	});

	test('a token whose stored end date has passed is renewed before the call, without a refused request', async () => {
		const store = newStore();
		await runRoller(store, { resource: 'account', operation: 'getMe' });
		store.set('rollerApi', {
			...store.get('rollerApi'),
			sessionExpiresAt: new Date(Date.now() - 1000).toISOString(),
		});
		simulator.resetCounters();
		const result = await runRoller(store, { resource: 'account', operation: 'getMe' });
		expect(result.error).toBeUndefined();
		expect(simulator.count('login')).toBe(1);
		expect(simulator.count('me')).toBe(1);
	});

	test('a wrong password stops the node with "login failed" and never shows the password', async () => {
		const store = newStore({ password: 'wrong-password-value' });
		const result = await runRoller(store, { resource: 'account', operation: 'getMe' });
		expect(result.error?.message).toBe('ROLLER: login failed: Invalid credentials (HTTP 401)');
		expect(simulator.count('login')).toBe(1);
		expect(simulator.count('me')).toBe(0);
		expectNoSecrets(result.error, ['wrong-password-value']);
	});

	test('continueOnFail gives an error item paired to the failing input and the others still run', async () => {
		const result = await runRoller(
			newStore(),
			{
				resource: 'account',
				operation: 'getOrganization',
				organizationId: { __rl: true, mode: 'id', value: '={{ $json.org }}' },
			},
			{ items: [{ org: 'org-1' }, { org: 'missing-org' }, { org: 'org-2' }], continueOnFail: true },
		);
		expect(result.items).toHaveLength(3);
		expect(result.items[0].json.name).toBe('Roller Shop Shibuya');
		expect(result.items[1].json.error).toBe('ROLLER: Organization not found (HTTP 404)');
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
		expect(result.items[2].json.name).toBe('Roller Cafe Umeda');
	});

	test('a missing organization is a clear error naming the field, before any API call', async () => {
		const result = await runRoller(
			newStore(),
			{
				resource: 'receipt',
				operation: 'getAll',
				organizationId: { __rl: true, mode: 'id', value: '={{ $json.organization }}' },
				returnAll: true,
			},
			{ items: [{ name: 'no organization here' }] },
		);
		expect(result.error?.message).toBe('Organization: is required but empty');
		expect(simulator.count('receipts')).toBe(0);
	});

	test('bad inputs are reported in the order the node shows them: Organization, then Limit, then Options', async () => {
		const bad = { returnAll: false, limit: 0, options: { itemsPerPage: 5000 } };
		const base = { resource: 'receipt', operation: 'getAll' };
		const noOrganization = { __rl: true, mode: 'id', value: '={{ $json.organization }}' };
		const organization = await runRoller(
			newStore(),
			{ ...base, organizationId: noOrganization, ...bad },
			{ items: [{ name: 'no organization here' }] },
		);
		expect(organization.error?.message).toBe('Organization: is required but empty');
		const limit = await runRoller(newStore(), { ...base, organizationId: org1, ...bad });
		expect(limit.error?.message).toBe(
			'Limit: must be a whole number from 1 to 9007199254740991 (got 0)',
		);
		const option = await runRoller(newStore(), {
			...base,
			organizationId: org1,
			...bad,
			limit: 10,
		});
		expect(option.error?.message).toBe(
			'Items Per Page: must be a whole number from 1 to 1000 (got 5000)',
		);
		expect(simulator.count('receipts')).toBe(0);
	});

	test('Items Per Page 5000 is a clear error naming the field and the allowed range', async () => {
		const result = await runRoller(newStore(), {
			resource: 'receipt',
			operation: 'getAll',
			organizationId: org1,
			returnAll: true,
			options: { itemsPerPage: 5000 },
		});
		expect(result.error?.message).toBe(
			'Items Per Page: must be a whole number from 1 to 1000 (got 5000)',
		);
		expect(simulator.count('receipts')).toBe(0);
	});

	test('Get Many Organizations outputs one item per organization', async () => {
		const result = await runRoller(newStore(), {
			resource: 'account',
			operation: 'getOrganizations',
		});
		expect(result.items.map((item) => item.json)).toEqual([
			{ id: 'org-1', name: 'Roller Shop Shibuya' },
			{ id: 'org-2', name: 'Roller Cafe Umeda' },
		]);
	});

	test('Receipt Get fetches one receipt by month, store and id', async () => {
		const receipt = simulator.receipts[0];
		const result = await runRoller(newStore(), {
			resource: 'receipt',
			operation: 'get',
			organizationId: org1,
			yearMonth: receipt.issuedAt.slice(0, 7).replace('-', ''),
			storeId: receipt.storeId,
			receiptId: receipt.id,
		});
		expect(result.error).toBeUndefined();
		expect((result.items[0].json.receipt as { id: string }).id).toBe(receipt.id);
	});

	test('Receipt Get rejects a month that is not yyyyMM', async () => {
		const result = await runRoller(newStore(), {
			resource: 'receipt',
			operation: 'get',
			organizationId: org1,
			yearMonth: '2026-11',
			storeId: 'store-1',
			receiptId: 'r-1',
		});
		expect(result.error?.message).toBe(
			'Year and Month: must be six digits yyyyMM, e.g. 202611 (got "2026-11")',
		);
	});

	test('Store Get Many lists the stores of an organization', async () => {
		const result = await runRoller(newStore(), {
			resource: 'store',
			operation: 'getAll',
			organizationId: org1,
			returnAll: true,
		});
		expect(result.items.map((item) => item.json.id)).toEqual(['store-1', 'store-2']);
	});

	test('Login outputs the token and its end date as an item', async () => {
		const result = await runRoller(newStore({ sessionLifetimeMinutes: 30 }), {
			resource: 'account',
			operation: 'login',
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.token).toMatch(/^roller_/);
		const lifetime = Date.parse(result.items[0].json.expire as string) - Date.now();
		expect(lifetime).toBeGreaterThan(29 * 60_000);
		expect(lifetime).toBeLessThanOrEqual(30 * 60_000);
	});

	test('operations other than Login never output the token', async () => {
		const store = newStore();
		const result = await runRoller(store, { resource: 'account', operation: 'getMe' });
		expectNoSecrets(result.items, [
			store.get('rollerApi').sessionToken as string,
			simulator.password,
		]);
	});

	describe('Parallel Requests', () => {
		const items = Array.from({ length: 200 }, (_, index) => ({ index }));

		test('200 items at 20 in parallel over an expired token cause exactly one login', async () => {
			const store = newStore();
			await runRoller(store, { resource: 'account', operation: 'getMe' });
			simulator.clock.advanceHours(25);
			simulator.resetCounters();
			const result = await runRoller(
				store,
				{ resource: 'account', operation: 'getMe', options: { parallelRequests: 20 } },
				{ items },
			);
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(200);
			expect(simulator.count('login')).toBe(1);
			expect(simulator.count('me')).toBeGreaterThanOrEqual(200);
			expect(simulator.count('me')).toBeLessThanOrEqual(220);
		});

		test('200 items at 20 in parallel on a fresh credential cause exactly one login and 200 calls', async () => {
			const result = await runRoller(
				newStore(),
				{ resource: 'account', operation: 'getMe', options: { parallelRequests: 20 } },
				{ items },
			);
			expect(result.items).toHaveLength(200);
			expect(simulator.count('login')).toBe(1);
			expect(simulator.count('me')).toBe(200);
		});

		test('parallel output keeps the input order and pairing, with continueOnFail error items in place', async () => {
			const organizations = Array.from({ length: 30 }, (_, index) => ({
				org: index % 3 === 1 ? 'missing' : 'org-1',
				index,
			}));
			const result = await runRoller(
				newStore(),
				{
					resource: 'account',
					operation: 'getOrganization',
					organizationId: { __rl: true, mode: 'id', value: '={{ $json.org }}' },
					options: { parallelRequests: 8 },
				},
				{ items: organizations, continueOnFail: true },
			);
			expect(result.items).toHaveLength(30);
			result.items.forEach((item, index) => {
				expect(item.pairedItem).toEqual({ item: index });
				if (index % 3 === 1)
					expect(item.json.error).toBe('ROLLER: Organization not found (HTTP 404)');
				else expect(item.json.id).toBe('org-1');
			});
		});

		test('without continueOnFail a parallel run stops with the error of the first failing item', async () => {
			const result = await runRoller(
				newStore(),
				{
					resource: 'account',
					operation: 'getOrganization',
					organizationId: { __rl: true, mode: 'id', value: '={{ $json.org }}' },
					options: { parallelRequests: 4 },
				},
				{ items: [{ org: 'org-1' }, { org: 'missing' }, { org: 'org-2' }] },
			);
			expect(result.error?.message).toBe('ROLLER: Organization not found (HTTP 404)');
			expect((result.error?.context as { itemIndex?: number }).itemIndex).toBe(1);
		});
	});
});
