// What the scripts need from this machine: progress messages, free TCP ports, the cache folder,
// a clean environment for child processes, and children that end with this process.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Progress goes to stderr, so stdout stays for results (JSON, the suite's lines). */
export const say = (message) => process.stderr.write(`${message}\n`);

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

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

/**
 * Where n8n, Node 24 and PostgreSQL are installed once and reused: $N8N_JP_CONNECT_CACHE,
 * default ~/.cache/n8n-nodes-jp-connect.
 */
export function cacheDir() {
	return (
		process.env.N8N_JP_CONNECT_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-jp-connect')
	);
}

/**
 * This process's environment without what a parent npm exports (`npm run check` passes the
 * repo's .npmrc on as npm_config_* variables, e.g. ignore-scripts=true, which would silently
 * skip the sqlite3 build).
 */
export function ownEnvironment() {
	return Object.fromEntries(
		Object.entries(process.env).filter(([key]) => !/^npm_(config|package|lifecycle)_/i.test(key)),
	);
}

let hasSetpriv;

/**
 * [command, args] that make the process receive `signal` when this Node process dies, even
 * killed outright (SIGKILL): util-linux's setpriv sets the parent-death signal and then becomes
 * the command. Without setpriv, the command as it is.
 */
export function dyingWithThisProcess(signal, command, args) {
	hasSetpriv ??= /--pdeathsig/.test(
		spawnSync('setpriv', ['--help'], { encoding: 'utf8' }).stdout ?? '',
	);
	return hasSetpriv
		? ['setpriv', [`--pdeathsig=${signal}`, '--', command, ...args]]
		: [command, args];
}
