// The end-to-end suite on n8n in queue mode (`npm run test:e2e -- --queue`): main + workers on
// PostgreSQL and Redis (scripts/n8n/queueMode.mjs), the package installed in every process.
//
//   1. main + 2 workers (concurrency 5): the provider checks of test/e2e/providers/*.mjs, each
//      execution started by a webhook on main and run by a worker (scripts/n8n/queueInstance.mjs);
//   2. on the same stack, and again on main + 3 workers: bursts of 20 executions at once at
//      token expiry per provider, through the package's node and n8n's HTTP Request node
//      (scripts/n8n/bursts.mjs), once with the simulators as they are and once with their
//      single-session switch on where a simulator has one.
// A burst check asserts 0 failed executions (n8n's executions API) and at most
// BURST_BOUNDS.renewals logins / token fetches / rotations; the table printed after each stack
// gives every figure. Known limits of n8n's plain HTTP Request node (LIMIT_BURSTS: bursts.mjs says
// why) run and print their figures, but are not counted; the same cases with the node's Retry On
// Fail on are asserted.
//
//   npm run test:e2e -- --queue [--workers 2,3] [--only roller,wagri] [--burst 20] [--keep]
import path from 'node:path';

import {
	buildAndPack,
	credentialRecord,
	ensureN8n,
	loadProviders,
	n8nVersionFromArgs,
	planImports,
	say,
	startQueueN8n,
	startSimulators,
} from '../../scripts/n8n/index.mjs';
import {
	BURST_BOUNDS,
	BURST_PROVIDERS,
	burstCases,
	burstRound,
	burstTable,
} from '../../scripts/n8n/bursts.mjs';
import { checkEveryExampleIsRun } from './coverage.mjs';
import { createReport } from './report.mjs';

const option = (argv, name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);

/** Burst checks of one round: 0 failed, renewals within the bound; known limits printed only. */
async function burstChecks({ report, results, unsupported, workers, singleSession }) {
	const session = singleSession ? ', single session' : '';
	for (const result of results) {
		const { entry } = result;
		const figures = `${result.failed} failed of ${result.executions}; ${Object.entries(
			result.renewals,
		)
			.map(([label, count]) => `${count} ${label}`)
			.join(
				', ',
			)}; ${result.tokenRefusals} calls with a stale token; calls by route ${JSON.stringify(result.calls)}${
			result.failed ? `; failures said: ${JSON.stringify(result.errors)}` : ''
		}`;
		const name = `${entry.label}, main + ${workers} workers${session}: ${result.executions} webhook executions at once at token expiry`;
		if (result.limit) {
			report.limit(`${name} (${figures})`, result.limit);
			continue;
		}
		// In single session a login ends the other workers' tokens, so a worker may log in again:
		// there only 0 failed executions is asserted, the logins are printed.
		const bound = singleSession
			? Number.POSITIVE_INFINITY
			: BURST_BOUNDS.renewals({ provider: entry.providerKey, workers });
		await report.check(
			singleSession
				? `${name}: ${BURST_BOUNDS.failed} failed (${Object.keys(result.renewals).join(' and ')} printed)`
				: `${name}: ${BURST_BOUNDS.failed} failed, at most ${bound} ${Object.keys(result.renewals).join(' and ')} each`,
			async () => {
				const problems = [];
				if (!entry.primed) problems.push('the priming execution failed');
				if (result.executions !== result.size)
					problems.push(`${result.executions} of ${result.size} executions ended`);
				if (result.failed > BURST_BOUNDS.failed)
					problems.push(
						`failed executions: ${result.failedIds.join(', ')}; the first said: ${Object.keys(result.errors).join(' | ')}`,
					);
				for (const [label, count] of Object.entries(result.renewals))
					if (count > bound) problems.push(`${count} ${label} (bound ${bound})`);
				if (problems.length) throw new Error(`${problems.join('; ')} (${figures})`);
			},
		);
	}
	for (const entry of unsupported)
		report.todo(
			`${entry.label}, main + ${workers} workers, single session`,
			`the ${entry.provider.simulator} simulator has no singleSession switch yet`,
		);
}

/** Runs the queue-mode suite; resolves with the exit status. */
export async function runQueueSuite(argv) {
	const report = createReport();
	const { check } = report;
	const only = option(argv, '--only')?.split(',');
	const workerCounts = (option(argv, '--workers') ?? '2,3').split(',').map(Number);
	const burstSize = Number(option(argv, '--burst') ?? 20);
	const keep = argv.includes('--keep');
	const rows = [];
	let sim;
	let queue;
	let starting;
	const stopAll = async () => {
		await queue?.stop({ keepFiles: keep });
		queue = undefined;
		await sim?.stop();
		sim = undefined;
	};
	const onSignal = (signal) => {
		say(`${signal}: stopping n8n, PostgreSQL, Redis and the simulators …`);
		// a stack still starting is stopped by startQueueMode itself, which then rejects
		void (starting ?? Promise.resolve())
			.catch(() => {})
			.then(stopAll)
			.finally(() => process.exit(130));
	};
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);

	try {
		const runtime = await ensureN8n(n8nVersionFromArgs(argv));
		console.log(`n8n ${runtime.n8nVersion} in queue mode (main + workers, PostgreSQL, Redis)`);
		const tarball = buildAndPack();
		sim = await startSimulators({ ephemeral: true });
		const providers = await loadProviders(only);
		const { credentials, workflows, plans } = planImports(providers, sim.urls);
		const burstProviders = Object.keys(BURST_PROVIDERS).filter(
			(key) => !only || only.includes(key) || only.includes(BURST_PROVIDERS[key].simulator),
		);

		for (const [index, workers] of workerCounts.entries()) {
			const withProviderChecks = index === 0;
			console.log(
				`\n# main + ${workers} workers (concurrency 5)${withProviderChecks ? ': provider checks, then bursts' : ': bursts'}`,
			);
			const cases = await burstCases({ sim, providers: burstProviders });
			const imported = {
				credentials: [
					...(withProviderChecks ? credentials.map(credentialRecord) : []),
					...cases.map((entry) => entry.credential),
				],
				workflows: [
					...(withProviderChecks ? workflows : []),
					...cases.map((entry) => entry.workflow),
				],
			};
			let started = false;
			await check(
				`n8n ${runtime.n8nVersion} in queue mode starts with main + ${workers} workers, the package installed in each, ${imported.credentials.length} credentials and ${imported.workflows.length} webhook workflows imported and active`,
				async () => {
					starting = startQueueN8n({ runtime, tarball, workers, concurrency: 5, ...imported });
					queue = await starting;
					const { timings } = queue.stack;
					say(
						`queue mode up in ${timings.total}s (${Object.entries(timings)
							.filter(([phase]) => phase !== 'total')
							.map(([phase, seconds]) => `${phase} ${seconds}s`)
							.join(', ')})`,
					);
					started = true;
				},
			);
			if (!started) continue;
			const { n8n, stack } = queue;

			if (withProviderChecks) {
				const checksStarted = Date.now();
				if (!only) await checkEveryExampleIsRun(plans, check);
				for (const plan of plans) {
					console.log(
						`\n# ${plan.provider.name} (${path.join('test/e2e/providers', plan.provider.file)}), queue mode`,
					);
					await sim.reset();
					await plan.provider.checks({ n8n, sim, plan, check, runtime });
				}
				say(`provider checks took ${((Date.now() - checksStarted) / 1000).toFixed(1)}s`);
			}

			if (cases.length) {
				console.log(`\n# bursts of ${burstSize} at token expiry, main + ${workers} workers`);
				for (const singleSession of [false, true]) {
					try {
						const round = await burstRound({
							n8n,
							sim,
							stack,
							cases,
							size: burstSize,
							singleSession,
							// the provider checks moved the clock: Next Engine's first pairs have ended
							freshCredentials: singleSession || withProviderChecks,
							log: say,
						});
						const results = round.results.map((result) => ({
							...result,
							size: burstSize,
							workers,
							singleSession,
						}));
						rows.push(...results);
						await burstChecks({ report, ...round, results, workers, singleSession });
					} catch (error) {
						report.fail(
							`bursts, main + ${workers} workers${singleSession ? ', single session' : ''}`,
							error,
						);
					}
				}
			}
			const stopping = Date.now();
			await queue.stop({ keepFiles: keep });
			if (keep) say(`kept: ${stack.baseDir}`);
			queue = undefined;
			say(`stopped in ${((Date.now() - stopping) / 1000).toFixed(1)}s`);
		}
		if (rows.length) {
			console.log(
				`\n# bursts at token expiry (n8n ${runtime.n8nVersion}, concurrency 5 per worker)\n`,
			);
			console.log(burstTable(rows));
		}
	} catch (error) {
		report.fail('queue-mode setup', error);
	} finally {
		await stopAll();
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
	}
	return report.finish();
}
