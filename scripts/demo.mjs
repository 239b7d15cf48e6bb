// A real n8n (the newest tested 2.x, scripts/n8n/versions.mjs) with this package installed,
// against the local provider simulators.
//
//   npm run demo                 editor on http://localhost:5678 (login printed), Ctrl+C stops
//   npm run demo -- --run        instead: execute every example workflow once, print a summary
//   npm run demo -- --n8n 1      the same on the tested n8n 1.x (or --n8n <version>)
//   npm run demo -- --queue      the same on n8n in queue mode: main + 2 workers, PostgreSQL,
//                                Redis (with --run too); the editor's runs go to the workers
//   N8N_DEMO_PORT=5679 npm run demo
//
// The first time it installs n8n into $N8N_JP_CONNECT_CACHE (default ~/.cache/n8n-nodes-jp-connect):
// several minutes, with progress. Each run starts from a fresh n8n user folder.
import { rmSync } from 'node:fs';

import {
	buildAndPack,
	credentialRecord,
	ensureN8n,
	installPackage,
	loadProviders,
	makeUserFolder,
	N8nCli,
	n8nEnvironment,
	n8nVersionFromArgs,
	newestTested,
	OWNER_LOGIN,
	planImports,
	say,
	startQueueN8n,
	startServer,
	startSimulators,
} from './n8n/index.mjs';

const argv = process.argv.slice(2);
const runOnce = argv.includes('--run');
const queueMode = argv.includes('--queue');
const port = Number(process.env.N8N_DEMO_PORT || 5678);
const QUEUE_WORKERS = 2;

/** The providers' plans without what only the end-to-end suite imports. */
async function demoPlans(sim) {
	const { plans } = planImports(await loadProviders(), sim.urls);
	for (const plan of plans) {
		plan.workflows = plan.workflows.filter((entry) => !entry.e2eOnly);
		plan.credentials = Object.fromEntries(
			Object.entries(plan.credentials).filter(([, credential]) => !credential.e2eOnly),
		);
	}
	const credentials = plans
		.flatMap((plan) => Object.values(plan.credentials))
		.map(credentialRecord);
	const workflows = plans.flatMap((plan) => plan.workflows.map((entry) => entry.workflow));
	return { plans, credentials, workflows };
}

/** Imports the demo's credentials and example workflows (the e2e-only ones left out). */
export async function prepareDemoInstance({
	n8nVersion = newestTested(2),
	ephemeral = false,
	editorPort = port,
} = {}) {
	const runtime = await ensureN8n(n8nVersion);
	say(`n8n ${runtime.n8nVersion}`);
	const tarball = buildAndPack();
	const userFolder = makeUserFolder('jp-connect-demo-');
	installPackage(userFolder, tarball);
	const sim = await startSimulators({ ephemeral });
	const env = await n8nEnvironment(runtime, userFolder, {
		N8N_PORT: String(editorPort),
		N8N_SECURE_COOKIE: 'false',
	});
	const n8n = new N8nCli(runtime, env);
	const { plans, credentials, workflows } = await demoPlans(sim);
	say(`importing ${credentials.length} credentials and ${workflows.length} example workflows …`);
	await n8n.importCredentials(credentials);
	await n8n.importWorkflows(workflows);
	return { runtime, userFolder, sim, env, n8n, plans };
}

function genericSummary(result) {
	const runData = result.run?.data?.resultData?.runData ?? {};
	const last = result.run?.data?.resultData?.lastNodeExecuted;
	const items = last ? result.items(last) : [];
	return `${last}: ${items.length} item(s)${items[0] ? `, first: ${JSON.stringify(items[0]).slice(0, 160)}` : ''} (${Object.keys(runData).length} nodes ran)`;
}

/** Executes every example once, one line each; returns how many failed. */
async function runExamples(plans, n8n) {
	let failures = 0;
	for (const plan of plans) {
		for (const entry of plan.workflows) {
			const result = await n8n.execute(entry.id);
			const title = `${entry.workflow.name}  [examples/${entry.example}]`;
			if (!result.ok) {
				failures++;
				console.log(
					`✗ ${title}\n    ${result.error?.message ?? 'no result printed'}${result.error?.description ? ` — ${result.error.description}` : ''}`,
				);
				continue;
			}
			console.log(
				`✓ ${title}\n    ${plan.provider.summary?.(entry.key, result) ?? genericSummary(result)}`,
			);
		}
	}
	return failures;
}

function simulatorNote(sim) {
	return `The credentials point at the local
simulators (${Object.values(sim.urls).join(', ')}); the simulators' control API is
${sim.controlUrl} (GET /state for call counters, POST /clock/advance?hours=25 to age tokens).`;
}

/** The demo on n8n in queue mode: main + 2 workers on PostgreSQL and Redis. */
async function mainQueue() {
	const runtime = await ensureN8n(n8nVersionFromArgs(argv));
	say(`n8n ${runtime.n8nVersion} in queue mode (main + ${QUEUE_WORKERS} workers)`);
	const tarball = buildAndPack();
	const sim = await startSimulators({ ephemeral: false });
	let queue;
	const stop = async () => {
		await queue?.stop();
		await sim.stop();
	};
	try {
		const { plans, credentials, workflows } = await demoPlans(sim);
		queue = await startQueueN8n({
			runtime,
			tarball,
			workers: QUEUE_WORKERS,
			credentials,
			workflows,
			owner: OWNER_LOGIN,
			port: runOnce ? undefined : port,
			// "Execute workflow" in the editor runs on a worker too
			mainEnv: { OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true' },
		});
		if (runOnce) {
			const failures = await runExamples(plans, queue.n8n);
			await stop();
			process.exit(failures ? 1 : 0);
		}
	} catch (error) {
		await stop();
		throw error;
	}
	const { stack } = queue;
	console.log(`
n8n ${runtime.n8nVersion} is running in queue mode with n8n-nodes-jp-connect installed in every
process: main (editor, webhooks) + ${QUEUE_WORKERS} workers (concurrency 5), PostgreSQL ${stack.postgres.version}, Redis ${stack.redis.version}.

  Editor:    ${stack.baseUrl}
  E-mail:    ${OWNER_LOGIN.email}
  Password:  ${OWNER_LOGIN.password}

Workflows → open an example, then "Execute workflow" (a worker runs it), or call its webhook:
${Object.keys(queue.n8n.webhookPaths)
	.map((id) => `  ${stack.webhookUrl}/${queue.n8n.webhookPaths[id]}`)
	.join('\n')}
${simulatorNote(sim)}
Logs: ${stack.logDir}. Ctrl+C stops n8n, the workers, PostgreSQL, Redis and the simulators.`);
	const onSignal = () => {
		say('stopping …');
		void stop().finally(() => process.exit(0));
	};
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
}

async function main() {
	if (queueMode) return await mainQueue();
	const instance = await prepareDemoInstance({ n8nVersion: n8nVersionFromArgs(argv) });
	const cleanup = async () => {
		await instance.sim.stop();
		rmSync(instance.userFolder, { recursive: true, force: true });
	};

	if (runOnce) {
		const failures = await runExamples(instance.plans, instance.n8n);
		await cleanup();
		process.exit(failures ? 1 : 0);
	}

	let editor;
	try {
		editor = await startServer(instance, port);
	} catch (error) {
		await cleanup();
		throw error;
	}
	const stop = async () => {
		await editor.stop();
		await cleanup();
		process.exit(0);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
	console.log(`
n8n ${instance.runtime.n8nVersion} is running with n8n-nodes-jp-connect installed.

  Editor:    ${editor.base}
  E-mail:    ${OWNER_LOGIN.email}
  Password:  ${OWNER_LOGIN.password}

Workflows → open an example, then "Execute workflow". ${simulatorNote(instance.sim)}
`);
	await showServerDemos(instance, editor);
	console.log('\nCtrl+C stops n8n and the simulators.');
}

/**
 * What only a running n8n shows, printed as it happens: the providers' serverDemo (an active
 * trigger workflow and the execution it started by itself). A failure is printed; n8n keeps
 * running.
 */
async function showServerDemos(instance, editor) {
	for (const plan of instance.plans.filter((entry) => entry.provider.serverDemo)) {
		say(
			`${plan.provider.name}: activating its trigger workflow, adding orders, waiting for its run …`,
		);
		try {
			const lines = await plan.provider.serverDemo({ server: editor, sim: instance.sim, plan });
			console.log(`✓ ${lines.join('\n  ')}`);
		} catch (error) {
			console.log(`✗ ${plan.provider.name} trigger: ${error?.message ?? error}`);
		}
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	main().catch((error) => {
		console.error(error?.stack ?? error);
		process.exit(1);
	});
}
