// The end-to-end suite: the packed package inside a real n8n, against the provider simulators.
//
//   npm run test:e2e                    the newest tested n8n 2.x (scripts/n8n/versions.mjs) on
//                                       Node 24, installed once into the cache
//   npm run test:e2e -- --n8n 1         the tested n8n 1.x on this machine's Node 20
//   npm run test:e2e -- --n8n 2.40.7    any exact n8n version (installed on first use)
//   npm run test:e2e -- --only roller   only some provider files (test/e2e/providers/<name>.mjs)
//   npm run test:e2e -- --keep          keep the n8n user folder for a look afterwards
//
// Each check counts as one; the last line is exactly `e2e: N passed, M failed` (scripts/check.mjs
// reads it) and the exit status is non-zero when anything failed.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

import {
	buildAndPack,
	credentialRecord,
	ensureN8n,
	examplesDir,
	installPackage,
	loadProviders,
	makeUserFolder,
	N8nCli,
	n8nEnvironment,
	n8nVersionFromArgs,
	planImports,
	say,
	startSimulators,
} from '../../scripts/n8n/index.mjs';
import { createReport } from './report.mjs';

const argv = process.argv.slice(2);
const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1].split(',') : undefined;
const keep = argv.includes('--keep');
const report = createReport();
const { check } = report;

/** Every example is run by a provider file, or listed with its reason in providers/pending.json. */
async function checkEveryExampleIsRun(plans) {
	await check(
		'every example workflow in examples/ is run by a provider file (or listed in providers/pending.json)',
		async () => {
			const used = new Set(plans.flatMap((plan) => plan.workflows.map((entry) => entry.example)));
			const pending = JSON.parse(
				readFileSync(new URL('./providers/pending.json', import.meta.url), 'utf8'),
			);
			const examples = readdirSync(examplesDir, { recursive: true })
				.map((file) => String(file).split(path.sep).join('/'))
				.filter((file) => file.endsWith('.json'));
			for (const file of examples.filter((example) => !used.has(example) && pending[example])) {
				console.log(`todo ${file} is not run yet: ${pending[file]}`);
			}
			const unused = examples.filter((file) => !used.has(file) && !pending[file]);
			const stale = Object.keys(pending).filter(
				(file) => used.has(file) || !examples.includes(file),
			);
			if (unused.length)
				throw new Error(
					`not covered: ${unused.join(', ')} (add them to a file in test/e2e/providers/)`,
				);
			if (stale.length)
				throw new Error(
					`remove from test/e2e/providers/pending.json: ${stale.join(', ')} (run, or gone)`,
				);
		},
	);
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

	if (!only) await checkEveryExampleIsRun(plans);

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
} catch (error) {
	report.fail('end-to-end setup', error);
} finally {
	await sim?.stop();
	if (userFolder && !keep) rmSync(userFolder, { recursive: true, force: true });
}

process.exit(report.finish());
