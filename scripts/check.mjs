// Runs every gate the project has and ends with one plain line `N passed, M failed` that sums
// them all: the lint (1 check), the scanner checks, each jest test, each end-to-end check and
// each check of the queue-mode suite.
// Usage: npm run check                       (all suites; end-to-end on every tested n8n version,
//                                               queue mode on the newest tested 2.x)
//        npm run check -- --skip-e2e            (no real n8n)
//        npm run check -- --skip-n8n1           (the tested n8n 2.x only)
//        npm run check -- --skip-queue          (no queue-mode suite)
//        npm run check -- --n8n 2.40.7[,1.123.81]  (end-to-end on these n8n versions instead; queue
//                                               mode on the newest 2.x of them)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
	majorOf,
	n8nOption,
	newestOf,
	resolveN8nVersion,
	TESTED_N8N_VERSIONS,
} from './n8n/versions.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const totals = { passed: 0, failed: 0 };
const lines = [];

/** The n8n versions of the end-to-end runs (scripts/n8n/versions.mjs; each installed once). */
function chooseE2eVersions() {
	if (args.includes('--skip-e2e')) return [];
	const chosen = n8nOption(args);
	const versions =
		chosen === undefined ? TESTED_N8N_VERSIONS : chosen.split(',').map(resolveN8nVersion);
	return args.includes('--skip-n8n1')
		? versions.filter((version) => majorOf(version) !== 1)
		: versions;
}

let e2eVersions;
let queueVersion;
try {
	e2eVersions = chooseE2eVersions();
	const twos = e2eVersions.filter((version) => majorOf(version) === 2);
	queueVersion = args.includes('--skip-queue') || !twos.length ? undefined : newestOf(twos);
} catch (error) {
	// a wrong --n8n stops here, before the long suites
	console.error(error.message);
	process.exit(2);
}

function run(label, command, commandArgs, env = {}) {
	console.log(`\n=== ${label}: ${command} ${commandArgs.join(' ')}`);
	const result = spawnSync(command, commandArgs, {
		cwd: root,
		stdio: ['ignore', 'pipe', 'pipe'],
		env: { ...process.env, ...env },
		encoding: 'utf8',
		maxBuffer: 256 * 1024 * 1024,
	});
	process.stdout.write(result.stdout ?? '');
	process.stderr.write(result.stderr ?? '');
	return result;
}

function record(label, passed, failed) {
	totals.passed += passed;
	totals.failed += failed;
	lines.push(`${label}: ${passed} passed, ${failed} failed`);
}

// 1. n8n's lint rules
const lint = run('lint', 'npm', ['run', '--silent', 'lint']);
record('lint', lint.status === 0 ? 1 : 0, lint.status === 0 ? 0 : 1);

// 2. n8n's scanner on the source and on the packed tarball
const scan = run('scan', 'npm', ['run', '--silent', 'scan']);
const scanPassed = (scan.stdout.match(/^PASS /gm) ?? []).length;
const scanFailed =
	(scan.stdout.match(/^FAIL /gm) ?? []).length +
	(scan.status !== 0 && !/^FAIL /m.test(scan.stdout) ? 1 : 0);
record('scan', scanPassed, scanFailed);

// 3. unit and simulator tests (jest), counted from jest's JSON report
mkdirSync(path.join(root, '.tmp'), { recursive: true });
const jestReport = path.join(root, '.tmp', 'jest-report.json');
run('tests', 'npx', ['jest', '--ci', '--json', `--outputFile=${jestReport}`]);
if (existsSync(jestReport)) {
	const report = JSON.parse(readFileSync(jestReport, 'utf8'));
	const suiteFailures =
		report.numFailedTestSuites > 0 && report.numFailedTests === 0 ? report.numFailedTestSuites : 0;
	record('tests', report.numPassedTests, report.numFailedTests + suiteFailures);
} else {
	record('tests', 0, 1);
}

/** One end-to-end run, counted from its last line `e2e: N passed, M failed`. */
function runE2e(label, e2eArgs) {
	const e2e = run(label, 'node', ['test/e2e/run.mjs', ...e2eArgs]);
	const match = /^e2e: (\d+) passed, (\d+) failed$/m.exec(e2e.stdout);
	if (match)
		record(
			label,
			Number(match[1]),
			Number(match[2]) + (e2e.status !== 0 && match[2] === '0' ? 1 : 0),
		);
	else record(label, 0, 1);
}

// 4. the package inside a real n8n (see test/e2e), once per n8n version chosen above
if (existsSync(path.join(root, 'test', 'e2e', 'run.mjs'))) {
	for (const version of e2eVersions) runE2e(`end-to-end n8n ${version}`, ['--n8n', version]);
	// 5. the same in queue mode (main + workers, PostgreSQL, Redis), with bursts at token expiry
	if (queueVersion)
		runE2e(`end-to-end queue mode n8n ${queueVersion}`, ['--queue', '--n8n', queueVersion]);
}

console.log('\n' + lines.join('\n'));
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 ? 0 : 1);
