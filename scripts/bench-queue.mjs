// npm run bench -- --queue: the package in n8n's queue mode with 1, 2 and 3 workers
// (concurrency 5 each), bursts of executions started at once by webhooks at token expiry,
// per provider through the package's node and n8n's HTTP Request node (scripts/n8n/bursts.mjs:
// the same bursts as the queue-mode suite, larger).
//
//   npm run bench -- --queue                     bursts of 100, 1, 2 and 3 workers
//   npm run bench -- --queue --burst 50 --workers 1,3 --only roller,wagri
//   npm run bench -- --queue --write             also writes the table into docs/benchmarks.md
//
// Figures per burst: executions/s (from the first webhook call to the last execution's end),
// logins / token fetches / rotations the burst cost (all inside one token lifetime), failed
// executions (n8n's executions API), calls refused for a stale token (the simulators' counter).
import { execSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { BURST_PROVIDERS, burstCases, burstRound, burstTable } from './n8n/bursts.mjs';
import {
	buildAndPack,
	ensureN8n,
	n8nVersionFromArgs,
	root,
	say,
	startQueueN8n,
	startSimulators,
} from './n8n/index.mjs';

const BEGIN = '<!-- bench-queue:begin -->';
const END = '<!-- bench-queue:end -->';

const option = (argv, name, fallback) =>
	argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback;

function writeTable(report) {
	const file = path.join(root, 'docs', 'benchmarks.md');
	const text = readFileSync(file, 'utf8');
	const start = text.indexOf(BEGIN);
	const end = text.indexOf(END);
	if (start < 0 || end < 0) throw new Error(`${file} needs the markers ${BEGIN} and ${END}`);
	writeFileSync(file, `${text.slice(0, start + BEGIN.length)}\n${report}\n${text.slice(end)}`);
	say(`bench: queue-mode table written to ${path.relative(root, file)}`);
}

/** What the first failed executions of each burst said. */
function failureNotes(rows) {
	const notes = rows
		.filter((row) => row.failed)
		.map(
			(row) =>
				`- ${row.entry.label}, ${row.workers} worker(s)${row.singleSession ? ', single session' : ''}: ${row.failed} failed; the first said: ${Object.entries(
					row.errors,
				)
					.map(([message, count]) => `${message} (×${count})`)
					.join('; ')}`,
		);
	return notes.length ? ['', 'Failed executions:', '', ...notes] : [];
}

export async function benchQueue(argv) {
	const started = Date.now();
	const size = Number(option(argv, '--burst', 100));
	// the executions API lists 100 at a time; a burst is read back in one page
	if (!(size >= 1 && size <= 100)) throw new Error('--burst takes 1 to 100');
	const workerCounts = option(argv, '--workers', '1,2,3').split(',').map(Number);
	const only = option(argv, '--only', '')?.split(',').filter(Boolean);
	const providers = Object.keys(BURST_PROVIDERS).filter(
		(key) => !only?.length || only.includes(key) || only.includes(BURST_PROVIDERS[key].simulator),
	);
	const runtime = await ensureN8n(n8nVersionFromArgs(argv));
	const tarball = buildAndPack();
	const sim = await startSimulators({ ephemeral: true });
	const rows = [];
	const startSeconds = [];
	let queue;
	let starting;
	const stopAll = async () => {
		await queue?.stop();
		queue = undefined;
		await sim.stop();
	};
	// a stack still starting is stopped by startQueueMode itself, which then rejects
	process.once(
		'SIGINT',
		() =>
			void (starting ?? Promise.resolve())
				.catch(() => {})
				.then(stopAll)
				.finally(() => process.exit(130)),
	);
	try {
		for (const workers of workerCounts) {
			const cases = await burstCases({ sim, providers });
			say(`bench: main + ${workers} worker(s), bursts of ${size} …`);
			starting = startQueueN8n({
				runtime,
				tarball,
				workers,
				concurrency: 5,
				credentials: cases.map((entry) => entry.credential),
				workflows: cases.map((entry) => entry.workflow),
			});
			queue = await starting;
			startSeconds.push(`${workers}: ${queue.stack.timings.total} s`);
			for (const singleSession of [false, true]) {
				const { results } = await burstRound({
					n8n: queue.n8n,
					stack: queue.stack,
					sim,
					cases,
					size,
					singleSession,
					freshCredentials: singleSession,
					log: say,
				});
				rows.push(...results.map((result) => ({ ...result, workers, singleSession })));
			}
			await queue.stop();
			queue = undefined;
		}
	} finally {
		await stopAll();
	}
	const cpus = os.cpus();
	const nodeVersion = execSync(`${runtime.nodeBinary} --version`, { encoding: 'utf8' }).trim();
	const report = [
		`Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpus.length} × ${cpus[0]?.model?.trim()}, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GB RAM; n8n ${runtime.n8nVersion} on Node ${nodeVersion}, queue mode (PostgreSQL, Redis), concurrency 5 per worker; bursts of ${size} executions at token expiry; whole bench ${Math.round((Date.now() - started) / 1000)} s (stack start per worker count: ${startSeconds.join(', ')}).`,
		'',
		burstTable(rows),
		...failureNotes(rows),
	].join('\n');
	process.stdout.write(`${report}\n`);
	if (argv.includes('--write')) writeTable(report);
}
