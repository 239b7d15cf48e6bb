// Runs every gate the project has and ends with one plain line `N passed, M failed` that sums
// them all: the lint (1 check), the scanner checks, each jest test and each end-to-end check.
// Usage: npm run check            (all suites)
//        npm run check -- --skip-e2e      (no real n8n)
//        npm run check -- --skip-n8n1     (real n8n 2.x only)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const totals = { passed: 0, failed: 0 };
const lines = [];

function run(label, command, commandArgs, env = {}) {
	console.log(`\n=== ${label}: ${command} ${commandArgs.join(' ')}`);
	const result = spawnSync(command, commandArgs, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
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
const scanFailed = (scan.stdout.match(/^FAIL /gm) ?? []).length + (scan.status !== 0 && !/^FAIL /m.test(scan.stdout) ? 1 : 0);
record('scan', scanPassed, scanFailed);

// 3. unit and simulator tests (jest), counted from jest's JSON report
mkdirSync(path.join(root, '.tmp'), { recursive: true });
const jestReport = path.join(root, '.tmp', 'jest-report.json');
run('tests', 'npx', ['jest', '--ci', '--json', `--outputFile=${jestReport}`]);
if (existsSync(jestReport)) {
	const report = JSON.parse(readFileSync(jestReport, 'utf8'));
	const suiteFailures = report.numFailedTestSuites > 0 && report.numFailedTests === 0 ? report.numFailedTestSuites : 0;
	record('tests', report.numPassedTests, report.numFailedTests + suiteFailures);
} else {
	record('tests', 0, 1);
}

// 4. the package inside a real n8n (see test/e2e): n8n 2.x, then the last n8n 1.x
//    (--skip-n8n1 leaves the 1.x run out; each installs its n8n once into the cache)
if (!args.includes('--skip-e2e') && existsSync(path.join(root, 'test', 'e2e', 'run.mjs'))) {
	const versions = args.includes('--skip-n8n1') ? [['end-to-end', []]] : [['end-to-end', []], ['end-to-end n8n 1.x', ['--n8n', '1']]];
	for (const [label, extra] of versions) {
		const e2e = run(label, 'node', ['test/e2e/run.mjs', ...extra]);
		const match = /^e2e: (\d+) passed, (\d+) failed$/m.exec(e2e.stdout);
		if (match) record(label, Number(match[1]), Number(match[2]) + (e2e.status !== 0 && match[2] === '0' ? 1 : 0));
		else record(label, 0, 1);
	}
}

console.log('\n' + lines.join('\n'));
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 ? 0 : 1);
