// Next Engine in n8n started as a server (`n8n start`, the owner logged in through the REST
// API): what `n8n execute` cannot show. The Next Engine Trigger polling by itself, the first
// login through the app's Redirect URI (a production webhook), and the companies' pairs kept in
// a Data Table. Used by next-engine.mjs (serverChecks) and the demo (serverDemo).
import assert from 'node:assert/strict';

import { executionItems } from '../../../../scripts/n8n/restApi.mjs';

export const TRIGGER_NODE = 'New orders';
/** A poll every minute: n8n's seeded second of each minute, so the first can be ~60 s away. */
const POLL_WAIT_MS = 75_000;
const NEW_ORDERS = 3;
const TABLE = 'next_engine_companies';
const TABLE_COLUMNS = [
	'company_id',
	'company_name',
	'access_token',
	'refresh_token',
	'access_token_end_date',
	'refresh_token_end_date',
	'last_error',
].map((name) => ({ name, type: 'string' }));

/** Next Engine Trigger (new orders, poll every minute) → No Operation, with one credential. */
export function ordersTriggerWorkflow(name, credential) {
	return {
		name,
		nodes: [
			{
				id: '5e0c1a2b-0001-4a7e-9b10-000000000001',
				name: TRIGGER_NODE,
				type: 'n8n-nodes-jp-connect.nextEngineTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					event: 'new',
					options: {},
				},
				credentials: { nextEngineApi: { id: credential.id, name: credential.name } },
			},
			{
				id: '5e0c1a2b-0002-4a7e-9b10-000000000002',
				name: 'Handle new orders',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [220, 0],
				parameters: {},
			},
		],
		connections: {
			[TRIGGER_NODE]: { main: [[{ node: 'Handle new orders', type: 'main', index: 0 }]] },
		},
	};
}

/**
 * Saves and activates the trigger workflow through the REST API, adds `count` orders to the
 * simulator and waits for the execution n8n starts by itself. Returns what happened.
 */
async function ordersArriveAtActiveTrigger({ rest, sim, credential, name, count = NEW_ORDERS }) {
	const saved = await rest.createWorkflow(ordersTriggerWorkflow(name, credential));
	const searchesBefore = await sim.calls('nextEngine', 'search');
	await rest.activate(saved.id);
	const activatedAt = Date.now();
	const searchesAtActivation = (await sim.calls('nextEngine', 'search')) - searchesBefore;
	const executionsAtActivation = await rest.executions(saved.id);
	const { ids } = await sim.control('POST', `/next-engine/orders?count=${count}`);
	const [ended] = await rest.waitForExecutions(saved.id, { count: 1, timeoutMs: POLL_WAIT_MS });
	const searches = (await sim.calls('nextEngine', 'search')) - searchesBefore;
	const execution = await rest.execution(ended.id);
	return {
		workflowId: saved.id,
		ids,
		searchesAtActivation,
		executionsAtActivation,
		searches,
		// n8n polls at one fixed second of every minute: 1 poll if it ran within 60 s of activation
		polls: 1 + Math.floor((Date.parse(execution.startedAt) - activatedAt) / 60_000),
		waitedMs: Date.parse(execution.startedAt) - activatedAt,
		execution,
		orders: executionItems(execution, TRIGGER_NODE),
	};
}

/** Next Engine's answer to an access token sent alone (no refresh token: it never rotates). */
export async function askWithAccessToken(url, accessToken) {
	const response = await fetch(`${url}/api_v1_login_user/info`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ access_token: accessToken }),
	});
	return await response.json();
}

/** Whether an access token is live. */
async function probe(url, accessToken) {
	return (await askWithAccessToken(url, accessToken)).result === 'success' ? 'live' : 'dead';
}

/** The checks of next-engine.mjs that need n8n started as a server. */
export async function serverChecks({ server, n8n, sim, plan, check, todo, runtime }) {
	const { rest } = server;
	const wf = Object.fromEntries(plan.workflows.map((entry) => [entry.key, entry.id]));
	const app = plan.credentials['Next Engine App (client ID and secret)'];
	/** Which of these secrets (and the client secret) appear in a text. */
	const leaked = (text, secrets = []) =>
		[app.data.clientSecret, ...secrets].filter((secret) => secret && text.includes(secret));
	let arrival;

	await check(
		`Next Engine Trigger (new orders, poll every minute) saved and activated through n8n's REST API: the activation poll starts from now (0 searches, no execution); ${NEW_ORDERS} new simulator orders → n8n runs the workflow by itself once with exactly those orders`,
		async () => {
			// a pair of its own, as after a first login: the CLI checks' pair is left alone
			const pair = await sim.control('POST', '/next-engine/pair');
			const credential = await rest.createCredential({
				name: 'Next Engine account (trigger)',
				type: 'nextEngineApi',
				data: {
					...app.data,
					accessToken: pair.access_token,
					refreshToken: pair.refresh_token,
				},
			});
			arrival = await ordersArriveAtActiveTrigger({
				rest,
				sim,
				credential,
				name: 'Next Engine: new orders every minute (server check)',
			});
			assert.equal(arrival.searchesAtActivation, 0, 'searches while activating');
			assert.deepEqual(arrival.executionsAtActivation, [], 'executions at activation');
			assert.equal(arrival.execution.mode, 'trigger');
			assert.equal(arrival.execution.status, 'success');
			assert.deepEqual(
				arrival.orders.map((order) => order.receive_order_id),
				arrival.ids,
				'the new orders, each once',
			);
			const output = JSON.stringify(arrival.execution.data);
			assert.deepEqual(leaked(output, [pair.access_token, pair.refresh_token]), [], 'secrets');
			assert.ok(!/access_token|refresh_token/.test(output), 'token fields in the execution');
			console.log(
				`     execution ${arrival.execution.id} started ${(arrival.waitedMs / 1000).toFixed(1)} s after activation with orders ${arrival.ids.join(', ')}`,
			);
		},
	);

	await check(
		'the trigger searched once per poll (no history read, one page for the new orders); deactivated, it stops',
		async () => {
			assert.ok(arrival, 'the trigger check above did not run');
			assert.equal(arrival.searches, arrival.polls, `searches in ${arrival.polls} poll(s)`);
			await rest.deactivate(arrival.workflowId);
			assert.equal((await rest.workflow(arrival.workflowId)).active, false);
		},
	);

	await check(
		`first login (examples/next-engine/first-login.json): the workflow activated, its production webhook called with the simulator's uid/state → "connected to" page, the new pair stored in the credential selected on Exchange Login (live, with its end dates), no token on the page`,
		async () => {
			await rest.activate(wf.firstLogin);
			const { uid, state } = await sim.control('POST', '/next-engine/login');
			const query = new URLSearchParams({ uid, state });
			const response = await fetch(`${server.webhookUrl}/next-engine-login?${query}`);
			const page = await response.text();
			const failure = async () => `${page.slice(0, 300)} ${await rest.lastFailure(wf.firstLogin)}`;
			assert.equal(response.status, 200, await failure());
			assert.match(page, /Next Engine is connected to Shop NE0001\./, await failure());
			assert.equal(await sim.calls('nextEngine', 'neauth'), 1);
			const stored = (await n8n.exportCredentials())[app.id].data;
			assert.equal(await probe(plan.url, stored.accessToken), 'live', 'the stored pair');
			assert.ok(stored.refreshToken, 'refresh token stored');
			for (const field of ['accessTokenExpiresAt', 'refreshTokenExpiresAt'])
				assert.ok(Date.parse(stored[field]) > Date.now(), `${field} ${stored[field]}`);
			assert.deepEqual(leaked(page, [stored.accessToken, stored.refreshToken]), []);
			await rest.deactivate(wf.firstLogin);
		},
	);

	const dataTables = await dataTablesUsable(rest, runtime);
	if (!dataTables.ok) {
		todo(
			'examples/next-engine/companies-orders-rotate.json in n8n started as a server',
			`skipped on n8n ${runtime.n8nVersion}: ${dataTables.reason}`,
		);
		return;
	}

	await check(
		"companies-orders-rotate.json (run as from the editor): a company's pair in a Data Table made through n8n's REST API; simulator clock +25 h, so Next Engine rotates the pair inside the search answer; the new orders found, the new pair written back to the table, the old one dead",
		async () => {
			const table = await rest.createDataTable(TABLE, TABLE_COLUMNS);
			const pair = await sim.control('POST', '/next-engine/pair');
			const company = {
				company_id: 'NE0001-ne',
				company_name: 'Shop NE0001',
				access_token: pair.access_token,
				refresh_token: pair.refresh_token,
				access_token_end_date: '',
				refresh_token_end_date: '',
				last_error: '',
			};
			await rest.insertDataTableRows(table.id, [company]);
			const rotationsBefore = (await sim.state()).simulators.nextEngine.rotations;
			await sim.advanceHours(25);
			const executionId = await rest.runManually(wf.companies, 'Every 6 Hours');
			const [ended] = await rest.waitForExecutions(wf.companies, {
				after: Number(executionId) - 1,
			});
			const execution = await rest.execution(ended.id);
			assert.equal(
				execution.status,
				'success',
				JSON.stringify(execution.data?.resultData?.error ?? {}).slice(0, 1000),
			);
			const [found] = executionItems(execution, 'Search New Orders');
			assert.equal(found.error, undefined, found.error);
			assert.equal(found.count, NEW_ORDERS, JSON.stringify(found).slice(0, 500));
			assert.equal(found.tokens_rotated, true);
			assert.equal((await sim.state()).simulators.nextEngine.rotations - rotationsBefore, 1);
			const [row] = await rest.dataTableRows(table.id);
			assert.notEqual(row.access_token, company.access_token, 'a new pair in the table');
			assert.equal(row.last_error, '');
			assert.equal(await probe(plan.url, row.access_token), 'live');
			assert.equal(await probe(plan.url, company.access_token), 'dead');
		},
	);
}

/** Whether this n8n can run the examples' Data Table nodes. */
async function dataTablesUsable(rest, runtime) {
	if (runtime.major < 2) {
		return {
			ok: false,
			reason: `its Data table node (version 1) finds a table by ID or from a list only; the examples name theirs (${TABLE}), which needs the node's version 1.1 (n8n 2.x)`,
		};
	}
	try {
		await rest.call('GET', `/projects/${await rest.personalProjectId()}/data-tables`);
		return { ok: true };
	} catch (error) {
		return { ok: false, reason: `no Data Tables in this n8n (${error.message.slice(0, 120)})` };
	}
}

/**
 * For the demo (n8n running as a server): the trigger workflow on the demo's Next Engine
 * credential, active, and its first execution on new simulator orders. Returns lines to print.
 */
export async function serverDemo({ server, sim, plan }) {
	const credential = plan.credentials['Next Engine account'];
	const arrival = await ordersArriveAtActiveTrigger({
		rest: server.rest,
		sim,
		credential,
		name: 'Next Engine: new orders every minute (trigger)',
	});
	return [
		`Next Engine Trigger: active workflow "${arrival.execution.workflowData?.name ?? arrival.workflowId}", polls every minute`,
		`${arrival.ids.length} new simulator orders (${arrival.ids.join(', ')}) → execution ${arrival.execution.id} ran by itself ${(arrival.waitedMs / 1000).toFixed(0)} s after activation with ${arrival.orders.length} orders:`,
		`${server.base}/workflow/${arrival.workflowId}/executions/${arrival.execution.id}`,
		`more orders: curl -X POST '${sim.controlUrl}/next-engine/orders?count=3' (the next poll runs it)`,
	];
}
