// Next Engine in a real n8n (see README.md beside this file). The property that matters most:
// Next Engine replaces the token pair about once a day and the old pair dies at once, so a
// rotated pair must always end up in the stored credential.
import assert from 'node:assert/strict';

import { askWithAccessToken, serverChecks, serverDemo } from './next-engine/server.mjs';

// test/simulators/nextEngine.ts defaults; the simulators of the demo and this suite start with
// this pair issued (NE_DEMO_FIRST_PAIR), as if the first login had been done.
const CLIENT_ID = 'ne-client-id-0001';
const CLIENT_SECRET = 'ne-client-secret-very-secret';
const FIRST_PAIR = {
	accessToken: 'ne_access_demo_first_login',
	refreshToken: 'ne_refresh_demo_first_login',
};
const REAL_BASE_URL = 'https://api.next-engine.org';
const ORDER_COUNT = 23450;

// The example asks for yesterday's orders (Japan time); the simulator's orders are dated
// 2026-11-(1 + n % 28), so the suite asks for a fixed day instead.
const DAY = '2026-11-22';
const NEXT_DAY = '2026-11-23';
const ordersOnDay = Array.from({ length: ORDER_COUNT }, (_, index) => index + 1).filter(
	(n) => 1 + (n % 28) === 22,
).length;

const credentialData = (url, pair = FIRST_PAIR) => ({
	clientId: CLIENT_ID,
	clientSecret: CLIENT_SECRET,
	accessToken: pair.accessToken,
	refreshToken: pair.refreshToken,
	baseUrl: url,
	pairStoredAt: '',
	accessTokenExpiresAt: '',
	refreshTokenExpiresAt: '',
});

const ORDERS_NODE = "Yesterday's orders";
const HTTP_NODE = 'POST /api_v1_master_shop/search';
const KEEP_ALIVE_NODE = 'Check token pair';
const KEEP_ALIVE_ALERT = 'Alert (fails the execution)';

export default {
	name: 'Next Engine',
	simulator: 'nextEngine',

	credentials: ({ url }) => [
		{
			id: 'jpcNextEngCred01',
			name: 'Next Engine account',
			type: 'nextEngineApi',
			data: credentialData(url),
		},
		{
			// a copy of the first pair kept elsewhere: dead once the main credential has rotated it
			id: 'jpcNextEngCred02',
			name: 'Next Engine account (old pair)',
			type: 'nextEngineApi',
			e2eOnly: true,
			data: credentialData(url),
		},
		{
			// an app's credential before its first login: client ID and secret, no pair yet
			id: 'jpcNextEngCred03',
			name: 'Next Engine App (client ID and secret)',
			type: 'nextEngineApi',
			e2eOnly: true,
			data: credentialData(url, { accessToken: '', refreshToken: '' }),
		},
	],

	workflows: ({ url }) => {
		const fixedDay = {
			"$today.minus({ days: 1 }).toFormat('yyyy-MM-dd HH:mm:ss')": `'${DAY} 00:00:00'`,
			"$today.toFormat('yyyy-MM-dd HH:mm:ss')": `'${NEXT_DAY} 00:00:00'`,
		};
		// the demo and the suite both ask for the fixed day (the simulator has no other orders)
		return [
			{
				key: 'orders',
				id: 'jpcNextEngWf0001',
				example: 'next-engine/daily-order-export.json',
				replace: fixedDay,
			},
			{
				key: 'http',
				id: 'jpcNextEngWf0002',
				example: 'next-engine/http-request-shops.json',
				replace: { [REAL_BASE_URL]: url },
			},
			{
				key: 'oldPair',
				id: 'jpcNextEngWf0003',
				example: 'next-engine/daily-order-export.json',
				name: 'Next Engine: old (rotated away) pair (e2e only)',
				credentials: { nextEngineApi: 'Next Engine account (old pair)' },
				replace: fixedDay,
				e2eOnly: true,
			},
			{
				key: 'keepAlive',
				id: 'jpcNextEngWf0006',
				example: 'next-engine/keep-pair-alive.json',
			},
			// n8n started as a server runs these (next-engine/server.mjs)
			{
				key: 'firstLogin',
				id: 'jpcNextEngWf0004',
				example: 'next-engine/first-login.json',
				credentials: { nextEngineApi: 'Next Engine App (client ID and secret)' },
				e2eOnly: true,
			},
			{
				key: 'companies',
				id: 'jpcNextEngWf0005',
				example: 'next-engine/companies-orders-rotate.json',
				credentials: { nextEngineApi: 'Next Engine App (client ID and secret)' },
				e2eOnly: true,
			},
		];
	},

	screenshot: { workflow: 'orders', node: ORDERS_NODE },

	summary(key, result) {
		if (key === 'orders') {
			const [summary] = result.items(ORDERS_NODE);
			return `${summary?.count} orders (count a ${typeof summary?.count}); the token pair stays in the credential`;
		}
		if (key === 'http')
			return `HTTP Request node: shops ${(result.items(HTTP_NODE)[0]?.data ?? []).map((shop) => shop.shop_name).join(', ')}`;
		return undefined;
	},

	// with n8n started as a server (`n8n start`): the trigger, first login, Data Tables
	serverChecks,
	serverDemo,

	async checks({ n8n, sim, plan, check }) {
		const wf = Object.fromEntries(plan.workflows.map((entry) => [entry.key, entry.id]));
		const credentialId = plan.credentials['Next Engine account'].id;
		const oldPairId = plan.credentials['Next Engine account (old pair)'].id;
		const rotations = async () => (await sim.state()).simulators.nextEngine.rotations;
		const pairChecks = () => sim.calls('nextEngine', 'login_user_info');
		const stored = async (id = credentialId) => (await n8n.exportCredentials())[id].data;
		const probe = (accessToken) => askWithAccessToken(plan.url, accessToken);
		const expectOrders = (run) => {
			assert.ok(run.ok, run.error?.message ?? run.output.slice(-2000));
			const [summary] = run.items(ORDERS_NODE);
			assert.equal(summary.count, ordersOnDay);
			assert.equal(summary.data.length, ordersOnDay);
			assert.ok(
				!('access_token' in summary) && !('refresh_token' in summary),
				'tokens in the output item',
			);
		};
		const seen = new Set([FIRST_PAIR.accessToken, FIRST_PAIR.refreshToken]);
		let pair;

		await check(
			`Next Engine node in n8n: the daily order export outputs the simulator's ${ordersOnDay} orders of one day, count a number`,
			async () => {
				const run = await n8n.execute(wf.orders);
				expectOrders(run);
				const [summary] = run.items(ORDERS_NODE);
				assert.equal(typeof summary.count, 'number');
				assert.deepEqual(
					summary.data.filter((order) => !order.receive_order_date.startsWith(DAY)),
					[],
				);
				assert.equal(await sim.calls('nextEngine', 'search'), 1);
			},
		);

		await check(
			'the first pair is checked once and stored with its end dates; a second execution reuses it (no rotation, no check)',
			async () => {
				assert.equal(await pairChecks(), 1);
				pair = await stored();
				assert.equal(pair.accessToken, FIRST_PAIR.accessToken);
				assert.equal(pair.refreshToken, FIRST_PAIR.refreshToken);
				assert.ok(
					Date.parse(pair.accessTokenExpiresAt) > Date.now(),
					`accessTokenExpiresAt ${pair.accessTokenExpiresAt}`,
				);
				assert.ok(pair.pairStoredAt, 'pairStoredAt');
				const run = await n8n.execute(wf.orders);
				expectOrders(run);
				assert.equal(await pairChecks(), 1);
				assert.equal(await rotations(), 0);
				assert.equal((await stored()).accessToken, FIRST_PAIR.accessToken);
			},
		);

		await check(
			'simulator clock +25 h only (n8n still thinks the token is fresh): Next Engine rotates inside the search answer, the node stores the new pair (persist-only pass), the old one is dead',
			async () => {
				await sim.advanceHours(25);
				const run = await n8n.execute(wf.orders);
				expectOrders(run);
				assert.equal(await rotations(), 1);
				const renewed = await stored();
				assert.ok(
					!seen.has(renewed.accessToken) && !seen.has(renewed.refreshToken),
					'a new pair is stored',
				);
				assert.equal(
					(await probe(renewed.accessToken)).result,
					'success',
					'the stored pair is the live one',
				);
				assert.equal((await probe(FIRST_PAIR.accessToken)).code, '002004');
				assert.equal(renewed.clientSecret, CLIENT_SECRET);
				pair = renewed;
				seen.add(pair.accessToken).add(pair.refreshToken);
			},
		);

		await check(
			'the rotated pair is used by the next execution: no further rotation, same pair stored',
			async () => {
				const run = await n8n.execute(wf.orders);
				expectOrders(run);
				assert.equal(await rotations(), 1);
				assert.equal((await stored()).accessToken, pair.accessToken);
			},
		);

		await check(
			"both clocks past the access-token end (+25 h, stored end date in the past): the credential's preAuthentication rotates once, n8n stores the new pair, the run succeeds",
			async () => {
				await sim.advanceHours(25);
				const current = await n8n.exportCredentials();
				const record = current[credentialId];
				record.data.accessTokenExpiresAt = new Date(Date.now() - 60_000).toISOString();
				record.data.pairStoredAt = new Date(Date.now() - 3_600_000).toISOString();
				await n8n.importCredentials([
					{ id: record.id, name: record.name, type: record.type, data: record.data },
				]);
				const checksBefore = await pairChecks();
				const run = await n8n.execute(wf.orders);
				expectOrders(run);
				assert.equal(await rotations(), 2);
				assert.equal(
					(await pairChecks()) - checksBefore,
					1,
					'one pair check (the rotation) before the search',
				);
				const renewed = await stored();
				assert.ok(
					!seen.has(renewed.accessToken) && !seen.has(renewed.refreshToken),
					'a new pair is stored',
				);
				assert.ok(
					Date.parse(renewed.accessTokenExpiresAt) > Date.now(),
					`accessTokenExpiresAt ${renewed.accessTokenExpiresAt}`,
				);
				assert.equal(
					(await probe(renewed.accessToken)).result,
					'success',
					'the stored pair is the live one',
				);
				assert.equal((await probe(pair.accessToken)).code, '002004');
				pair = renewed;
				seen.add(pair.accessToken).add(pair.refreshToken);
			},
		);

		await check('and the next execution uses that pair: no rotation, no pair check', async () => {
			const checksBefore = await pairChecks();
			const run = await n8n.execute(wf.orders);
			expectOrders(run);
			assert.equal(await rotations(), 2);
			assert.equal(await pairChecks(), checksBefore);
			assert.equal((await stored()).accessToken, pair.accessToken);
		});

		await check(
			`n8n's HTTP Request node with Predefined Credential Type Next Engine API searches the shops (its form field 'fields' kept) with the stored pair`,
			async () => {
				const run = await n8n.execute(wf.http);
				assert.ok(run.ok, run.error?.message ?? run.output.slice(-2000));
				const [answer] = run.items(HTTP_NODE);
				assert.equal(answer.result, 'success', JSON.stringify(answer)?.slice(0, 500));
				assert.deepEqual(
					answer.data.map((shop) => shop.shop_name),
					['Rakuten', 'Amazon', 'Yahoo'],
				);
				assert.equal(await rotations(), 2);
				assert.equal((await stored()).accessToken, pair.accessToken);
			},
		);

		await check(
			"a dead pair (rotated away) fails with Next Engine's own message telling the user to log in again; no token or client secret in n8n's output, the stored pair is not emptied",
			async () => {
				const run = await n8n.execute(wf.oldPair);
				assert.equal(run.ok, false, 'the execution should fail');
				const message = `${run.error?.message ?? ''} ${run.error?.description ?? ''}`;
				assert.match(
					message,
					/no longer valid/,
					JSON.stringify(run.error, null, 1)?.slice(0, 3000),
				);
				assert.match(message, /Log in again/);
				for (const secret of [CLIENT_SECRET, ...seen])
					assert.ok(!run.output.includes(secret), 'a secret appears in the output');
				const old = await stored(oldPairId);
				assert.equal(old.accessToken, FIRST_PAIR.accessToken);
				assert.equal(old.refreshToken, FIRST_PAIR.refreshToken);
			},
		);

		// last: it moves the simulator's clock until the pair has ended
		const checkPair = (run) => {
			assert.ok(run.ok, run.error?.message ?? run.output.slice(-2000));
			const [health] = run.items(KEEP_ALIVE_NODE);
			assert.equal(health.pair_alive, true, JSON.stringify(health));
			assert.ok(!/access_token"|refresh_token"/.test(JSON.stringify(health)), 'tokens in output');
			assert.equal(run.items(KEEP_ALIVE_ALERT).length, 0, 'the alert ran');
			return health;
		};
		await check(
			'keep-pair-alive.json: Check Token Pair reports the pair alive with its end dates in Japan time and hours left, no tokens, no alert',
			async () => {
				const health = checkPair(await n8n.execute(wf.keepAlive));
				assert.equal(health.renewed, false);
				assert.match(health.refresh_token_end_jst, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
				assert.ok(health.refresh_token_hours_left > 24, `${health.refresh_token_hours_left} h`);
			},
		);
		await check(
			'keep-pair-alive.json a day later (simulator clock +25 h): the check renews the pair and stores it, no alert',
			async () => {
				await sim.advanceHours(25);
				const before = (await stored()).accessToken;
				const health = checkPair(await n8n.execute(wf.keepAlive));
				assert.equal(health.renewed, true);
				const renewed = await stored();
				assert.notEqual(renewed.accessToken, before);
				assert.equal((await probe(renewed.accessToken)).result, 'success');
			},
		);
		await check(
			'keep-pair-alive.json after 4 idle days (+96 h): the execution fails and says when the pair ended and how to log in again',
			async () => {
				await sim.advanceHours(96);
				const run = await n8n.execute(wf.keepAlive);
				assert.equal(run.ok, false, 'the execution should fail');
				const message = `${run.error?.message ?? ''} ${run.error?.description ?? ''}`;
				assert.match(message, /Log in again/, JSON.stringify(run.error)?.slice(0, 2000));
				assert.match(message, /Japan time/);
				for (const secret of [CLIENT_SECRET, ...seen])
					assert.ok(!run.output.includes(secret), 'a secret appears in the output');
			},
		);
	},
};
