// The end-to-end suite: the packed package inside a real n8n, against the provider simulators.
//
//   npm run test:e2e                    n8n 2.40.7 on Node 24 (installed once into the cache)
//   npm run test:e2e -- --n8n 1         n8n 1.123.81 on this machine's Node 20
//   npm run test:e2e -- --only roller   only some provider files (test/e2e/providers/<name>.mjs)
//   npm run test:e2e -- --keep          keep the n8n user folder for a look afterwards
//
// Each check counts as one; the last line is exactly `e2e: N passed, M failed` (scripts/check.mjs
// reads it) and the exit status is non-zero when anything failed.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

import { ensureN8n, parseMajor } from '../../scripts/n8n-runtime.mjs';
import {
	buildAndPack,
	examplesDir,
	installPackage,
	loadProviders,
	makeUserFolder,
	N8nCli,
	n8nEnvironment,
	planImports,
	say,
	startSimulators,
} from './lib.mjs';

const argv = process.argv.slice(2);
const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1].split(',') : undefined;
const keep = argv.includes('--keep');
const totals = { passed: 0, failed: 0 };
const started = Date.now();

function seconds(since) {
	return `${((Date.now() - since) / 1000).toFixed(1)}s`;
}

async function check(name, body) {
	const begin = Date.now();
	try {
		await body();
		totals.passed++;
		console.log(`ok   ${name} (${seconds(begin)})`);
	} catch (error) {
		totals.failed++;
		console.log(`FAIL ${name} (${seconds(begin)})\n     ${String(error?.message ?? error).split('\n').join('\n     ')}`);
	}
}

/** What `n8n import:credentials` takes: only the stored fields. */
const credentialRecord = ({ id, name, type, data }) => ({ id, name, type, data });

let sim;
let userFolder;
try {
	const major = parseMajor(argv);
	const runtime = await ensureN8n(major);
	console.log(`n8n ${runtime.n8nVersion} on Node ${runtime.nodeBinary === process.execPath ? process.version : '24'}`);
	const tarball = buildAndPack();
	userFolder = makeUserFolder();
	installPackage(userFolder, tarball);
	say(`n8n user folder: ${userFolder}`);
	sim = await startSimulators({ ephemeral: true });
	const n8n = new N8nCli(runtime, await n8nEnvironment(runtime, userFolder));
	const providers = await loadProviders(only);
	const { credentials, workflows, plans } = planImports(providers, sim.urls);

	if (!only) {
		await check('every example workflow in examples/ is run by a provider file (or listed in providers/pending.json)', async () => {
			const used = new Set(plans.flatMap((plan) => plan.workflows.map((entry) => entry.example)));
			const pending = JSON.parse(readFileSync(new URL('./providers/pending.json', import.meta.url), 'utf8'));
			const examples = readdirSync(examplesDir, { recursive: true })
				.map((file) => String(file).split(path.sep).join('/'))
				.filter((file) => file.endsWith('.json'));
			for (const file of examples.filter((example) => !used.has(example) && pending[example])) {
				console.log(`todo ${file} is not run yet: ${pending[file]}`);
			}
			const unused = examples.filter((file) => !used.has(file) && !pending[file]);
			const stale = Object.keys(pending).filter((file) => used.has(file) || !examples.includes(file));
			if (unused.length) throw new Error(`not covered: ${unused.join(', ')} (add them to a file in test/e2e/providers/)`);
			if (stale.length) throw new Error(`remove from test/e2e/providers/pending.json: ${stale.join(', ')} (run, or gone)`);
		});
	}

	await check(`n8n imports ${credentials.length} credentials and ${workflows.length} workflows built from the installed package`, async () => {
		await n8n.importCredentials(credentials.map(credentialRecord));
		await n8n.importWorkflows(workflows);
	});

	for (const plan of plans) {
		console.log(`\n# ${plan.provider.name} (${path.join('test/e2e/providers', plan.provider.file)})`);
		await sim.reset();
		await plan.provider.checks({ n8n, sim, plan, check, runtime });
	}
} catch (error) {
	totals.failed++;
	console.log(`FAIL end-to-end setup: ${error?.stack ?? error}`);
} finally {
	await sim?.stop();
	if (userFolder && !keep) rmSync(userFolder, { recursive: true, force: true });
}

console.log(`\nend-to-end took ${seconds(started)}`);
console.log(`e2e: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 ? 0 : 1);
