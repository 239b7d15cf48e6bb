// Redis for n8n's queue mode: Debian's redis-server (installed with apt-get when missing; the
// machines here and CI run as root), started on a free 127.0.0.1 port with no persistence.
// A service apt would start is not ours: containers here deny it (policy-rc.d), and this module
// never uses the system service, only its own process.
//
// Usage: node scripts/n8n/redis.mjs   (installs if needed, starts, pings, prints, stops)
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { dyingWithThisProcess, freePort } from './host.mjs';

const log = (message) => process.stderr.write(`[redis] ${message}\n`);

function installedVersion(binary) {
	const result = spawnSync(binary, ['--version'], { encoding: 'utf8' });
	return result.status === 0
		? (/v=(\S+)/.exec(result.stdout)?.[1] ?? result.stdout.trim())
		: undefined;
}

function aptGet(args) {
	return spawnSync('apt-get', args, {
		encoding: 'utf8',
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		maxBuffer: 64 * 1024 * 1024,
	});
}

/**
 * redis-server on PATH, installed from Debian's packages when missing (`apt-get update` once
 * when the first install fails on a stale package list). Returns { binary, version, seconds }
 * (seconds = 0 when it was already there).
 */
export function ensureRedis({ binary = 'redis-server' } = {}) {
	const present = installedVersion(binary);
	if (present) return { binary, version: present, seconds: 0 };
	if (
		process.platform !== 'linux' ||
		process.getuid?.() !== 0 ||
		spawnSync('apt-get', ['--version']).status !== 0
	) {
		throw new Error(
			'redis-server is not installed: install it (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis)',
		);
	}
	const started = Date.now();
	log('installing redis-server with apt-get …');
	const install = ['install', '-y', '--no-install-recommends', 'redis-server'];
	let result = aptGet(install);
	if (result.status !== 0) {
		log('install failed; apt-get update, then once more …');
		const update = aptGet(['update']);
		if (update.status !== 0)
			throw new Error(
				`apt-get update failed:\n${update.stdout.slice(-2000)}\n${update.stderr.slice(-2000)}`,
			);
		result = aptGet(install);
	}
	if (result.status !== 0)
		throw new Error(
			`apt-get install redis-server failed:\n${result.stdout.slice(-2000)}\n${result.stderr.slice(-2000)}`,
		);
	const version = installedVersion(binary);
	if (!version) throw new Error('redis-server was installed but does not run');
	const seconds = Math.round((Date.now() - started) / 100) / 10;
	log(`redis-server ${version} installed in ${seconds}s`);
	return { binary, version, seconds };
}

/** Sends PING over TCP; resolves true on +PONG. */
export function ping(host, port, timeoutMs = 2000) {
	return new Promise((resolve) => {
		const socket = connect({ host, port });
		let answer = '';
		const done = (ok) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(timeoutMs, () => done(false));
		socket.on('error', () => done(false));
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			answer += chunk;
			if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
		});
	});
}

/**
 * Starts redis-server on 127.0.0.1:`port` (a free one when not given): no RDB snapshots, no
 * append-only file, nothing written to disk. Returns { host, port, url, version, log(), stop() }.
 */
export async function startRedis({ port, logFile } = {}) {
	const { binary, version } = ensureRedis();
	const listenPort = port ?? (await freePort());
	const [file, fileArgs] = dyingWithThisProcess('TERM', binary, [
		'--port',
		String(listenPort),
		'--bind',
		'127.0.0.1',
		'--save',
		'',
		'--appendonly',
		'no',
		'--daemonize',
		'no',
		'--dir',
		os.tmpdir(),
		'--loglevel',
		'notice',
	]);
	const server = spawn(file, fileArgs, { cwd: '/', stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	const keep = (chunk) => {
		output = (output + chunk).slice(-65_536);
	};
	server.stdout.on('data', keep);
	server.stderr.on('data', keep);
	if (logFile) {
		const stream = createWriteStream(logFile, { flags: 'a' });
		server.stdout.pipe(stream);
		server.stderr.pipe(stream);
	}
	const killOnExit = () => server.kill('SIGKILL');
	process.once('exit', killOnExit);
	const deadline = Date.now() + 30_000;
	while (!(await ping('127.0.0.1', listenPort))) {
		if (server.exitCode !== null || server.signalCode !== null)
			throw new Error(`redis-server exited while starting:\n${output}`);
		if (Date.now() > deadline) {
			server.kill('SIGKILL');
			throw new Error(`redis-server did not answer within 30 s:\n${output}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return {
		host: '127.0.0.1',
		port: listenPort,
		url: `redis://127.0.0.1:${listenPort}`,
		version,
		pid: server.pid,
		log: () => output,
		stop: () =>
			new Promise((resolve) => {
				const settle = () => {
					process.off('exit', killOnExit);
					resolve();
				};
				if (server.exitCode !== null || server.signalCode !== null) return settle();
				const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
				server.once('close', () => {
					clearTimeout(timer);
					settle();
				});
				server.kill('SIGTERM');
			}),
	};
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	startRedis()
		.then(async (redis) => {
			console.log(
				JSON.stringify(
					{
						host: redis.host,
						port: redis.port,
						version: redis.version,
						pong: await ping(redis.host, redis.port),
					},
					null,
					2,
				),
			);
			await redis.stop();
		})
		.catch((error) => {
			console.error(error.message);
			process.exit(1);
		});
}
