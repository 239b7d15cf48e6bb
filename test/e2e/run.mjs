// The end-to-end suite: the packed package inside a real n8n, against the provider simulators.
//
//   npm run test:e2e                    the newest tested n8n 2.x (scripts/n8n/versions.mjs) on
//                                       Node 24, installed once into the cache
//   npm run test:e2e -- --n8n 1         the tested n8n 1.x on this machine's Node 20
//   npm run test:e2e -- --n8n 2.40.7    any exact n8n version (installed on first use)
//   npm run test:e2e -- --only roller   only some provider files (test/e2e/providers/<name>.mjs)
//   npm run test:e2e -- --keep          keep the n8n user folder for a look afterwards
//   npm run test:e2e -- --queue         the same checks on n8n in queue mode, plus bursts at
//                                       token expiry (test/e2e/queue.mjs)
//
// The provider files' `checks` drive n8n's CLI (`n8n execute`); then, for the providers with
// `serverChecks`, the same instance is started as a server (`n8n start`, the owner logged in
// through its REST API) for what only a running n8n does: polling triggers, production webhooks,
// Data Tables.
//
// Each check counts as one; the last line is exactly `e2e: N passed, M failed` (scripts/check.mjs
// reads it) and the exit status is non-zero when anything failed.
import { rmSync } from 'node:fs';
import path from 'node:path';

import {
	buildAndPack,
	credentialRecord,
	ensureN8n,
	freePort,
	installPackage,
	loadProviders,
	makeUserFolder,
	N8nCli,
	n8nEnvironment,
	n8nVersionFromArgs,
	planImports,
	say,
	startServer,
	startSimulators,
} from '../../scripts/n8n/index.mjs';
import { checkEveryExampleIsRun } from './coverage.mjs';
import { createReport } from './report.mjs';

const argv = process.argv.slice(2);
if (argv.includes('--queue')) {
	const { runQueueSuite } = await import('./queue.mjs');
	process.exit(await runQueueSuite(argv));
}
const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1].split(',') : undefined;
const keep = argv.includes('--keep');
const report = createReport();
const { check, todo } = report;

/** `n8n start` on the same user folder, then each provider's serverChecks; stops it after. */
async function runServerChecks({ n8n, sim, plans, runtime }) {
	const serverPlans = plans.filter((plan) => plan.provider.serverChecks);
	if (serverPlans.length === 0) return;
	console.log('\n# n8n started as a server (n8n start, owner logged in through the REST API)');
	let server;
	await check(
		`n8n ${runtime.n8nVersion} starts as a server on the same database, its owner set up through the REST API`,
		async () => {
			const env = { ...n8n.env, N8N_PORT: String(await freePort()), N8N_SECURE_COOKIE: 'false' };
			server = await startServer({ runtime, env }, env.N8N_PORT);
		},
	);
	if (!server) return;
	try {
		for (const plan of serverPlans) {
			console.log(`\n# ${plan.provider.name}, n8n as a server`);
			await sim.reset();
			await plan.provider.serverChecks({ server, n8n, sim, plan, check, todo, runtime });
		}
	} finally {
		await server.stop();
	}
}

let sim;
let userFolder;
try {
	const runtime = await ensureN8n(n8nVersionFromArgs(argv));
	console.log(
		`n8n ${runtime.n8nVersion} on Node ${runtime.nodeBinary === process.execPath ? process.version : '24'}`,
	);
	const tarball = buildAndPack();
	userFolder = makeUserFolder();
	installPackage(userFolder, tarball);
	say(`n8n user folder: ${userFolder}`);
	sim = await startSimulators({ ephemeral: true });
	const n8n = new N8nCli(runtime, await n8nEnvironment(runtime, userFolder));
	const providers = await loadProviders(only);
	const { credentials, workflows, plans } = planImports(providers, sim.urls);

	if (!only) await checkEveryExampleIsRun(plans, check);

	await check(
		`n8n imports ${credentials.length} credentials and ${workflows.length} workflows built from the installed package`,
		async () => {
			await n8n.importCredentials(credentials.map(credentialRecord));
			await n8n.importWorkflows(workflows);
		},
	);

	for (const plan of plans) {
		console.log(
			`\n# ${plan.provider.name} (${path.join('test/e2e/providers', plan.provider.file)})`,
		);
		await sim.reset();
		await plan.provider.checks({ n8n, sim, plan, check, runtime });
	}

	await runServerChecks({ n8n, sim, plans, runtime });
} catch (error) {
	report.fail('end-to-end setup', error);
} finally {
	await sim?.stop();
	if (userFolder && !keep) rmSync(userFolder, { recursive: true, force: true });
}

process.exit(report.finish());
