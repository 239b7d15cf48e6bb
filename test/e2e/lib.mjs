// What the end-to-end suite, the demo and the screenshots script share: pack and install the
// package the way n8n installs a community package, start the simulators, drive n8n's CLI, and
// load the provider files of test/e2e/providers/.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const examplesDir = path.join(root, 'examples');
export const PACKAGE_NAME = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).name;

export const say = (message) => process.stderr.write(`${message}\n`);

export function freePort() {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

function runChecked(command, args, options = {}) {
	const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
	if (result.status !== 0) {
		throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
	}
	return result.stdout;
}

/** `npm run build` then `npm pack`: the tarball users get from the registry. */
export function buildAndPack() {
	say('building and packing the package …');
	runChecked('npm', ['run', '--silent', 'build']);
	const destination = path.join(root, '.tmp', 'e2e');
	mkdirSync(destination, { recursive: true });
	const packed = JSON.parse(runChecked('npm', ['pack', '--json', '--pack-destination', destination]));
	return path.join(destination, packed[0].filename);
}

/**
 * Installs the tarball as n8n's community-package installer does: unpacked into
 * <userFolder>/.n8n/nodes/node_modules/<name>, devDependencies/peerDependencies/
 * optionalDependencies removed from its package.json, then `npm install --ignore-scripts` inside.
 * n8n loads every n8n-nodes-* folder there at each start, CLI commands included.
 */
export function installPackage(userFolder, tarball) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	runChecked('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
	const manifestPath = path.join(target, 'package.json');
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
	delete manifest.devDependencies;
	delete manifest.peerDependencies;
	delete manifest.optionalDependencies;
	writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
	runChecked('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock'], { cwd: target });
	const nodesManifest = path.join(nodesDir, 'package.json');
	const dependencies = existsSync(nodesManifest) ? JSON.parse(readFileSync(nodesManifest, 'utf8')).dependencies ?? {} : {};
	dependencies[PACKAGE_NAME] = manifest.version;
	writeFileSync(nodesManifest, JSON.stringify({ name: 'installed-nodes', private: true, dependencies }, null, 2));
	return target;
}

/**
 * Starts every provider simulator in one process (test/simulators/cli.ts). `ephemeral` puts them
 * on free ports (tests); otherwise the fixed demo ports of test/simulators/index.ts are used.
 * `extraArgs` go to cli.ts (e.g. seeded list sizes for the benchmark).
 */
export async function startSimulators({ ephemeral = true, extraArgs = [] } = {}) {
	const tsNode = path.join(root, 'node_modules', '.bin', 'ts-node');
	const args = ['--transpile-only', 'test/simulators/cli.ts', ...(ephemeral ? ['--ephemeral'] : []), ...extraArgs];
	const child = spawn(tsNode, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
	let stderr = '';
	child.stderr.on('data', (chunk) => (stderr += chunk));
	const ready = await new Promise((resolve, reject) => {
		let buffer = '';
		const timer = setTimeout(() => reject(new Error(`simulators did not start in 60s\n${stderr}`)), 60_000);
		child.stdout.on('data', (chunk) => {
			buffer += chunk;
			const line = buffer.split('\n').find((entry) => entry.startsWith('{'));
			if (line && buffer.includes('\n')) {
				clearTimeout(timer);
				resolve(JSON.parse(line));
			}
		});
		child.on('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`simulators exited (${code})\n${stderr}`));
		});
	});
	const control = async (method, pathAndQuery) => {
		const response = await fetch(`${ready.control}${pathAndQuery}`, { method });
		return await response.json();
	};
	return {
		urls: ready.urls,
		controlUrl: ready.control,
		state: () => control('GET', '/state'),
		/** calls to one route of one simulator, e.g. calls('roller', 'login') */
		calls: async (simulator, route) => (await control('GET', '/state')).simulators[simulator]?.calls?.[route] ?? 0,
		advanceHours: (hours) => control('POST', `/clock/advance?hours=${hours}`),
		reset: () => control('POST', '/reset'),
		stop: () =>
			new Promise((resolve) => {
				if (child.exitCode !== null) return resolve();
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			}),
	};
}

export function makeUserFolder(prefix = 'jp-connect-n8n-') {
	return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The environment every n8n process of one instance gets. */
export async function n8nEnvironment(runtime, userFolder, extra = {}) {
	return {
		...process.env,
		...runtime.env,
		N8N_USER_FOLDER: userFolder,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		N8N_ENCRYPTION_KEY: 'jp-connect-e2e-not-a-secret-key',
		N8N_LOG_LEVEL: 'info',
		N8N_NO_COLOR: '1',
		GENERIC_TIMEZONE: 'Asia/Tokyo',
		...extra,
	};
}

/** n8n's CLI for one instance (one user folder). Each call is a new process of a few seconds. */
export class N8nCli {
	constructor(runtime, env) {
		this.runtime = runtime;
		this.env = env;
		this.workDir = mkdtempSync(path.join(env.N8N_USER_FOLDER, 'cli-'));
	}

	run(args, { timeoutMs = 180_000 } = {}) {
		return new Promise((resolve) => {
			const child = spawn(this.runtime.nodeBinary, [this.runtime.n8nEntry, ...args], {
				env: this.env,
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', (chunk) => (stdout += chunk));
			child.stderr.on('data', (chunk) => (stderr += chunk));
			const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
			child.on('close', (code, signal) => {
				clearTimeout(timer);
				resolve({ code, signal, stdout, stderr });
			});
		});
	}

	async runOrThrow(args) {
		const result = await this.run(args);
		if (result.code !== 0) throw new Error(`n8n ${args.join(' ')} failed (${result.code ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
		return result;
	}

	async importCredentials(credentials) {
		const file = path.join(this.workDir, `credentials-${Date.now()}.json`);
		writeFileSync(file, JSON.stringify(credentials, null, 2));
		return await this.runOrThrow(['import:credentials', `--input=${file}`]);
	}

	async importWorkflows(workflows) {
		const dir = mkdtempSync(path.join(this.workDir, 'workflows-'));
		for (const workflow of workflows) writeFileSync(path.join(dir, `${workflow.id}.json`), JSON.stringify(workflow, null, 2));
		return await this.runOrThrow(['import:workflow', '--separate', `--input=${dir}`]);
	}

	/** Decrypted credentials as stored, by id. */
	async exportCredentials() {
		const file = path.join(this.workDir, `export-${Date.now()}.json`);
		await this.runOrThrow(['export:credentials', '--all', '--decrypted', `--output=${file}`]);
		const list = JSON.parse(readFileSync(file, 'utf8'));
		rmSync(file);
		return Object.fromEntries(list.map((credential) => [credential.id, credential]));
	}

	/**
	 * `n8n execute --id`. It has been seen to segfault on exit after a good run, so the printed
	 * run is what counts: { ok, run, error, items(nodeName), output }.
	 */
	async execute(workflowId) {
		const result = await this.run(['execute', `--id=${workflowId}`]);
		const output = `${result.stdout}\n${result.stderr}`;
		const run = parseRun(result.stdout) ?? parseRun(result.stderr);
		const error = run?.data?.resultData?.error;
		return {
			ok: Boolean(run) && !error,
			run,
			error,
			exit: result.code ?? result.signal,
			output,
			items: (nodeName) =>
				(run?.data?.resultData?.runData?.[nodeName]?.[0]?.data?.main?.[0] ?? []).map((item) => item.json),
			nodeError: (nodeName) => run?.data?.resultData?.runData?.[nodeName]?.[0]?.error,
		};
	}
}

/** The execution JSON that `n8n execute` prints (pretty-printed, starting with a line "{"). */
export function parseRun(text) {
	const lines = text.split('\n');
	const start = lines.findIndex((line) => line === '{');
	if (start < 0) return undefined;
	const end = lines.findIndex((line, index) => index > start && line === '}');
	if (end < 0) return undefined;
	try {
		return JSON.parse(lines.slice(start, end + 1).join('\n'));
	} catch {
		return undefined;
	}
}

/**
 * Provider files: test/e2e/providers/<provider>.mjs, each `export default` an object (see
 * test/e2e/providers/README.md). Adding a provider = adding a file there; nothing else changes.
 */
export async function loadProviders(only) {
	const dir = path.join(root, 'test', 'e2e', 'providers');
	const files = readdirSync(dir).filter((file) => file.endsWith('.mjs')).sort();
	const providers = [];
	for (const file of files) {
		const provider = (await import(pathToFileURL(path.join(dir, file)).href)).default;
		provider.file = file;
		if (!only || only.includes(provider.simulator) || only.includes(file.replace(/\.mjs$/, ''))) providers.push(provider);
	}
	return providers;
}

/**
 * Reads an example workflow and makes it ready to import: its id, and every node credential
 * pointed at the imported credential of that type (`credentials` maps a type to the credential
 * record to use), and plain text replacements (e.g. the real API host → the simulator).
 */
export function prepareWorkflow(example, { id, name, credentials, replace = {} }) {
	let text = readFileSync(path.join(examplesDir, example), 'utf8');
	for (const [from, to] of Object.entries(replace)) text = text.split(from).join(to);
	const workflow = JSON.parse(text);
	workflow.id = id;
	if (name) workflow.name = name;
	for (const node of workflow.nodes) {
		for (const type of Object.keys(node.credentials ?? {})) {
			const credential = credentials[type];
			if (!credential) throw new Error(`${example}: node "${node.name}" needs a ${type} credential and the provider file gives none`);
			node.credentials[type] = { id: credential.id, name: credential.name };
		}
	}
	return workflow;
}

/**
 * Everything a provider declares, made concrete for one simulator run: the credential records
 * and the workflows to import (with ids), per provider.
 */
export function planImports(providers, simulatorUrls) {
	const credentials = [];
	const workflows = [];
	const plans = [];
	for (const provider of providers) {
		const url = simulatorUrls[provider.simulator];
		if (!url) throw new Error(`${provider.file}: simulator "${provider.simulator}" is not running (see test/simulators/index.ts)`);
		const providerCredentials = provider.credentials({ url });
		const byName = Object.fromEntries(providerCredentials.map((credential) => [credential.name, credential]));
		const defaults = {};
		for (const credential of providerCredentials) defaults[credential.type] ??= credential;
		const providerWorkflows = provider.workflows({ url }).map((entry) => {
			const chosen = { ...defaults };
			for (const [type, credentialName] of Object.entries(entry.credentials ?? {})) chosen[type] = byName[credentialName];
			return { ...entry, workflow: prepareWorkflow(entry.example, { id: entry.id, name: entry.name, credentials: chosen, replace: entry.replace }) };
		});
		credentials.push(...providerCredentials);
		workflows.push(...providerWorkflows.map((entry) => entry.workflow));
		plans.push({ provider, url, credentials: byName, workflows: providerWorkflows });
	}
	return { credentials, workflows, plans };
}

export function copyDir(from, to) {
	cpSync(from, to, { recursive: true });
}
