// The real-n8n tooling: what the end-to-end suite (test/e2e/run.mjs), the demo, the benchmark
// and the screenshots share. Import from here.
//
//   versions.mjs    the n8n versions tested (one list), `--n8n`, what each major needs
//   install.mjs     n8n (and Node 24) installed once into the cache folder
//   npm.mjs         the installer's npm runs, with a log and progress
//   package.mjs     build + `npm pack`, installed as n8n installs a community package
//   simulators.mjs  the provider simulators in one child process, and their control API
//   cli.mjs         a fresh user folder, its environment, n8n's CLI (import, execute, export)
//   server.mjs      `n8n start` with its owner account
//   providers.mjs   test/e2e/providers/*.mjs → credentials and example workflows to import
//   queueMode.mjs   n8n in queue mode: PostgreSQL (postgres.mjs), Redis (redis.mjs), main + workers
//   queueInstance.mjs  the package in a queue-mode n8n, driven like cli.mjs (webhooks, REST API)
//   repo.mjs        places in this repository
//   host.mjs        stderr messages, free ports, the cache folder, child-process environment
export { credentialRecord, makeUserFolder, N8nCli, n8nEnvironment, parseRun } from './cli.mjs';
export { cacheDir, freePort, ownEnvironment, say, sleep } from './host.mjs';
export { ensureN8n, ensureNode24 } from './install.mjs';
export { buildAndPack, installPackage, packageInstaller } from './package.mjs';
export { QueueN8n, startQueueN8n, webhookNode, webhookTriggered } from './queueInstance.mjs';
export { DEFAULT_OWNER, startQueueMode } from './queueMode.mjs';
export { loadProviders, planImports, prepareWorkflow } from './providers.mjs';
export { examplesDir, PACKAGE_NAME, providersDir, root } from './repo.mjs';
export { OWNER_LOGIN, startServer } from './server.mjs';
export { startSimulators } from './simulators.mjs';
export {
	majorOf,
	n8nOption,
	n8nVersionFromArgs,
	newestTested,
	resolveN8nVersion,
	runtimeSettings,
	TESTED_N8N_VERSIONS,
} from './versions.mjs';
