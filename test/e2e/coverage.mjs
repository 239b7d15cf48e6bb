// Every example workflow in examples/ is run by a provider file, or listed with its reason in
// providers/pending.json (both suites, one-process and queue mode, run this check).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { examplesDir } from '../../scripts/n8n/index.mjs';

export async function checkEveryExampleIsRun(plans, check) {
	await check(
		'every example workflow in examples/ is run by a provider file (or listed in providers/pending.json)',
		async () => {
			const used = new Set(plans.flatMap((plan) => plan.workflows.map((entry) => entry.example)));
			const pending = JSON.parse(
				readFileSync(new URL('./providers/pending.json', import.meta.url), 'utf8'),
			);
			const examples = readdirSync(examplesDir, { recursive: true })
				.map((file) => String(file).split(path.sep).join('/'))
				.filter((file) => file.endsWith('.json'));
			for (const file of examples.filter((example) => !used.has(example) && pending[example])) {
				console.log(`todo ${file} is not run yet: ${pending[file]}`);
			}
			const unused = examples.filter((file) => !used.has(file) && !pending[file]);
			const stale = Object.keys(pending).filter(
				(file) => used.has(file) || !examples.includes(file),
			);
			if (unused.length)
				throw new Error(
					`not covered: ${unused.join(', ')} (add them to a file in test/e2e/providers/)`,
				);
			if (stale.length)
				throw new Error(
					`remove from test/e2e/providers/pending.json: ${stale.join(', ')} (run, or gone)`,
				);
		},
	);
}
