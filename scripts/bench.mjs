// npm run bench: throughput and call economy of the package's nodes inside a real n8n (the one
// the end-to-end suite uses), against the provider simulators, measured side by side in one run.
//
//   npm run bench                          defaults below (a few minutes on 2 cores)
//   npm run bench -- --items 1000 --rows 100000 --runs 3 --parallel 8
//   npm run bench -- --only roller,wagri   some providers only
//   npm run bench -- --write               also writes the table into docs/benchmarks.md
//   npm run bench -- --n8n 2.40.7          another n8n than the newest tested 2.x
//   npm run bench -- --queue               queue mode, 1 to 3 workers (scripts/bench-queue.mjs)
//
// Per-item cases: one execution per case, whose workflow makes N items (Set + Split Out, no Code
// node) and hands them to R copies of the measured node, one branch each; node time is each
// copy's executionTime from the run data, the figure is the median. Every case has its own
// credential with no token stored, so the logins counted are those one execution needs.
// Return All cases: R executions each (a fresh credential each), one list node per execution.
// The raw loop is this process calling the same simulator over one keep-alive connection per
// concurrent request, with a token it fetched once: the limit for "one API call per item".
// Peak memory: VmHWM of the `n8n execute` process (/proc), which includes n8n's own start-up and
// the printing of the run data; the row "n8n baseline" is the same workflow without the node.
import { execSync, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

import {
	buildAndPack,
	credentialRecord,
	ensureN8n,
	installPackage,
	makeUserFolder,
	N8nCli,
	n8nEnvironment,
	n8nVersionFromArgs,
	parseRun,
	root,
	say,
	startSimulators,
} from './n8n/index.mjs';

const argv = process.argv.slice(2);
const flag = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const ITEMS = Number(flag('--items', 1000));
const ROWS = Number(flag('--rows', 100_000));
const RUNS = Number(flag('--runs', 3));
const PARALLEL = Number(flag('--parallel', 8));
const ONLY = flag('--only', '')?.split(',').filter(Boolean);
const WRITE = argv.includes('--write');
const KEEP = argv.includes('--keep');

// ---------------------------------------------------------------------------------------------
// What the simulators accept (test/simulators/*.ts defaults)
const ROLLER = { userName: 'shop@example.jp', password: 'correct horse battery' };
const SOCIAL_PLUS_KEY = 'sp-54d7503feb24aca8796c49b7517c0ffee';
const WAGRI = { clientId: 'wagri-client-0001', clientSecret: 'wagri-client-secret-value' };
const NE = { clientId: 'ne-client-id-0001', clientSecret: 'ne-client-secret-very-secret' };

const PACKAGE_NODE = (name) => `n8n-nodes-jp-connect.${name}`;

/** Credential data with no token stored: the first request of an execution logs in. */
const credentialData = {
	roller: (url) => ({
		...ROLLER,
		sessionLifetimeMinutes: 0,
		baseUrl: url,
		sessionToken: '',
		sessionExpiresAt: '',
	}),
	socialPlus: (url) => ({ apiKey: SOCIAL_PLUS_KEY, baseUrl: url }),
	wagri: (url) => ({
		...WAGRI,
		tokenUrl: `${url}/Token`,
		tokenContentType: 'application/x-www-form-urlencoded',
		baseUrl: url,
		accessToken: '',
		accessExpiresAt: '',
	}),
	nextEngine: (url, pair) => ({
		...NE,
		accessToken: pair.access_token,
		refreshToken: pair.refresh_token,
		baseUrl: url,
		pairStoredAt: '',
		accessTokenExpiresAt: '',
		refreshTokenExpiresAt: '',
	}),
};

const CREDENTIAL_TYPE = {
	roller: 'rollerApi',
	socialPlus: 'socialPlusApi',
	wagri: 'wagriApi',
	nextEngine: 'nextEngineApi',
};
const PROVIDER_NAME = {
	roller: 'ROLLER',
	socialPlus: 'Social PLUS',
	wagri: 'WAGRI',
	nextEngine: 'Next Engine',
};

/** Per provider: the per-item call (raw loop, package node, HTTP Request node) and its route. */
const PER_ITEM = {
	roller: {
		what: 'Get Me (`GET /account/me`)',
		route: 'me',
		node: { type: PACKAGE_NODE('roller'), parameters: { resource: 'account', operation: 'getMe' } },
		http: (url) => ({ url: `${url}/account/me` }),
	},
	socialPlus: {
		what: 'Get Attributes (`GET /api/user_attribute`)',
		route: 'user_attribute',
		node: {
			type: PACKAGE_NODE('socialPlus'),
			parameters: {
				resource: 'user',
				operation: 'getAttributes',
				userIdType: 'primaryKey',
				primaryKey: 'user_123',
				output: 'user',
			},
		},
		http: (url) => ({
			url: `${url}/api/user_attribute`,
			sendQuery: true,
			queryParameters: { parameters: [{ name: 'primary_key', value: 'user_123' }] },
		}),
	},
	wagri: {
		what: 'API Request (`GET /API/Public/Sample/Crops`)',
		route: 'crops',
		node: {
			type: PACKAGE_NODE('wagri'),
			parameters: {
				resource: 'api',
				operation: 'request',
				authentication: 'wagriApi',
				method: 'GET',
				path: '/API/Public/Sample/Crops',
				options: { splitArrays: false },
			},
		},
		http: (url) => ({ url: `${url}/API/Public/Sample/Crops` }),
	},
	nextEngine: {
		what: 'Get Login Company (`POST /api_v1_login_company/info`)',
		route: 'login_company_info',
		node: {
			type: PACKAGE_NODE('nextEngine'),
			parameters: { resource: 'account', operation: 'getLoginCompany' },
		},
		http: (url) => ({ url: `${url}/api_v1_login_company/info`, method: 'POST' }),
	},
};

/** Return All over the large lists. */
const LISTS = {
	nextEngine: {
		what: 'Search orders, Return All (`receiveorder_base`, pages of 10,000)',
		route: 'search',
		node: {
			type: PACKAGE_NODE('nextEngine'),
			parameters: {
				resource: 'entity',
				operation: 'search',
				entity: 'receiveorder_base',
				fields: 'receive_order_id,receive_order_date,receive_order_total_amount',
				returnAll: true,
			},
		},
	},
	roller: {
		what: 'Get Many receipts, Return All (pages of 1,000)',
		route: 'receipts',
		node: {
			type: PACKAGE_NODE('roller'),
			parameters: {
				resource: 'receipt',
				operation: 'getAll',
				organizationId: { __rl: true, mode: 'id', value: 'org-1' },
				returnAll: true,
				filters: {},
				options: {},
			},
		},
	},
	socialPlus: {
		what: 'Get Many users, Return All (pages of 100)',
		route: 'users',
		node: {
			type: PACKAGE_NODE('socialPlus'),
			parameters: {
				resource: 'user',
				operation: 'getAll',
				returnAll: true,
				filters: {},
				options: {},
			},
		},
	},
};

// ---------------------------------------------------------------------------------------------
// Raw keep-alive loop

function rawClient(baseUrl, concurrency, keepAlive = true) {
	const agent = new http.Agent({ keepAlive, maxSockets: concurrency });
	const { hostname, port } = new URL(baseUrl);
	return {
		request: ({ method = 'GET', path: requestPath, headers = {}, body }) =>
			new Promise((resolve, reject) => {
				const request = http.request(
					{ agent, hostname, port, method, path: requestPath, headers },
					(response) => {
						const chunks = [];
						response.on('data', (chunk) => chunks.push(chunk));
						response.on('end', () => {
							const text = Buffer.concat(chunks).toString('utf8');
							if (response.statusCode >= 400)
								reject(new Error(`${method} ${requestPath}: HTTP ${response.statusCode} ${text}`));
							else resolve(JSON.parse(text));
						});
					},
				);
				request.on('error', reject);
				request.end(body);
			}),
		close: () => agent.destroy(),
	};
}

const form = (fields) => ({
	headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
	body: new URLSearchParams(fields).toString(),
});

/** Logs in once (as the credential would) and returns the per-item request. */
async function rawCall(provider, client, url, sim) {
	if (provider === 'roller') {
		const body = JSON.stringify({ userName: ROLLER.userName, password: ROLLER.password });
		const { token } = await client.request({
			method: 'POST',
			path: '/account/login',
			headers: { 'content-type': 'application/json', accept: 'application/json' },
			body,
		});
		return {
			path: '/account/me',
			headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
		};
	}
	if (provider === 'socialPlus') {
		return {
			path: `/api/user_attribute?primary_key=user_123&key=${SOCIAL_PLUS_KEY}`,
			headers: { accept: 'application/json' },
		};
	}
	if (provider === 'wagri') {
		const answer = await client.request({
			method: 'POST',
			path: '/Token',
			...form({
				grant_type: 'client_credentials',
				client_id: WAGRI.clientId,
				client_secret: WAGRI.clientSecret,
			}),
		});
		return {
			path: '/API/Public/Sample/Crops',
			headers: { 'x-authorization': answer.access_token, accept: 'application/json' },
		};
	}
	const pair = await sim.control('POST', '/next-engine/pair');
	void url;
	return {
		method: 'POST',
		path: '/api_v1_login_company/info',
		...form({ access_token: pair.access_token, refresh_token: pair.refresh_token }),
	};
}

async function rawLoop(provider, url, sim, concurrency, keepAlive = true) {
	const client = rawClient(url, concurrency, keepAlive);
	const call = await rawCall(provider, client, url, sim);
	const rates = [];
	for (let run = 0; run < RUNS; run++) {
		let next = 0;
		const started = process.hrtime.bigint();
		const worker = async () => {
			while (next++ < ITEMS) await client.request(call);
		};
		await Promise.all(Array.from({ length: concurrency }, worker));
		const ms = Number(process.hrtime.bigint() - started) / 1e6;
		rates.push((ITEMS / ms) * 1000);
	}
	client.close();
	return median(rates);
}

// ---------------------------------------------------------------------------------------------
// Workflows

const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

let idCounter = 0;
const newId = (prefix) => `${prefix}${String(++idCounter).padStart(16 - prefix.length, '0')}`;

function node(name, type, typeVersion, parameters, position, extra = {}) {
	return {
		id: `00000000-0000-4000-8000-${String(++idCounter).padStart(12, '0')}`,
		name,
		type,
		typeVersion,
		parameters,
		position,
		...extra,
	};
}

/** Trigger → Set (N numbers) → Split Out → R copies of the measured node, one branch each. */
function perItemWorkflow({ name, measured, copies, items }) {
	const nodes = [
		node('Run now', 'n8n-nodes-base.manualTrigger', 1, {}, [0, 0]),
		node(
			'Numbers',
			'n8n-nodes-base.set',
			3.4,
			{
				mode: 'raw',
				jsonOutput: JSON.stringify({ n: Array.from({ length: items }, (_, index) => index) }),
				options: {},
			},
			[200, 0],
		),
		node('Items', 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: 'n', options: {} }, [400, 0]),
	];
	const targets = [];
	for (let copy = 1; copy <= copies; copy++) {
		const copyNode = measured(`Measured ${copy}`, [650, copy * 200]);
		nodes.push(copyNode);
		targets.push({ node: copyNode.name, type: 'main', index: 0 });
	}
	return workflow(name, nodes, {
		'Run now': { main: [[{ node: 'Numbers', type: 'main', index: 0 }]] },
		Numbers: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
		...(targets.length ? { Items: { main: [targets] } } : {}),
	});
}

function listWorkflow({ name, measured }) {
	const nodes = [
		node('Run now', 'n8n-nodes-base.manualTrigger', 1, {}, [0, 0]),
		measured('Measured 1', [250, 0]),
	];
	return workflow(name, nodes, {
		'Run now': { main: [[{ node: 'Measured 1', type: 'main', index: 0 }]] },
	});
}

function workflow(name, nodes, connections) {
	return {
		id: newId('jpcBench'),
		name,
		nodes,
		connections,
		// executions are not stored: the figures are the node's, not the database's
		settings: {
			executionOrder: 'v1',
			saveDataSuccessExecution: 'none',
			saveDataErrorExecution: 'all',
			saveManualExecutions: false,
		},
		active: false,
		pinData: {},
		tags: [],
	};
}

const packageNode =
	(definition, credential, extraParameters = {}) =>
	(name, position) =>
		node(
			name,
			definition.type,
			1,
			{
				...definition.parameters,
				...extraParameters,
				options: { ...(definition.parameters.options ?? {}), ...(extraParameters.options ?? {}) },
			},
			position,
			{
				credentials: { [credential.type]: { id: credential.id, name: credential.name } },
			},
		);

const httpRequestNode = (definition, credential) => (name, position) =>
	node(
		name,
		'n8n-nodes-base.httpRequest',
		4.2,
		{
			authentication: 'predefinedCredentialType',
			nodeCredentialType: credential.type,
			options: {},
			...definition,
		},
		position,
		{
			credentials: { [credential.type]: { id: credential.id, name: credential.name } },
		},
	);

// ---------------------------------------------------------------------------------------------
// Running

/**
 * `n8n execute --id` with its output going to a file, not a pipe: its large run-data print is
 * then written synchronously and survives the segfault n8n sometimes has on exit. Polls the
 * process's VmHWM (peak resident memory) meanwhile.
 */
function executeWithPeakMemory(n8n, workflowId) {
	const dir = mkdtempSync(path.join(n8n.workDir, 'execute-'));
	const outFile = path.join(dir, 'out.txt');
	const errFile = path.join(dir, 'err.txt');
	const out = openSync(outFile, 'w');
	const err = openSync(errFile, 'w');
	return new Promise((resolve) => {
		// BENCH_CPU_PROFILE_DIR=<dir>: a V8 CPU profile of every n8n process, to see where time goes
		const profile = process.env.BENCH_CPU_PROFILE_DIR
			? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE_DIR}`]
			: [];
		const child = spawn(
			n8n.runtime.nodeBinary,
			[...profile, n8n.runtime.n8nEntry, 'execute', `--id=${workflowId}`],
			{ env: n8n.env, stdio: ['ignore', out, err] },
		);
		let peakKb = 0;
		const poll = setInterval(() => {
			try {
				const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
				if (match) peakKb = Math.max(peakKb, Number(match[1]));
			} catch {
				// the process has ended
			}
		}, 50);
		const timer = setTimeout(() => child.kill('SIGKILL'), 600_000);
		child.on('close', (code, signal) => {
			clearInterval(poll);
			clearTimeout(timer);
			closeSync(out);
			closeSync(err);
			const stdout = readFileSync(outFile, 'utf8');
			const stderr = readFileSync(errFile, 'utf8');
			rmSync(dir, { recursive: true, force: true });
			const run = parseRun(stdout);
			resolve({
				run,
				exit: code ?? signal,
				output: `${stdout.slice(-3000)}\n${stderr.slice(-3000)}`,
				peakMb: peakKb / 1024,
			});
		});
	});
}

/** Calls per route, and TCP connections under the pseudo-route "(connections)". */
async function counters(sim, simulator) {
	const state = (await sim.state()).simulators[simulator];
	return { ...(state?.calls ?? {}), '(connections)': state?.connections ?? 0 };
}

function difference(after, before) {
	const result = {};
	for (const [route, count] of Object.entries(after))
		if (count - (before[route] ?? 0)) result[route] = count - (before[route] ?? 0);
	return result;
}

async function execute(n8n, sim, simulator, workflowId) {
	const before = await counters(sim, simulator);
	const result = await executeWithPeakMemory(n8n, workflowId);
	const error = result.run?.data?.resultData?.error;
	if (!result.run || error)
		throw new Error(
			`workflow ${workflowId} failed (exit ${result.exit}): ${error?.message ?? ''}\n${result.output}`,
		);
	const calls = difference(await counters(sim, simulator), before);
	return { runData: result.run.data.resultData.runData, calls, peakMb: result.peakMb };
}

const nodeRuns = (runData) =>
	Object.entries(runData)
		.filter(([name]) => name.startsWith('Measured '))
		.map(([, [run]]) => ({ ms: run.executionTime, items: run.data?.main?.[0]?.length ?? 0 }));

function machine() {
	const cpus = os.cpus();
	const runtime = (binary) => execSync(`${binary} --version`, { encoding: 'utf8' }).trim();
	return {
		cpu: `${cpus.length} × ${cpus[0]?.model?.trim()}`,
		memoryGb: (os.totalmem() / 1024 ** 3).toFixed(1),
		kernel: `${os.type()} ${os.release()}`,
		runtime,
	};
}

async function main() {
	const started = Date.now();
	const runtime = await ensureN8n(n8nVersionFromArgs(argv));
	const host = machine();
	const nodeVersion = host.runtime(runtime.nodeBinary);
	const tarball = buildAndPack();
	const userFolder = makeUserFolder('jp-connect-bench-');
	installPackage(userFolder, tarball);
	const sizeArgs = [
		'--roller-receipts',
		String(ROWS),
		'--social-plus-users',
		String(ROWS),
		'--next-engine-orders',
		String(ROWS),
	];
	const sim = await startSimulators({ ephemeral: true, extraArgs: sizeArgs });
	const n8n = new N8nCli(runtime, await n8nEnvironment(runtime, userFolder));
	const providers = Object.keys(PER_ITEM).filter(
		(provider) => !ONLY?.length || ONLY.includes(provider),
	);
	say(
		`bench: n8n ${runtime.n8nVersion} on Node ${nodeVersion}, ${ITEMS} items × ${RUNS} runs, lists of ${ROWS} rows, parallel ${PARALLEL}; providers ${providers.join(', ')}`,
	);

	// Plan every case, then import all credentials and workflows with one CLI call each.
	const credentials = [];
	const workflows = [];
	const cases = [];
	const newCredential = async (provider, label) => {
		const url = sim.urls[provider];
		const pair =
			provider === 'nextEngine' ? await sim.control('POST', '/next-engine/pair') : undefined;
		const credential = {
			id: newId('jpcBenchCred'),
			name: `${PROVIDER_NAME[provider]} bench ${label}`,
			type: CREDENTIAL_TYPE[provider],
			data: credentialData[provider](url, pair),
		};
		credentials.push(credential);
		return credential;
	};
	const baseline = perItemWorkflow({
		name: 'bench: n8n baseline (items only)',
		copies: 0,
		items: ITEMS,
		measured: () => undefined,
	});
	workflows.push(baseline);

	for (const provider of providers) {
		const definition = PER_ITEM[provider];
		const url = sim.urls[provider];
		const variants = [
			{
				label: 'HTTP Request node',
				kind: 'http',
				measured: (credential) => httpRequestNode(definition.http(url), credential),
			},
			{
				label: 'package node, sequential',
				kind: 'node',
				measured: (credential) => packageNode(definition.node, credential),
			},
			{
				label: `package node, Parallel Requests ${PARALLEL}`,
				kind: 'node',
				parallel: PARALLEL,
				measured: (credential) =>
					packageNode(definition.node, credential, { options: { parallelRequests: PARALLEL } }),
			},
		];
		for (const variant of variants) {
			const credential = await newCredential(provider, variant.label);
			const wf = perItemWorkflow({
				name: `bench: ${PROVIDER_NAME[provider]} ${variant.label}`,
				copies: RUNS,
				items: ITEMS,
				measured: variant.measured(credential),
			});
			workflows.push(wf);
			cases.push({
				type: 'item',
				provider,
				label: variant.label,
				kind: variant.kind,
				workflowIds: [wf.id],
				route: definition.route,
			});
		}
	}
	for (const provider of Object.keys(LISTS).filter((name) => providers.includes(name))) {
		const definition = LISTS[provider];
		const workflowIds = [];
		for (let run = 1; run <= RUNS; run++) {
			const credential = await newCredential(provider, `list ${run}`);
			const wf = listWorkflow({
				name: `bench: ${PROVIDER_NAME[provider]} Return All ${run}`,
				measured: packageNode(definition.node, credential),
			});
			workflows.push(wf);
			workflowIds.push(wf.id);
		}
		cases.push({
			type: 'list',
			provider,
			label: definition.what,
			kind: 'list',
			workflowIds,
			route: definition.route,
		});
	}
	await n8n.importCredentials(credentials.map(credentialRecord));
	await n8n.importWorkflows(workflows);

	const rows = [];
	say('bench: n8n baseline (start-up + items, no provider node)');
	const base = await execute(n8n, sim, 'roller', baseline.id);
	const baselineMb = base.peakMb;

	const raw = {};
	for (const provider of providers) {
		say(`bench: raw loop ${PROVIDER_NAME[provider]}`);
		raw[provider] = {
			sequential: await rawLoop(provider, sim.urls[provider], sim, 1),
			parallel: await rawLoop(provider, sim.urls[provider], sim, PARALLEL),
			newConnections: await rawLoop(provider, sim.urls[provider], sim, 1, false),
		};
		rows.push({
			type: 'item',
			provider,
			label: 'raw keep-alive loop, sequential (the limit)',
			itemsPerSecond: raw[provider].sequential,
			apiCallsPerItem: 1,
			logins: 1,
			connections: 1,
		});
		rows.push({
			type: 'item',
			provider,
			label: `raw keep-alive loop, ${PARALLEL} concurrent`,
			itemsPerSecond: raw[provider].parallel,
			apiCallsPerItem: 1,
			logins: 1,
			connections: PARALLEL,
		});
		// what n8n 2.40.7's HTTP layer does: a new TCP connection for every request
		rows.push({
			type: 'item',
			provider,
			label: 'raw loop, sequential, a new connection per call',
			itemsPerSecond: raw[provider].newConnections,
			apiCallsPerItem: 1,
			logins: 1,
			connections: ITEMS + 1,
		});
	}

	for (const entry of cases) {
		say(`bench: ${PROVIDER_NAME[entry.provider]} ${entry.label}`);
		const measurements = [];
		for (const workflowId of entry.workflowIds)
			measurements.push(await execute(n8n, sim, entry.provider, workflowId));
		const runs = measurements.flatMap((measurement) => nodeRuns(measurement.runData));
		const nodeMs = median(runs.map((run) => run.ms));
		const apiCalls = measurements.reduce(
			(sum, measurement) => sum + (measurement.calls[entry.route] ?? 0),
			0,
		);
		const otherCalls = measurements.map((measurement) =>
			Object.entries(measurement.calls)
				.filter(([route]) => route !== entry.route && route !== '(connections)')
				.reduce((sum, [, count]) => sum + count, 0),
		);
		const peakMb = Math.max(...measurements.map((measurement) => measurement.peakMb));
		if (entry.type === 'item') {
			rows.push({
				type: 'item',
				provider: entry.provider,
				label: entry.label,
				kind: entry.kind,
				nodeMs,
				itemsPerSecond: (ITEMS / nodeMs) * 1000,
				apiCallsPerItem: apiCalls / (ITEMS * RUNS),
				logins: Math.max(...otherCalls),
				connections: Math.max(
					...measurements.map((measurement) => measurement.calls['(connections)'] ?? 0),
				),
				otherCalls: measurements.map((measurement) => measurement.calls),
				peakMb,
			});
		} else {
			const outputItems = median(runs.map((run) => run.items));
			rows.push({
				type: 'list',
				provider: entry.provider,
				label: entry.label,
				nodeMs,
				rows: outputItems,
				itemsPerSecond: (outputItems / nodeMs) * 1000,
				apiCallsPerExecution: apiCalls / measurements.length,
				logins: Math.max(...otherCalls),
				otherCalls: measurements.map((measurement) => measurement.calls),
				peakMb,
			});
		}
	}
	await sim.stop();
	if (!KEEP) rmSync(userFolder, { recursive: true, force: true });

	const report = render({
		rows,
		raw,
		baselineMb,
		host,
		nodeVersion,
		runtime,
		seconds: (Date.now() - started) / 1000,
	});
	process.stdout.write(`${report}\n`);
	if (WRITE) writeBenchmarks(report);
}

// ---------------------------------------------------------------------------------------------
// Output

const fixed = (value, digits = 0) =>
	value === undefined || Number.isNaN(value)
		? '–'
		: value.toLocaleString('en-US', {
				minimumFractionDigits: digits,
				maximumFractionDigits: digits,
			});

function render({ rows, raw, baselineMb, host, nodeVersion, runtime, seconds }) {
	const lines = [];
	lines.push(
		`Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${host.cpu}, ${host.memoryGb} GB RAM, ${host.kernel}; n8n ${runtime.n8nVersion} on Node ${nodeVersion}; whole bench ${fixed(seconds)} s.`,
	);
	lines.push(
		`Per-item cases: ${ITEMS.toLocaleString('en-US')} items, median of ${RUNS} runs; lists: ${ROWS.toLocaleString('en-US')} rows seeded, median of ${RUNS} executions. Parallel = ${PARALLEL}.`,
	);
	lines.push('');
	lines.push(
		'| Provider | What | items/s | × raw loop (sequential) | × HTTP Request node | API calls per item | logins / token fetches per execution | TCP connections per execution | peak RSS of n8n (MB) |',
	);
	lines.push('|---|---|--:|--:|--:|--:|--:|--:|--:|');
	for (const provider of Object.keys(raw)) {
		const providerRows = rows.filter((row) => row.provider === provider && row.type === 'item');
		const httpRow = providerRows.find((row) => row.kind === 'http');
		for (const row of providerRows) {
			const what = row.kind ? `${PER_ITEM[provider].what}: ${row.label}` : row.label;
			lines.push(
				`| ${PROVIDER_NAME[provider]} | ${what} | ${fixed(row.itemsPerSecond)} | ${fixed(row.itemsPerSecond / raw[provider].sequential, 2)} | ${httpRow ? fixed(row.itemsPerSecond / httpRow.itemsPerSecond, 2) : '–'} | ${fixed(row.apiCallsPerItem, 3)} | ${fixed(row.logins)} | ${fixed(row.connections)} | ${row.peakMb ? fixed(row.peakMb) : '–'} |`,
			);
		}
	}
	const lists = rows.filter((row) => row.type === 'list');
	if (lists.length) {
		lines.push('');
		lines.push(
			'| Provider | Return All | rows | rows/s | node time (s) | API calls per execution | logins / token fetches per execution | peak RSS of n8n (MB) | over baseline per 1,000 rows (MB) |',
		);
		lines.push('|---|---|--:|--:|--:|--:|--:|--:|--:|');
		for (const row of lists) {
			lines.push(
				`| ${PROVIDER_NAME[row.provider]} | ${row.label} | ${fixed(row.rows)} | ${fixed(row.itemsPerSecond)} | ${fixed(row.nodeMs / 1000, 2)} | ${fixed(row.apiCallsPerExecution)} | ${fixed(row.logins)} | ${fixed(row.peakMb)} | ${fixed(((row.peakMb - baselineMb) / row.rows) * 1000, 2)} |`,
			);
		}
	}
	lines.push('');
	lines.push(
		`n8n baseline (same \`n8n execute\`, items only, no provider node): peak RSS ${fixed(baselineMb)} MB.`,
	);
	const others = rows
		.filter((row) => row.otherCalls)
		.map(
			(row) =>
				`${PROVIDER_NAME[row.provider]} ${row.label}: ${row.otherCalls.map((calls) => JSON.stringify(calls)).join(' ')}`,
		);
	lines.push('');
	lines.push('<details><summary>Simulator calls per execution, by route</summary>');
	lines.push('');
	for (const line of others) lines.push(`- ${line}`);
	lines.push('');
	lines.push('</details>');
	return lines.join('\n');
}

const BEGIN = '<!-- bench:begin -->';
const END = '<!-- bench:end -->';

function writeBenchmarks(report) {
	const file = path.join(root, 'docs', 'benchmarks.md');
	const text = readFileSync(file, 'utf8');
	const start = text.indexOf(BEGIN);
	const end = text.indexOf(END);
	if (start < 0 || end < 0) throw new Error(`${file} needs the markers ${BEGIN} and ${END}`);
	writeFileSync(file, `${text.slice(0, start + BEGIN.length)}\n${report}\n${text.slice(end)}`);
	say(`bench: table written to ${path.relative(root, file)}`);
}

const benchmark = argv.includes('--queue')
	? import('./bench-queue.mjs').then(({ benchQueue }) => benchQueue(argv))
	: main();
benchmark.catch((error) => {
	process.stderr.write(`bench failed: ${error?.stack ?? error}\n`);
	process.exit(1);
});
