// A real n8n with this package installed, against the local provider simulators.
//
//   npm run demo                 editor on http://localhost:5678 (login printed), Ctrl+C stops
//   npm run demo -- --run        instead: execute every example workflow once, print a summary
//   npm run demo -- --n8n 1      the same on n8n 1.x
//   N8N_DEMO_PORT=5679 npm run demo
//
// The first time it installs n8n into $N8N_JP_CONNECT_CACHE (default ~/.cache/n8n-nodes-jp-connect):
// several minutes, with progress. Each run starts from a fresh n8n user folder.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';

import { ensureN8n, parseMajor } from './n8n-runtime.mjs';
import {
	buildAndPack,
	installPackage,
	loadProviders,
	makeUserFolder,
	N8nCli,
	n8nEnvironment,
	planImports,
	say,
	startSimulators,
} from '../test/e2e/lib.mjs';

export const DEMO_LOGIN = { email: 'demo@example.com', password: 'Demo-jp-connect-1', firstName: 'Demo', lastName: 'User' };

const argv = process.argv.slice(2);
const runOnce = argv.includes('--run');
const port = Number(process.env.N8N_DEMO_PORT || 5678);

/** Imports the demo's credentials and example workflows (the e2e-only ones left out). */
export async function prepareDemoInstance({ major = 2, ephemeral = false, editorPort = port } = {}) {
	const runtime = await ensureN8n(major);
	const tarball = buildAndPack();
	const userFolder = makeUserFolder('jp-connect-demo-');
	installPackage(userFolder, tarball);
	const sim = await startSimulators({ ephemeral });
	const env = await n8nEnvironment(runtime, userFolder, { N8N_PORT: String(editorPort), N8N_SECURE_COOKIE: 'false' });
	const n8n = new N8nCli(runtime, env);
	const providers = await loadProviders();
	const { plans } = planImports(providers, sim.urls);
	for (const plan of plans) {
		plan.workflows = plan.workflows.filter((entry) => !entry.e2eOnly);
		plan.credentials = Object.fromEntries(Object.entries(plan.credentials).filter(([, credential]) => !credential.e2eOnly));
	}
	const credentials = plans.flatMap((plan) => Object.values(plan.credentials)).map(({ id, name, type, data }) => ({ id, name, type, data }));
	const workflows = plans.flatMap((plan) => plan.workflows.map((entry) => entry.workflow));
	say(`importing ${credentials.length} credentials and ${workflows.length} example workflows …`);
	await n8n.importCredentials(credentials);
	await n8n.importWorkflows(workflows);
	return { runtime, userFolder, sim, env, n8n, plans };
}

/** `n8n start` in the background; resolves once the editor answers and the owner exists. */
export async function startEditor(instance, editorPort = port) {
	const { runtime, env } = instance;
	const busy = await fetch(`http://localhost:${editorPort}/healthz`).then(
		() => true,
		() => false,
	);
	if (busy) throw new Error(`port ${editorPort} is already in use (another n8n?): stop it, or choose another port with N8N_DEMO_PORT=5679`);
	const child = spawn(runtime.nodeBinary, [runtime.n8nEntry, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	let log = '';
	child.stdout.on('data', (chunk) => (log += chunk));
	child.stderr.on('data', (chunk) => (log += chunk));
	const base = `http://localhost:${editorPort}`;
	const deadline = Date.now() + 180_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`n8n start exited (${child.exitCode}):\n${log.slice(-3000)}`);
		if (Date.now() > deadline) throw new Error(`n8n did not answer on ${base} within 3 minutes:\n${log.slice(-3000)}`);
		try {
			const response = await fetch(`${base}/healthz/readiness`);
			if (response.ok) break;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	const setup = await fetch(`${base}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(DEMO_LOGIN),
	});
	if (!setup.ok) throw new Error(`creating the owner account failed: HTTP ${setup.status} ${await setup.text()}`);
	const cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0];
	return {
		base,
		cookie,
		child,
		stop: () =>
			new Promise((resolve) => {
				if (child.exitCode !== null) return resolve();
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			}),
	};
}

function genericSummary(result) {
	const runData = result.run?.data?.resultData?.runData ?? {};
	const last = result.run?.data?.resultData?.lastNodeExecuted;
	const items = last ? result.items(last) : [];
	return `${last}: ${items.length} item(s)${items[0] ? `, first: ${JSON.stringify(items[0]).slice(0, 160)}` : ''} (${Object.keys(runData).length} nodes ran)`;
}

async function main() {
	const major = parseMajor(argv);
	const instance = await prepareDemoInstance({ major });
	const cleanup = async () => {
		await instance.sim.stop();
		rmSync(instance.userFolder, { recursive: true, force: true });
	};

	if (runOnce) {
		let failures = 0;
		for (const plan of instance.plans) {
			for (const entry of plan.workflows) {
				const result = await instance.n8n.execute(entry.id);
				const title = `${entry.workflow.name}  [examples/${entry.example}]`;
				if (!result.ok) {
					failures++;
					console.log(`✗ ${title}\n    ${result.error?.message ?? 'no result printed'}${result.error?.description ? ` — ${result.error.description}` : ''}`);
					continue;
				}
				console.log(`✓ ${title}\n    ${plan.provider.summary?.(entry.key, result) ?? genericSummary(result)}`);
			}
		}
		await cleanup();
		process.exit(failures ? 1 : 0);
	}

	let editor;
	try {
		editor = await startEditor(instance);
	} catch (error) {
		await cleanup();
		throw error;
	}
	console.log(`
n8n ${instance.runtime.n8nVersion} is running with n8n-nodes-jp-connect installed.

  Editor:    ${editor.base}
  E-mail:    ${DEMO_LOGIN.email}
  Password:  ${DEMO_LOGIN.password}

Workflows → open an example, then "Execute workflow". The credentials point at the local
simulators (${Object.values(instance.sim.urls).join(', ')}); the simulators' control API is
${instance.sim.controlUrl} (GET /state for call counters, POST /clock/advance?hours=25 to age tokens).
Ctrl+C stops n8n and the simulators.`);
	const stop = async () => {
		await editor.stop();
		await cleanup();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

if (import.meta.url === `file://${process.argv[1]}`) {
	main().catch((error) => {
		console.error(error?.stack ?? error);
		process.exit(1);
	});
}
