import type { INodeParameters } from 'n8n-workflow';

import { formatJapanTime } from '../../../nodes/NextEngine/auth/answers';
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

const HOW = /Log in again: run your first-login workflow \(Webhook .*Exchange Login/;

const operations: Array<[string, INodeParameters]> = [
	['Entity → Search', searchOrders()],
	['Entity → Count', { resource: 'entity', operation: 'count', entity: 'receiveorder_base' }],
	['Account → Get Login User', { resource: 'account', operation: 'getLoginUser' }],
	['Account → Get Login Company', { resource: 'account', operation: 'getLoginCompany' }],
	[
		'Custom → Custom Call',
		{ resource: 'custom', operation: 'call', path: '/api_v1_master_shop/search' },
	],
	['Auth → Check Token Pair', { resource: 'auth', operation: 'checkPair' }],
];

describe('Next Engine: an ended pair says when it ended (Japan time) and how to log in again', () => {
	test.each(operations)(
		'%s, three idle days later (both clocks): the error names the end date and the first-login workflow; the pair is not wiped',
		async (_name, parameters) => {
			fakeDateOnly();
			const store = storeFor(simulator);
			const before = store.get(NE);
			const ended = formatJapanTime(Date.parse(String(before.refreshTokenExpiresAt)));
			advanceBothClocksHours(73);
			const result = await runNextEngine(store, parameters);
			expect(result.error?.message).toMatch(
				new RegExp(
					`^Next Engine: the token pair was refused \\(it ended on ${ended} \\(Japan time\\)\\)`,
				),
			);
			expect(result.error?.description).toContain(`The token pair ended on ${ended} (Japan time)`);
			expect(result.error?.description).toMatch(HOW);
			expect(store.get(NE)).toEqual(before);
			expectNoSecrets(result.error, secretsOf(store));
		},
	);

	test("when only Next Engine's clock has passed the end (it answers redirect): the error says so, with the end this machine expected", async () => {
		const store = storeFor(simulator);
		const expected = formatJapanTime(Date.parse(String(store.get(NE).refreshTokenExpiresAt)));
		simulator.clock.advanceHours(24 * 4);
		const result = await runNextEngine(store, searchOrders());
		expect(result.error?.message).toMatch(/result "redirect"/);
		expect(result.error?.description).toContain(
			`Next Engine says the pair has ended; by this machine's clock its refresh token runs until ${expected} (Japan time)`,
		);
		expect(result.error?.description).toMatch(HOW);
	});

	test('a copy of a pair that was renewed elsewhere (002004 before its end) says it was replaced, not ended', async () => {
		const store = storeFor(simulator);
		const stale = store.get(NE);
		simulator.clock.advanceHours(25);
		await runNextEngine(store, searchOrders()); // renews and stores the new pair
		const copy = storeFor(simulator, {
			pair: { access_token: stale.accessToken, refresh_token: stale.refreshToken },
		});
		const result = await runNextEngine(copy, searchOrders());
		expect(result.error?.message).toMatch(/\[code 002004\]$/);
		expect(result.error?.message).not.toMatch(/ended on/);
		expect(result.error?.description).toMatch(/^The pair was replaced before its end \(/);
		expect(result.error?.description).toMatch(HOW);
	});

	test('a copy of a pair that was renewed elsewhere and whose end has also passed (002004): the error names the end date', async () => {
		fakeDateOnly();
		const store = storeFor(simulator);
		const stale = store.get(NE);
		advanceBothClocksHours(25);
		await runNextEngine(store, searchOrders()); // renews and stores the new pair
		advanceBothClocksHours(48);
		const copy = storeFor(simulator, {
			pair: { access_token: stale.accessToken, refresh_token: stale.refreshToken },
		});
		copy.set(NE, { ...copy.get(NE), refreshTokenExpiresAt: stale.refreshTokenExpiresAt });
		const result = await runNextEngine(copy, searchOrders());
		const ended = formatJapanTime(Date.parse(String(stale.refreshTokenExpiresAt)));
		expect(result.error?.message).toMatch(/\[code 002004\]$/);
		expect(result.error?.message).toContain(`(it ended on ${ended} (Japan time))`);
		expect(result.error?.description).toMatch(HOW);
	});

	test('a pair whose end dates the credential never learnt says the end is not known', async () => {
		const store = storeFor(simulator, { settled: false });
		simulator.clock.advanceHours(24 * 4);
		const result = await runNextEngine(store, searchOrders());
		expect(result.error?.description).toMatch(/^When it ended is not known/);
		expect(result.error?.description).toMatch(HOW);
	});

	test("a pair from an input item names the item's own refresh_token_end_date on its error item", async () => {
		const store = storeFor(simulator);
		const pair = simulator.issuePair();
		simulator.clock.advanceHours(24 * 4);
		const result = await runNextEngine(
			store,
			{ ...searchOrders(), tokenSource: 'item' },
			{ items: [pair], continueOnFail: true },
		);
		const ended = pair.refresh_token_end_date; // Next Engine's own Japan-time string
		const failed = result.items[0].json;
		expect(failed.error).toMatch(/token pair of input item 0/);
		expect(failed.errorDescription).toMatch(/Next Engine says the pair has ended/);
		expect(failed.errorDescription).toContain(`runs until ${ended} (Japan time)`);
		expect(failed.refresh_token).toBe(pair.refresh_token);
	});
});
