// The package as users get it: built, packed, and installed the way n8n installs a community
// package.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { say } from './host.mjs';
import { PACKAGE_NAME, root } from './repo.mjs';

function runChecked(command, args, options = {}) {
	const result = spawnSync(command, args, {
		cwd: root,
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
		...options,
	});
	if (result.status !== 0) {
		throw new Error(
			`${command} ${args.join(' ')} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`,
		);
	}
	return result.stdout;
}

/** `npm run build` then `npm pack`: the tarball users get from the registry. */
export function buildAndPack() {
	say('building and packing the package …');
	runChecked('npm', ['run', '--silent', 'build']);
	const destination = path.join(root, '.tmp', 'e2e');
	mkdirSync(destination, { recursive: true });
	const packed = JSON.parse(
		runChecked('npm', ['pack', '--json', '--pack-destination', destination]),
	);
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
	runChecked(
		'npm',
		['install', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock'],
		{
			cwd: target,
		},
	);
	const nodesManifest = path.join(nodesDir, 'package.json');
	const dependencies = existsSync(nodesManifest)
		? (JSON.parse(readFileSync(nodesManifest, 'utf8')).dependencies ?? {})
		: {};
	dependencies[PACKAGE_NAME] = manifest.version;
	const installedNodes = { name: 'installed-nodes', private: true, dependencies };
	writeFileSync(nodesManifest, JSON.stringify(installedNodes, null, 2));
	return target;
}

/**
 * Installs the tarball into several n8n user folders (queue mode: main and every worker, see
 * queueMode.mjs `installPackage`): installed once into the first folder, then that folder's
 * `.n8n/nodes` copied into the others (a copy takes milliseconds, an install seconds).
 */
export function packageInstaller(tarball) {
	let installedFrom;
	return async (userFolder) => {
		if (!installedFrom) {
			installPackage(userFolder, tarball);
			installedFrom = userFolder;
			return;
		}
		cpSync(path.join(installedFrom, '.n8n', 'nodes'), path.join(userFolder, '.n8n', 'nodes'), {
			recursive: true,
			verbatimSymlinks: true,
		});
	};
}
