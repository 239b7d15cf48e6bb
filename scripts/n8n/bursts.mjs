// Bursts at token expiry in a queue-mode n8n (queueInstance.mjs): many webhook-started
// executions at once, all finding their credential's token due, counted from the simulators.
// The queue-mode suite (test/e2e/queue.mjs) and `npm run bench -- --queue` run them.
//
// One burst case = one provider credential used one way (the package's node; n8n's HTTP Request
// node with Predefined Credential Type; the same with the node's Retry On Fail setting on), with
// its own credential and its own workflow:
// Webhook (GET /webhook/burst-<case>) → the measured node. A round over several cases:
//   1. prime: one execution per case, so each credential holds a real token;
//   2. make every token due on both clocks: the simulators' clock moves past the token's end
//      (POST /clock/advance), and the stored end date is set in the past (export, edit, import),
//      as when a token really ends (n8n's clock and the provider's agree);
//   3. per case in turn: N executions at once (GET the webhook N times), wait until all ended,
//      read them from n8n's executions API and the simulator's counters.
import { randomUUID } from 'node:crypto';

import { sleep } from './host.mjs';
import { webhookNode } from './queueInstance.mjs';

const PACKAGE_NODE = (name) => `n8n-nodes-jp-connect.${name}`;
const PAST = '2000-01-01T00:00:00.000Z';
/** Past every token's end on the simulators: ROLLER 24 h, WAGRI 12 h, Next Engine access 1 day. */
export const EXPIRY_ADVANCE_HOURS = 25;

// test/simulators/*.ts defaults
const ROLLER = { userName: 'shop@example.jp', password: 'correct horse battery' };
const WAGRI = { clientId: 'wagri-client-0001', clientSecret: 'wagri-client-secret-value' };
const MAFF = { mail: 'farmer@example.jp', password: 'maff-issued-password' };
const NEXT_ENGINE = { clientId: 'ne-client-id-0001', clientSecret: 'ne-client-secret-very-secret' };

/** The ways a burst case calls the provider: WAYS[via] is its label. */
export const WAYS = {
	node: 'node',
	http: 'via HTTP Request node',
	httpRetry: 'via HTTP Request node, Retry On Fail',
};

/** n8n's own node settings "Retry On Fail" (3 tries, 1 s apart: n8n's defaults), set explicitly. */
const RETRY_ON_FAIL = { retryOnFail: true, maxTries: 3, waitBetweenTries: 1000 };

/**
 * Each way's credential of one provider must be a different account to the credentials'
 * in-process "renew once" guard; the simulators read paths only, so a query string (or a second
 * trailing slash, which the credentials strip) tells them apart.
 */
const WAGRI_TOKEN_PATHS = { node: '/Token', http: '/token', httpRetry: '/token?case=retry' };
const ROLLER_BASE_SUFFIXES = { node: '', http: '/', httpRetry: '//' };

const wagriData = (url, tokenPath = '/Token') => ({
	...WAGRI,
	tokenUrl: `${url}${tokenPath}`,
	tokenContentType: 'application/x-www-form-urlencoded',
	baseUrl: url,
	accessToken: '',
	accessExpiresAt: '',
});

/**
 * Per provider: the credential, how its token is made due, what counts as a login, and the
 * call measured through the package's node and through the HTTP Request node.
 * `renewals(calls, state)` → { label: count } of token-issuing calls in one burst.
 * `credential(url, { via, sim })`: the two credentials of a provider differ in a field that
 * makes them different accounts to the credentials' in-process "renew once" guard (a trailing
 * slash on the base URL, /token instead of /Token: the simulators take both), so one case never
 * reuses the other's login and each burst counts its own.
 */
export const BURST_PROVIDERS = {
	roller: {
		name: 'ROLLER',
		simulator: 'roller',
		type: 'rollerApi',
		credential: async (url, { via }) => ({
			...ROLLER,
			sessionLifetimeMinutes: 0,
			baseUrl: `${url}${ROLLER_BASE_SUFFIXES[via]}`,
			sessionToken: '',
			sessionExpiresAt: '',
		}),
		due: (data) => ({ ...data, sessionExpiresAt: PAST }),
		renewals: (calls) => ({ logins: calls.login ?? 0 }),
		node: { type: PACKAGE_NODE('roller'), parameters: { resource: 'account', operation: 'getMe' } },
		http: (url) => ({ method: 'GET', url: `${url}/account/me` }),
	},
	wagri: {
		name: 'WAGRI',
		simulator: 'wagri',
		type: 'wagriApi',
		credential: async (url, { via }) => wagriData(url, WAGRI_TOKEN_PATHS[via]),
		due: (data) => ({ ...data, accessExpiresAt: PAST }),
		renewals: (calls) => ({ 'token fetches': tokenFetches(calls) }),
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
		http: (url) => ({ method: 'GET', url: `${url}/API/Public/Sample/Crops` }),
	},
	maffApp: {
		name: 'MAFF APP',
		simulator: 'wagri',
		type: 'maffAppApi',
		credential: async (url, { via }) => ({
			...wagriData(url, WAGRI_TOKEN_PATHS[via]),
			...MAFF,
			loginUrl: `${url}/API/Individual/MAFFAPP/Users/Login`,
			loginLifetimeMinutes: 0,
			loginToken: '',
			loginExpiresAt: '',
		}),
		// the WAGRI token ends (12 h); the loginhash has no published end and stays
		due: (data) => ({ ...data, accessExpiresAt: PAST }),
		renewals: (calls) => ({
			'token fetches': tokenFetches(calls),
			'MAFF logins': calls.maffLogin ?? 0,
		}),
		node: {
			type: PACKAGE_NODE('wagri'),
			parameters: {
				resource: 'api',
				operation: 'request',
				authentication: 'maffAppApi',
				method: 'GET',
				path: '/API/Individual/MAFFAPP/Notices',
				options: { splitArrays: false },
			},
		},
		http: (url) => ({ method: 'GET', url: `${url}/API/Individual/MAFFAPP/Notices` }),
	},
	nextEngine: {
		name: 'Next Engine',
		simulator: 'nextEngine',
		type: 'nextEngineApi',
		// a rotation ends the previous pair already: there is no single-session round to run
		rotates: true,
		// each credential its own pair: a rotation by one would end a shared pair for the other
		credential: async (url, { sim }) => {
			const pair = await sim.control('POST', '/next-engine/pair');
			return {
				...NEXT_ENGINE,
				accessToken: pair.access_token,
				refreshToken: pair.refresh_token,
				baseUrl: url,
				pairStoredAt: '',
				accessTokenExpiresAt: '',
				refreshTokenExpiresAt: '',
			};
		},
		due: (data) => ({
			...data,
			accessTokenExpiresAt: PAST,
			pairStoredAt: new Date(Date.now() - 3_600_000).toISOString(),
		}),
		renewals: (_calls, state) => ({ rotations: state.rotations ?? 0 }),
		// Next Engine answers its errors with HTTP 200: through the HTTP Request node an execution
		// "succeeds" with `result: "error"` in its output, so the output decides
		failedAnswer: (json) => json?.result !== undefined && json.result !== 'success',
		node: {
			type: PACKAGE_NODE('nextEngine'),
			parameters: { resource: 'account', operation: 'getLoginCompany' },
		},
		http: (url) => ({ method: 'POST', url: `${url}/api_v1_login_company/info` }),
	},
};

/** WAGRI's token routes: the old /Token and the current /token (counted apart by the simulator). */
const tokenFetches = (calls) => (calls.token ?? 0) + (calls.wagri2Token ?? 0);

/**
 * Why some executions of n8n's plain HTTP Request node can fail at expiry with several workers,
 * whatever a credential does: that node reads the stored credential once, when its request
 * starts, and n8n hands the credential's preAuthentication nothing to read the store with. A
 * request that starts holding a token another worker is replacing can only log in itself (ending
 * the other worker's token, single session) or, for Next Engine, check a pair that the other
 * worker has just rotated away (Next Engine rotates a pair once). Only a new try of the node,
 * which reads the store again, gets the new token: the node's Retry On Fail. So these cases run
 * and print their figures as measured limits (not counted); the same cases with Retry On Fail on
 * are asserted (0 failed).
 */
const READS_STORE_ONCE =
	"n8n's HTTP Request node reads the credential once per request and a credential cannot read the store";

/** Known limits of the plain HTTP Request node (shared session), measured not counted. */
export const LIMIT_BURSTS = {
	'nextEngine-http': `${READS_STORE_ONCE}: when two workers check the due pair at once, the loser's executions fail with 'run again' (nothing lost: the winner stored the new pair; Retry On Fail recovers, asserted below)`,
};

/** Known limits of the plain HTTP Request node in single-session rounds, measured not counted. */
export const LIMIT_SINGLE_SESSION_BURSTS = Object.fromEntries(
	['roller-http', 'wagri-http', 'maffApp-http'].map((key) => [
		key,
		`${READS_STORE_ONCE}: workers that find the token due together each log in and end each other's token (Retry On Fail recovers, asserted below)`,
	]),
);

/**
 * The bounds asserted by the queue-mode suite: at most one login / token fetch per worker per
 * token lifetime (each process renews once for itself), Next Engine one rotation (a rotated-away
 * pair cannot rotate again). Through the package's node the workers also agree on one login
 * through the credential's renewal claim (nodes/shared/storedTokenRequest.ts): measured 1 in
 * nearly every burst, but the store has no compare-and-swap, so a worker whose claim is stored
 * late can win too; that is printed (the `logins` column), not asserted.
 */
export const BURST_BOUNDS = {
	/** most token-issuing calls of each kind in one burst, for `workers` workers */
	renewals: ({ provider, workers }) => (provider === 'nextEngine' ? 1 : workers),
	failed: 0,
};

let idCounter = 0;
const nodeId = () => `00000000-0000-4000-9000-${String(++idCounter).padStart(12, '0')}`;

function measuredNode(provider, via, url, credential) {
	const credentials = { [credential.type]: { id: credential.id, name: credential.name } };
	if (via === 'node') {
		return {
			id: nodeId(),
			name: `${provider.name} node`,
			type: provider.node.type,
			typeVersion: 1,
			position: [250, 0],
			parameters: provider.node.parameters,
			credentials,
		};
	}
	return {
		id: nodeId(),
		name: `HTTP Request (${provider.name} credential)`,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [250, 0],
		parameters: {
			authentication: 'predefinedCredentialType',
			nodeCredentialType: credential.type,
			options: {},
			...provider.http(url),
		},
		credentials,
		...(via === 'httpRetry' ? RETRY_ON_FAIL : {}),
	};
}

/**
 * The burst cases for these providers (keys of BURST_PROVIDERS) and ways (keys of WAYS):
 * [{ key, provider, via, label, credential, workflow, webhookPath }]. Credential and
 * workflow ids: jpcBurstCred00NN, jpcBurstWf0000NN.
 */
export async function burstCases({
	sim,
	providers = Object.keys(BURST_PROVIDERS),
	ways = Object.keys(WAYS),
}) {
	const cases = [];
	for (const providerKey of providers) {
		const provider = BURST_PROVIDERS[providerKey];
		const url = sim.urls[provider.simulator];
		for (const via of ways) {
			const key = `${providerKey}-${via}`;
			const number = String(cases.length + 1).padStart(2, '0');
			const credential = {
				id: `jpcBurstCred00${number}`,
				name: `Burst: ${provider.name} (${WAYS[via]})`,
				type: provider.type,
				data: await provider.credential(url, { via, sim }),
			};
			const webhookPath = `burst-${key}`;
			const webhook = webhookNode('Burst webhook', webhookPath, [0, 0]);
			const measured = measuredNode(provider, via, url, credential);
			const workflow = {
				id: `jpcBurstWf0000${number}`,
				name: `Burst: ${credential.name}`,
				nodes: [webhook, measured],
				connections: {
					[webhook.name]: { main: [[{ node: measured.name, type: 'main', index: 0 }]] },
				},
				settings: { executionOrder: 'v1' },
				active: true,
				pinData: {},
				tags: [],
				versionId: randomUUID(),
			};
			cases.push({
				key,
				providerKey,
				provider,
				via,
				label: `${provider.name} ${WAYS[via]}`,
				credential,
				workflow,
				webhookPath,
			});
		}
	}
	return cases;
}

function delta(after, before) {
	const result = {};
	for (const [key, value] of Object.entries(after ?? {}))
		if (value - (before?.[key] ?? 0)) result[key] = value - (before?.[key] ?? 0);
	return result;
}

/** The simulator's counters now: { calls, tokenRefusals, rotations }. */
async function countersOf(sim, simulator) {
	const state = (await sim.state()).simulators[simulator];
	return {
		calls: { ...(state?.calls ?? {}) },
		tokenRefusals: state?.tokenRefusals ?? 0,
		rotations: state?.rotations ?? 0,
	};
}

/** One execution of each case through its webhook, so each credential holds a real token. */
async function prime(n8n, cases) {
	for (const entry of cases) {
		const after = await n8n.lastExecutionId(entry.workflow.id);
		await n8n.callWebhook(entry.webhookPath);
		const [ended] = await n8n.waitForExecutions(entry.workflow.id, after, 1);
		entry.primed = ended.status === 'success';
	}
}

/** Stored end dates in the past (export, edit, import), then the simulators' clock past the end. */
async function makeDue(n8n, sim, cases) {
	const stored = await n8n.exportCredentials();
	await n8n.importCredentials(
		cases.map(({ credential, provider }) => {
			const { id, name, type, data } = stored[credential.id];
			return { id, name, type, data: provider.due(data) };
		}),
	);
	await sim.advanceHours(EXPIRY_ADVANCE_HOURS);
}

/** Executions that ended as success with an error answer in the measured node's output. */
async function failedAnswersOf(n8n, entry, ended) {
	const failed = new Map();
	if (!entry.provider.failedAnswer) return failed;
	const measured = entry.workflow.nodes.find((node) => !node.type.endsWith('.webhook')).name;
	for (const execution of ended.filter(({ status }) => status === 'success')) {
		const runData = (await n8n.execution(execution.id)).data?.resultData?.runData ?? {};
		const json = runData[measured]?.[0]?.data?.main?.[0]?.[0]?.json;
		if (entry.provider.failedAnswer(json))
			failed.set(
				String(execution.id),
				`answered result ${json.result}${json.code ? ` [code ${json.code}]` : ''}: ${json.message ?? ''}`,
			);
	}
	return failed;
}

/**
 * `size` executions of one case at once; resolves with what happened:
 * { executions, failed, statuses, renewals, tokenRefusals, seconds, perSecond, split, answers }.
 */
export async function fireBurst({ n8n, sim, stack, entry, size }) {
	const { simulator } = entry.provider;
	const after = await n8n.lastExecutionId(entry.workflow.id);
	const before = await countersOf(sim, simulator);
	const started = Date.now();
	const answers = await Promise.all(
		Array.from({ length: size }, () =>
			n8n.callWebhook(entry.webhookPath).catch((error) => ({ status: 0, text: error.message })),
		),
	);
	const ended = await n8n.waitForExecutions(entry.workflow.id, after, size);
	// from the first request to the last execution's end (n8n and this script share a clock)
	const lastStop = Math.max(...ended.map((execution) => Date.parse(execution.stoppedAt) || 0));
	const seconds = ((lastStop > started ? lastStop : Date.now()) - started) / 1000;
	// let the workers log the ends of the last executions
	await sleep(300);
	const afterCounters = await countersOf(sim, simulator);
	const calls = delta(afterCounters.calls, before.calls);
	const ids = new Set(ended.map((execution) => String(execution.id)));
	const failedIds = ended
		.filter((execution) => execution.status !== 'success')
		.map((execution) => String(execution.id));
	// what the failures said (the package's messages carry no secrets)
	const errors = {};
	const failedAnswers = await failedAnswersOf(n8n, entry, ended);
	for (const [id, message] of failedAnswers) {
		failedIds.push(id);
		errors[message] = (errors[message] ?? 0) + 1;
	}
	for (const id of failedIds.filter((id) => !failedAnswers.has(id)).slice(0, 3)) {
		const error = (await n8n.execution(id)).data?.resultData?.error;
		const message = error
			? `${error.message}${error.description ? ` — ${error.description}` : ''}`
			: 'no error recorded';
		errors[message] = (errors[message] ?? 0) + 1;
	}
	const statuses = {};
	for (const execution of ended) statuses[execution.status] = (statuses[execution.status] ?? 0) + 1;
	return {
		executions: ended.length,
		failed: failedIds.length,
		failedIds,
		errors,
		statuses,
		calls,
		renewals: entry.provider.renewals(calls, {
			rotations: afterCounters.rotations - before.rotations,
		}),
		tokenRefusals: afterCounters.tokenRefusals - before.tokenRefusals,
		seconds,
		perSecond: ended.length / seconds,
		split: stack.workers.map(
			(worker) => worker.finishedExecutions().filter((id) => ids.has(id)).length,
		),
		answers: answers.reduce((count, answer) => {
			count[answer.status] = (count[answer.status] ?? 0) + 1;
			return count;
		}, {}),
	};
}

/**
 * One round over `cases` (prime, make due, then a burst of `size` per case, one case after the
 * other). `singleSession`: the simulators' single-session switch is on for the round (cases
 * whose simulator has none are left out and listed in `unsupported`; Next Engine, whose
 * rotation ends the old pair anyway, is left out). `freshCredentials`: import the cases'
 * credentials again first, new Next Engine pairs included (a second round on the same stack,
 * or a round after other checks moved the simulators' clock).
 * Resolves with { results: [{ entry, ...fireBurst, limit }], unsupported: [entry] }; `limit` is
 * why a case is a measured limit (LIMIT_BURSTS), if it is one.
 */
export async function burstRound({
	n8n,
	sim,
	stack,
	cases,
	size = 20,
	singleSession = false,
	freshCredentials = false,
	log = () => {},
}) {
	let chosen = cases;
	const unsupported = [];
	const switched = new Set();
	if (singleSession) {
		chosen = [];
		for (const entry of cases.filter((candidate) => !candidate.provider.rotates)) {
			const { simulator } = entry.provider;
			if (await sim.hasSingleSession(simulator)) chosen.push(entry);
			else unsupported.push(entry);
		}
	}
	if (!chosen.length) return { results: [], unsupported };
	try {
		for (const entry of chosen) {
			if (singleSession && !switched.has(entry.provider.simulator)) {
				await sim.setSingleSession(entry.provider.simulator, true);
				switched.add(entry.provider.simulator);
			}
		}
		if (freshCredentials)
			await n8n.importCredentials(
				await Promise.all(
					chosen.map(async ({ credential, provider, via }) => ({
						...credential,
						data: await provider.credential(sim.urls[provider.simulator], { via, sim }),
					})),
				),
			);
		log(`priming ${chosen.length} credential(s) …`);
		await prime(n8n, chosen);
		log('making every token due (stored end in the past, simulator clock +25 h) …');
		await makeDue(n8n, sim, chosen);
		const results = [];
		for (const entry of chosen) {
			const started = Date.now();
			const result = await fireBurst({ n8n, sim, stack, entry, size });
			const limit = (singleSession ? LIMIT_SINGLE_SESSION_BURSTS : LIMIT_BURSTS)[entry.key];
			results.push({ entry, ...result, limit });
			log(
				`burst of ${size}: ${entry.label}${singleSession ? ' (single session)' : ''}: ${result.failed} failed, ${((Date.now() - started) / 1000).toFixed(1)}s`,
			);
		}
		return { results, unsupported };
	} finally {
		for (const simulator of switched) await sim.setSingleSession(simulator, false);
	}
}

const pad = (text, width) => String(text).padEnd(width);

/** The results as a Markdown table (printed by the suite, pasted by the bench). */
export function burstTable(rows) {
	const header = [
		'case',
		'workers',
		'session',
		'executions',
		'failed',
		'logins / token fetches / renewals',
		'calls with a stale token',
		'executions/s',
		'per worker',
	];
	const lines = rows.map((row) => [
		row.entry.label + (row.limit ? ' (limit)' : ''),
		row.workers,
		row.singleSession ? 'single' : 'shared',
		row.executions,
		row.failed,
		Object.entries(row.renewals)
			.map(([label, count]) => `${label}: ${count}`)
			.join(', '),
		row.tokenRefusals,
		row.perSecond.toFixed(1),
		row.split.join(' + '),
	]);
	const widths = header.map((title, column) =>
		Math.max(title.length, ...lines.map((line) => String(line[column]).length)),
	);
	const format = (cells) =>
		`| ${cells.map((cell, column) => pad(cell, widths[column])).join(' | ')} |`;
	return [
		format(header),
		`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
		...lines.map(format),
	].join('\n');
}
