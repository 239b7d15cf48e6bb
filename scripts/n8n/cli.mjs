// n8n's command line for one instance (one user folder): import, execute, export.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { freePort } from './host.mjs';

/** A fresh n8n user folder: each run starts from an empty instance. */
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

/** What `n8n import:credentials` takes of a credential: only the stored fields. */
export const credentialRecord = ({ id, name, type, data }) => ({ id, name, type, data });

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

/** n8n's CLI for one instance. Each call is a new process of a few seconds. */
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
		if (result.code !== 0) {
			const status = result.code ?? result.signal;
			throw new Error(
				`n8n ${args.join(' ')} failed (${status}):\n${result.stdout}\n${result.stderr}`,
			);
		}
		return result;
	}

	async importCredentials(credentials) {
		const file = path.join(this.workDir, `credentials-${Date.now()}.json`);
		writeFileSync(file, JSON.stringify(credentials, null, 2));
		return await this.runOrThrow(['import:credentials', `--input=${file}`]);
	}

	async importWorkflows(workflows) {
		const dir = mkdtempSync(path.join(this.workDir, 'workflows-'));
		for (const workflow of workflows) {
			writeFileSync(path.join(dir, `${workflow.id}.json`), JSON.stringify(workflow, null, 2));
		}
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
	 * run is what counts: { ok, run, error, exit, output, items(nodeName), nodeError(nodeName) }.
	 */
	async execute(workflowId) {
		const result = await this.run(['execute', `--id=${workflowId}`]);
		const output = `${result.stdout}\n${result.stderr}`;
		const run = parseRun(result.stdout) ?? parseRun(result.stderr);
		const error = run?.data?.resultData?.error;
		const nodeRun = (nodeName) => run?.data?.resultData?.runData?.[nodeName]?.[0];
		return {
			ok: Boolean(run) && !error,
			run,
			error,
			exit: result.code ?? result.signal,
			output,
			items: (nodeName) => (nodeRun(nodeName)?.data?.main?.[0] ?? []).map((item) => item.json),
			nodeError: (nodeName) => nodeRun(nodeName)?.error,
		};
	}
}
