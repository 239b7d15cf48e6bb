// n8n's verification gate, run locally: the scanner's analyzePackage on the source tree and on
// the unpacked `npm pack` tarball (what users install), plus a check of what the tarball holds.
// Usage: node scripts/scan.mjs  (after `npm run build`; `npm run scan` does both)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(path.join(tmpdir(), 'jp-connect-scan-'));
let failed = 0;

function report(label, result) {
	if (result.passed) {
		console.log(`PASS ${label}`);
		return;
	}
	failed++;
	console.log(`FAIL ${label}: ${result.message}`);
	if (result.details) console.log(result.details);
}

try {
	report('scanner on the source tree', await analyzePackage(root, SOURCE_FILE_PATTERNS));

	const packed = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
			cwd: root,
			encoding: 'utf8',
		}),
	);
	const tarball = path.join(work, packed[0].filename);
	const unpacked = path.join(work, 'package');
	execFileSync('tar', ['-xzf', tarball, '-C', work]);
	report(
		'scanner on the packed tarball',
		await analyzePackage(unpacked, ['**/*.js', 'package.json']),
	);

	const files = packed[0].files.map((file) => file.path);
	const unexpected = files.filter(
		(file) =>
			!/^dist\//.test(file) &&
			!['package.json', 'README.md', 'LICENSE', 'README.ja.md'].includes(file),
	);
	const compiledTests = files.filter((file) => /(^|\/)test\/|\.test\.|\/simulators\//.test(file));
	const declared = JSON.parse(
		execFileSync('node', ['-p', 'JSON.stringify(require("./package.json").n8n)'], {
			cwd: root,
			encoding: 'utf8',
		}),
	);
	const missing = [...declared.nodes, ...declared.credentials].filter(
		(file) => !files.includes(file),
	);
	report('tarball holds only dist/, README, LICENSE and package.json', {
		passed: unexpected.length === 0,
		message: `unexpected files: ${unexpected.join(', ')}`,
	});
	report('tarball holds no compiled tests or simulators', {
		passed: compiledTests.length === 0,
		message: `test files: ${compiledTests.join(', ')}`,
	});
	report('every node and credential in package.json is in the tarball', {
		passed: missing.length === 0,
		message: `missing: ${missing.join(', ')}`,
	});
	const pkg = JSON.parse(
		execFileSync('node', ['-p', 'JSON.stringify(require("./package.json"))'], {
			cwd: root,
			encoding: 'utf8',
		}),
	);
	report('no runtime dependencies', {
		passed: !pkg.dependencies || Object.keys(pkg.dependencies).length === 0,
		message: `dependencies: ${Object.keys(pkg.dependencies ?? {}).join(', ')}`,
	});
	console.log(`tarball: ${packed[0].filename}, ${files.length} files, ${packed[0].size} bytes`);
} finally {
	rmSync(work, { recursive: true, force: true });
}

console.log(`scan: ${failed === 0 ? 'passed' : `${failed} check(s) failed`}`);
process.exit(failed === 0 ? 0 : 1);
