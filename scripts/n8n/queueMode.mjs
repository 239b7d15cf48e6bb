// n8n in queue mode on this machine: PostgreSQL (./postgres.mjs) + Redis (./redis.mjs) + one
// main process (`n8n start`: editor, webhooks) + N workers (`n8n worker`), all on free
// 127.0.0.1 ports, each n8n process with its own user folder and task-broker port, all sharing
// one encryption key, one database and one queue.
//
// The order is the one that works (docs: shared/docs/n8n-platform.md, "Queue mode"):
//   1. PostgreSQL and Redis;
//   2. the package into every user folder (the caller's `installPackage` callback);
//   3. main once: it migrates the database and creates the user roles; the owner account is set
//      up through POST /rest/owner/setup (the editor and the REST API need it); main stops;
//   4. `import:credentials`, `import:workflow --activeState=fromJson` (importing before the
//      first start fails activation: "User attempted to activate a workflow without permissions");
//   5. main again (registers the webhooks of the active workflows), then the workers, each
//      waited for on its health check (/healthz/readiness: database and Redis connected).
//
// Every n8n process runs in its own process group (it starts task-runner children), so stopping
// it ends the whole group. Callers should call stop() on SIGINT/SIGTERM too.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
	chmodSync,
	createWriteStream,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { dyingWithThisProcess, freePort, ownEnvironment, sleep } from './host.mjs';
import { startPostgres } from './postgres.mjs';
import { startRedis } from './redis.mjs';

export const DEFAULT_OWNER = {
	email: 'owner@example.com',
	password: 'Queue-jp-connect-1',
	firstName: 'Queue',
	lastName: 'Owner',
};

function alive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

function signalGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch {
		// the group is gone already
	}
}

/**
 * One n8n process (`n8n start`, `n8n worker`, a CLI command) in its own process group, its
 * output written to `logFile` and its last 256 kB kept in memory.
 */
function spawnN8n(runtime, args, env, logFile) {
	// SIGKILL if this process dies: its task runners exit when their broker connection closes,
	// and a graceful stop could wait for a database that is going away at the same time
	const [file, fileArgs] = dyingWithThisProcess('KILL', runtime.nodeBinary, [
		runtime.n8nEntry,
		...args,
	]);
	const child = spawn(file, fileArgs, {
		env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const stream = createWriteStream(logFile, { flags: 'a' });
	let output = '';
	const keep = (chunk) => {
		output = (output + chunk).slice(-262_144);
		stream.write(chunk);
	};
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	const killOnExit = () => signalGroup(child.pid, 'SIGKILL');
	process.once('exit', killOnExit);
	const exited = new Promise((resolve) => {
		child.on('close', (code, signal) => {
			stream.end();
			resolve({ code, signal });
		});
	});
	return {
		child,
		logFile,
		exited,
		output: () => output,
		running: () => child.exitCode === null && child.signalCode === null,
		/** SIGTERM to the group (n8n shuts down gracefully), SIGKILL after `timeoutMs`, then any leftover child. */
		async stop(timeoutMs = 20_000) {
			if (child.exitCode === null && child.signalCode === null) {
				signalGroup(child.pid, 'SIGTERM');
				const timer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), timeoutMs);
				await exited;
				clearTimeout(timer);
			}
			signalGroup(child.pid, 'SIGKILL');
			for (let waited = 0; alive(-child.pid) && waited < 5000; waited += 100) await sleep(100);
			process.off('exit', killOnExit);
		},
	};
}

/** Whether something accepts TCP connections on 127.0.0.1:`port`. */
function portAnswers(port) {
	return new Promise((resolve) => {
		const socket = connect({ host: '127.0.0.1', port });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

/** Polls `url` until it answers 2xx (and `logPattern`, when given, shows in the log). */
async function waitUntilReady(proc, url, { name, timeoutMs, logPattern }) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (!proc.running())
			throw new Error(`${name} exited while starting:\n${proc.output().slice(-4000)}`);
		if (Date.now() > deadline)
			throw new Error(
				`${name} was not ready within ${timeoutMs / 1000} s (${url}):\n${proc.output().slice(-4000)}`,
			);
		const ok = await fetch(url).then(
			(response) => response.ok,
			() => false,
		);
		if (ok && (!logPattern || logPattern.test(proc.output()))) return;
		await sleep(250);
	}
}

/**
 * Starts the whole queue-mode stack. Options:
 *   runtime         { n8nEntry, nodeBinary, env } (from ensureN8n)
 *   workers         number of `n8n worker` processes (2)
 *   concurrency     each worker's --concurrency (5; n8n's minimum)
 *   baseDir         folder for the data, user folders and logs (a fresh one in the temp folder)
 *   installPackage  async (userFolder, { role: 'main' | 'worker', index }) => void, called for
 *                   every process's user folder before anything starts
 *   credentials     what `n8n import:credentials` takes ([{ id, name, type, data }])
 *   workflows       workflow objects for `n8n import:workflow --activeState=fromJson`
 *                   (`active: true` ones are activated; each needs an `id`)
 *   owner           the owner account ({ email, password, firstName, lastName })
 *   port            main's port (the editor, REST API and webhooks; a free one)
 *   env             extra environment for every n8n process (main and workers)
 *   mainEnv, workerEnv  extra environment for main only / for the workers only
 *   encryptionKey   shared N8N_ENCRYPTION_KEY (a random one)
 *   cacheDir        where PostgreSQL is installed (see postgres.mjs)
 *   timeoutMs       per process start (180 s)
 *   log             progress lines (stderr)
 *
 * Returns { baseUrl, webhookUrl, owner, encryptionKey, baseDir, postgres, redis, main, workers,
 * timings, login(), rest(method, path, body), cli(args), stop({ keepFiles }) }.
 * main: { pid, userFolder, logFile, output() }; workers[i]: { index, pid, healthUrl, userFolder,
 * logFile, output(), finishedExecutions() }. Each n8n pid is also its process group's id.
 */
export async function startQueueMode({
	runtime,
	workers: workerCount = 2,
	concurrency = 5,
	baseDir,
	installPackage,
	credentials = [],
	workflows = [],
	owner = DEFAULT_OWNER,
	port,
	env: extraEnv = {},
	mainEnv = {},
	workerEnv = {},
	encryptionKey = randomBytes(24).toString('hex'),
	cacheDir,
	timeoutMs = 180_000,
	log = (message) => process.stderr.write(`[queue] ${message}\n`),
} = {}) {
	if (!runtime?.n8nEntry || !runtime?.nodeBinary)
		throw new Error('startQueueMode needs runtime: { n8nEntry, nodeBinary, env }');
	if (port !== undefined && (await portAnswers(port)))
		throw new Error(`port ${port} is already in use (another n8n?): stop it or choose another`);
	const base = baseDir ?? mkdtempSync(path.join(os.tmpdir(), 'jp-connect-queue-'));
	mkdirSync(base, { recursive: true });
	// PostgreSQL's unprivileged user must be able to enter it (see postgres.mjs)
	chmodSync(base, 0o755);
	const logDir = path.join(base, 'logs');
	mkdirSync(logDir, { recursive: true });
	const timings = {};
	const started = Date.now();
	let phase = Date.now();
	const lap = (name) => {
		timings[name] = Math.round((Date.now() - phase) / 100) / 10;
		phase = Date.now();
	};

	// what is running, stopped in reverse order (workers, main, Redis, PostgreSQL); once stop()
	// was called, anything still coming up is stopped as soon as it is tracked
	const running = [];
	let stopping;
	const stop = ({ keepFiles = false } = {}) => {
		stopping ??= (async () => {
			while (running.length) {
				try {
					await running.pop().stop();
				} catch (error) {
					log(`while stopping: ${error.message}`);
				}
			}
			if (!keepFiles && !baseDir) rmSync(base, { recursive: true, force: true });
		})();
		return stopping;
	};
	const track = async (service) => {
		if (stopping) {
			await service.stop();
			throw new Error('stopped while starting');
		}
		running.push(service);
		return service;
	};
	const untrack = (service) => {
		const index = running.indexOf(service);
		if (index >= 0) running.splice(index, 1);
	};
	// Ctrl+C or a SIGTERM before this resolves (the caller has no stop() yet): stop what is up,
	// then let the signal do what it would have done
	const signals = ['SIGINT', 'SIGTERM'];
	const removeSignalHandlers = () => signals.forEach((signal) => process.off(signal, onSignal));
	function onSignal(signal) {
		log(`${signal} while starting: stopping what was started …`);
		removeSignalHandlers();
		void stop().finally(() => {
			if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
		});
	}
	signals.forEach((signal) => process.on(signal, onSignal));

	try {
		log('starting PostgreSQL and Redis …');
		const services = await Promise.allSettled([
			startPostgres({
				dataDir: path.join(base, 'postgres'),
				cacheDir,
				logFile: path.join(logDir, 'postgres.log'),
			}),
			startRedis({ logFile: path.join(logDir, 'redis.log') }),
		]);
		for (const service of services) if (service.status === 'fulfilled') await track(service.value);
		for (const service of services) if (service.status === 'rejected') throw service.reason;
		const [postgres, redis] = services.map((service) => service.value);
		log(
			`PostgreSQL ${postgres.version} on ${postgres.port}, Redis ${redis.version} on ${redis.port}`,
		);
		lap('postgresAndRedis');

		const shared = {
			...ownEnvironment(),
			...runtime.env,
			N8N_ENCRYPTION_KEY: encryptionKey,
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: postgres.host,
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: postgres.database,
			DB_POSTGRESDB_USER: postgres.user,
			DB_POSTGRESDB_PASSWORD: postgres.password,
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: redis.host,
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
			N8N_LOG_LEVEL: 'info',
			N8N_NO_COLOR: '1',
			...extraEnv,
		};
		const userFolder = (name) => {
			const folder = path.join(base, name);
			mkdirSync(folder, { recursive: true });
			return folder;
		};
		const mainFolder = userFolder('main');
		const workerFolders = Array.from({ length: workerCount }, (_, index) =>
			userFolder(`worker-${index + 1}`),
		);
		if (installPackage) {
			log(`installing the package into ${workerCount + 1} user folders …`);
			await installPackage(mainFolder, { role: 'main', index: 0 });
			for (const [index, folder] of workerFolders.entries())
				await installPackage(folder, { role: 'worker', index: index + 1 });
			lap('installPackage');
		}

		const mainPort = port ?? (await freePort());
		const baseUrl = `http://127.0.0.1:${mainPort}`;
		const mainEnvironment = async () => ({
			...shared,
			N8N_USER_FOLDER: mainFolder,
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			N8N_PORT: String(mainPort),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_SECURE_COOKIE: 'false',
			WEBHOOK_URL: `${baseUrl}/`,
			...mainEnv,
		});
		const startMain = async (logName) => {
			const proc = await track(
				spawnN8n(runtime, ['start'], await mainEnvironment(), path.join(logDir, logName)),
			);
			// readiness answers before the active workflows are registered; this line comes after
			await waitUntilReady(proc, `${baseUrl}/healthz/readiness`, {
				name: 'n8n main',
				timeoutMs,
				logPattern: /Editor is now accessible/,
			});
			return {
				proc,
				stop: async () => {
					await proc.stop();
					untrack(proc);
				},
			};
		};
		const cli = async (args) => {
			const proc = await track(
				spawnN8n(runtime, args, await mainEnvironment(), path.join(logDir, 'cli.log')),
			);
			const timer = setTimeout(() => signalGroup(proc.child.pid, 'SIGKILL'), timeoutMs);
			const { code, signal } = await proc.exited;
			clearTimeout(timer);
			await proc.stop();
			untrack(proc);
			const output = proc.output();
			if (code !== 0)
				throw new Error(
					`n8n ${args.join(' ')} failed (${code ?? signal}):\n${output.slice(-4000)}`,
				);
			return output;
		};

		log('first start of main (database migrations, owner account) …');
		const first = await startMain('main-setup.log');
		const setup = await fetch(`${baseUrl}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(owner),
		});
		if (!setup.ok)
			throw new Error(
				`owner setup failed: HTTP ${setup.status} ${(await setup.text()).slice(0, 500)}`,
			);
		await first.stop();
		lap('firstMain');

		if (credentials.length || workflows.length) {
			const importDir = mkdtempSync(path.join(base, 'import-'));
			if (credentials.length) {
				const file = path.join(importDir, 'credentials.json');
				writeFileSync(file, JSON.stringify(credentials));
				await cli(['import:credentials', `--input=${file}`]);
				rmSync(file);
			}
			if (workflows.length) {
				const dir = path.join(importDir, 'workflows');
				mkdirSync(dir);
				for (const [index, workflow] of workflows.entries())
					writeFileSync(path.join(dir, `${workflow.id ?? index}.json`), JSON.stringify(workflow));
				await cli(['import:workflow', '--separate', `--input=${dir}`, '--activeState=fromJson']);
			}
			log(`imported ${credentials.length} credential(s) and ${workflows.length} workflow(s)`);
			lap('import');
		}

		log(`starting main and ${workerCount} worker(s) (concurrency ${concurrency}) …`);
		const main = await startMain('main.log');
		lap('main');
		const workers = await Promise.all(
			workerFolders.map(async (folder, offset) => {
				const index = offset + 1;
				const healthPort = await freePort();
				const environment = {
					...shared,
					N8N_USER_FOLDER: folder,
					N8N_RUNNERS_BROKER_PORT: String(await freePort()),
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(healthPort),
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
					...workerEnv,
				};
				const logFile = path.join(logDir, `worker-${index}.log`);
				const proc = await track(
					spawnN8n(runtime, ['worker', `--concurrency=${concurrency}`], environment, logFile),
				);
				const healthUrl = `http://127.0.0.1:${healthPort}/healthz`;
				await waitUntilReady(proc, `${healthUrl}/readiness`, {
					name: `n8n worker ${index}`,
					timeoutMs,
				});
				return {
					index,
					pid: proc.child.pid,
					healthUrl,
					userFolder: folder,
					logFile,
					output: proc.output,
					/** ids of the executions this worker finished, from its log */
					finishedExecutions: () =>
						[
							...(existsSync(logFile) ? readFileSync(logFile, 'utf8') : '').matchAll(
								/Worker finished execution (\S+) \(job/g,
							),
						].map((match) => match[1]),
				};
			}),
		);
		lap('workers');
		timings.total = Math.round((Date.now() - started) / 100) / 10;
		log(`queue mode ready in ${timings.total}s: ${baseUrl}`);

		let cookie;
		const login = async () => {
			const response = await fetch(`${baseUrl}/rest/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }),
			});
			if (!response.ok) throw new Error(`login failed: HTTP ${response.status}`);
			cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
			return cookie;
		};
		/** n8n's internal REST API as the owner: rest('GET', '/executions?limit=50') → parsed body */
		const rest = async (method, restPath, body) => {
			if (!cookie) await login();
			const response = await fetch(`${baseUrl}/rest${restPath}`, {
				method,
				headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			const text = await response.text();
			if (!response.ok)
				throw new Error(
					`${method} /rest${restPath}: HTTP ${response.status} ${text.slice(0, 500)}`,
				);
			return text ? JSON.parse(text) : undefined;
		};

		return {
			baseUrl,
			webhookUrl: `${baseUrl}/webhook`,
			owner,
			encryptionKey,
			baseDir: base,
			logDir,
			postgres,
			redis,
			main: {
				pid: main.proc.child.pid,
				userFolder: mainFolder,
				logFile: main.proc.logFile,
				output: main.proc.output,
			},
			workers,
			timings,
			login,
			rest,
			cli,
			stop,
		};
	} catch (error) {
		if (!stopping) log(`start failed; stopping what was started (logs kept in ${logDir})`);
		await stop({ keepFiles: true });
		throw error;
	} finally {
		removeSignalHandlers();
	}
}
