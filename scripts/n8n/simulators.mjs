// The provider simulators (test/simulators/), all in one child process, and their control API.
import { spawn } from 'node:child_process';
import path from 'node:path';

import { root } from './repo.mjs';

/** Resolves with the JSON line cli.ts prints once every simulator listens. */
function readyLine(child, stderr) {
	return new Promise((resolve, reject) => {
		let buffer = '';
		const timer = setTimeout(
			() => reject(new Error(`simulators did not start in 60s\n${stderr()}`)),
			60_000,
		);
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
			reject(new Error(`simulators exited (${code})\n${stderr()}`));
		});
	});
}

/**
 * Starts every provider simulator in one process (test/simulators/cli.ts). `ephemeral` puts them
 * on free ports (tests); otherwise the fixed demo ports of test/simulators/index.ts are used.
 * `extraArgs` go to cli.ts (e.g. seeded list sizes for the benchmark).
 */
export async function startSimulators({ ephemeral = true, extraArgs = [] } = {}) {
	const tsNode = path.join(root, 'node_modules', '.bin', 'ts-node');
	const args = [
		'--transpile-only',
		'test/simulators/cli.ts',
		...(ephemeral ? ['--ephemeral'] : []),
		...extraArgs,
	];
	const child = spawn(tsNode, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
	let stderr = '';
	child.stderr.on('data', (chunk) => (stderr += chunk));
	const ready = await readyLine(child, () => stderr);
	const control = async (method, pathAndQuery) => {
		const response = await fetch(`${ready.control}${pathAndQuery}`, { method });
		return await response.json();
	};
	return {
		urls: ready.urls,
		controlUrl: ready.control,
		/** any control call of test/simulators/cli.ts, e.g. control('POST', '/next-engine/pair') */
		control,
		state: () => control('GET', '/state'),
		/** calls to one route of one simulator, e.g. calls('roller', 'login') */
		calls: async (simulator, route) =>
			(await control('GET', '/state')).simulators[simulator]?.calls?.[route] ?? 0,
		advanceHours: (hours) => control('POST', `/clock/advance?hours=${hours}`),
		reset: () => control('POST', '/reset'),
		/** whether the simulator has a single-session switch (a new login ends the earlier tokens) */
		hasSingleSession: async (simulator) =>
			typeof (await control('GET', '/state')).simulators[simulator]?.singleSession === 'boolean',
		/** turns that switch on or off (throws for a simulator without one) */
		setSingleSession: async (simulator, on) => {
			const response = await fetch(
				`${ready.control}/single-session?simulator=${simulator}&on=${Boolean(on)}`,
				{ method: 'POST' },
			);
			if (!response.ok) throw new Error(`${simulator}: ${(await response.json()).error}`);
		},
		stop: () =>
			new Promise((resolve) => {
				if (child.exitCode !== null) return resolve();
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			}),
	};
}
