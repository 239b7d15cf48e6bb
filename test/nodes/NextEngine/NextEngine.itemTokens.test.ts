import type { IDataObject } from 'n8n-workflow';

import { expectNoSecrets } from '../../harness/secrets';
import { useSimulator } from '../../harness/useSimulator';
import { NextEngineSimulator } from '../../simulators/nextEngine';
import { NE, runNextEngine, storeFor } from './helpers';

const simulator = useSimulator(new NextEngineSimulator({ orderCount: 3 }));

const searchWithItemTokens = (extra: IDataObject = {}) => ({
	resource: 'entity',
	operation: 'search',
	tokenSource: 'item',
	entity: 'receiveorder_base',
	fields: 'receive_order_id,receive_order_purchaser_name',
	returnAll: true,
	...extra,
});

/** 100 companies with their own pairs: the first quarter issued 25 hours ago (access token expired). */
function hundredCompanies() {
	const companies: Array<{ company: string; access_token: string; refresh_token: string }> = [];
	for (let index = 0; index < 100; index++) {
		if (index === 25) simulator.clock.advanceHours(25);
		const company = `C${String(index).padStart(3, '0')}`;
		if (!simulator.companies.has(company)) simulator.addCompany(company, 3);
		const pair = simulator.issuePair(company);
		companies.push({ company, access_token: pair.access_token, refresh_token: pair.refresh_token });
	}
	return companies;
}

describe('Next Engine tokens from input items (app makers, one pair per company)', () => {
	test("100 companies, a quarter expired: one execution searches all, each output carries its company's data and valid pair", async () => {
		const companies = hundredCompanies();
		const store = storeFor(simulator);
		const credentialBefore = store.get(NE);
		simulator.resetCounters();
		const result = await runNextEngine(store, searchWithItemTokens(), { items: companies });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(300);
		expect(simulator.count('search')).toBe(100);
		expect(simulator.totalCalls()).toBe(100);
		expect(simulator.rotations).toBe(25);

		const allTokensOf = new Map<string, Set<string>>();
		for (const company of companies)
			allTokensOf.set(company.company, new Set([company.access_token, company.refresh_token]));
		for (const item of result.items) {
			const { company, access_token, refresh_token } =
				companies[(item.pairedItem as { item: number }).item];
			allTokensOf
				.get(company)!
				.add(String(item.json.access_token))
				.add(String(item.json.refresh_token));
			expect(String(item.json.receive_order_purchaser_name)).toContain(`${company} customer`);
			expect(simulator.companyOf(String(item.json.access_token))).toBe(company);
			expect(simulator.isLive(String(item.json.access_token))).toBe(true);
			expect(item.json.access_token_end_date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
			expect(item.json.refresh_token_end_date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
			const expired = Number(company.slice(1)) < 25;
			expect(item.json.tokens_rotated).toBe(expired);
			if (expired) expect(item.json.access_token).not.toBe(access_token);
			else
				expect([item.json.access_token, item.json.refresh_token]).toEqual([
					access_token,
					refresh_token,
				]);
		}
		// no token of one company ever appears in another company's output
		for (const item of result.items) {
			const own = companies[(item.pairedItem as { item: number }).item].company;
			const others = [...allTokensOf.entries()]
				.filter(([company]) => company !== own)
				.flatMap(([, tokens]) => [...tokens]);
			expectNoSecrets(item.json, others);
		}
		// the credential's own pair is neither used nor overwritten by item pairs
		expect(store.get(NE)).toEqual(credentialBefore);
	});

	test('a dead pair gives an error item for that company only (continueOnFail), naming its input item; the others succeed', async () => {
		const companies = hundredCompanies().slice(20, 30);
		companies[4] = {
			company: companies[4].company,
			access_token: 'ne_access_revoked',
			refresh_token: 'ne_refresh_revoked',
		};
		const result = await runNextEngine(storeFor(simulator), searchWithItemTokens(), {
			items: companies,
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		const failed = result.items.filter((item) => item.json.error);
		expect(failed).toHaveLength(1);
		expect(failed[0].pairedItem).toEqual({ item: 4 });
		expect(failed[0].json.error).toBe(
			'Next Engine: The access_token is invalid (token pair of input item 4) [code 002002]',
		);
		expect(failed[0].json.errorDescription).toMatch(/Log in again/);
		// the error item still carries the pair it had, so a write-back never stores empty tokens
		expect(failed[0].json.access_token).toBe('ne_access_revoked');
		const succeeded = result.items.filter((item) => !item.json.error);
		expect(succeeded).toHaveLength(27);
		expect(new Set(succeeded.map((item) => (item.pairedItem as { item: number }).item)).size).toBe(
			9,
		);
	});

	test('Return All over several pages uses the rotated pair for the next page and outputs the pair after the last page', async () => {
		const company = 'PAGED';
		if (!simulator.companies.has(company)) simulator.addCompany(company, 25);
		const pair = simulator.issuePair(company);
		simulator.clock.advanceHours(25);
		simulator.resetCounters();
		const result = await runNextEngine(
			storeFor(simulator),
			searchWithItemTokens({ options: { pageSize: 10 } }),
			{
				items: [{ access_token: pair.access_token, refresh_token: pair.refresh_token }],
			},
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(25);
		expect(simulator.count('search')).toBe(3);
		expect(simulator.rotations).toBe(1);
		const sent = simulator.log.map((entry) => new URLSearchParams(entry.body).get('access_token'));
		expect(sent[0]).toBe(pair.access_token);
		expect(sent[1]).toBe(sent[2]);
		expect(sent[1]).not.toBe(pair.access_token);
		for (const item of result.items) {
			expect(item.json.access_token).toBe(sent[2]);
			expect(item.json.tokens_rotated).toBe(true);
		}
	});

	test('Count and Get Login Company also take the pair from the item and give it back', async () => {
		const pair = simulator.issuePair();
		const items = [{ access_token: pair.access_token, refresh_token: pair.refresh_token }];
		const count = await runNextEngine(
			storeFor(simulator),
			{ resource: 'entity', operation: 'count', tokenSource: 'item', entity: 'receiveorder_base' },
			{ items },
		);
		expect(count.items[0].json).toMatchObject({
			count: 3,
			access_token: pair.access_token,
			tokens_rotated: false,
		});
		const companyInfo = await runNextEngine(
			storeFor(simulator),
			{ resource: 'account', operation: 'getLoginCompany', tokenSource: 'item' },
			{ items },
		);
		expect(companyInfo.items[0].json).toMatchObject({
			company_id: 'NE0001',
			refresh_token: pair.refresh_token,
		});
	});

	test('a pair rotated inside an error answer (003002) is on the error item, so it can still be written back', async () => {
		const pair = simulator.issuePair();
		simulator.clock.advanceHours(25);
		simulator.resetCounters();
		simulator.overloadNext = 1;
		const result = await runNextEngine(
			storeFor(simulator),
			searchWithItemTokens({ options: { overloadRetries: 0 } }),
			{
				items: [{ access_token: pair.access_token, refresh_token: pair.refresh_token }],
				continueOnFail: true,
			},
		);
		simulator.overloadNext = 0;
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json.error).toMatch(/\[code 003002\]$/);
		expect(result.items[0].json.tokens_rotated).toBe(true);
		expect(simulator.isLive(String(result.items[0].json.access_token))).toBe(true);
	});

	test('an item without tokens is a clear error naming the field, before any call', async () => {
		const result = await runNextEngine(storeFor(simulator), searchWithItemTokens(), {
			items: [{ company: 'X' }],
		});
		expect(result.error?.message).toBe('Access Token: is required but empty');
		expect(simulator.totalCalls()).toBe(0);
	});
});
