// npm for the long installs of the installer: output to an install.log beside the install,
// a progress line every 15 seconds.
import { spawn } from 'node:child_process';
import { createWriteStream, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

import { ownEnvironment } from './host.mjs';

export const log = (message) => process.stderr.write(`[n8n-runtime] ${message}\n`);

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

/** Runs npm in `cwd`, logging to install.log there; resolves with the seconds it took. */
export function npm(cwd, args, { env = {}, label }) {
	return new Promise((resolve, reject) => {
		const logFile = createWriteStream(path.join(cwd, 'install.log'), { flags: 'a' });
		logFile.write(`\n$ npm ${args.join(' ')}\n`);
		const child = spawn('npm', args, {
			cwd,
			env: { ...ownEnvironment(), ...env },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		child.stdout.pipe(logFile, { end: false });
		child.stderr.pipe(logFile, { end: false });
		const started = Date.now();
		log(`${label} … (log: ${path.join(cwd, 'install.log')})`);
		const ticker = setInterval(() => {
			const seconds = Math.round((Date.now() - started) / 1000);
			const size = (folderSizeBytes(path.join(cwd, 'node_modules')) / 1024 ** 3).toFixed(2);
			const elapsed = `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
			log(`${label}: ${elapsed}, node_modules ${size} GB`);
		}, 15_000);
		child.on('error', reject);
		child.on('close', (code) => {
			clearInterval(ticker);
			logFile.end();
			const seconds = Math.round((Date.now() - started) / 1000);
			if (code === 0) {
				log(`${label}: done in ${seconds}s`);
				resolve(seconds);
			} else {
				reject(new Error(`${label} failed (exit ${code}); see ${path.join(cwd, 'install.log')}`));
			}
		});
	});
}
