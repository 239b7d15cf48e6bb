// The package in a queue-mode n8n (queueMode.mjs), driven the way the end-to-end suite and the
// demo drive a one-process n8n (cli.mjs): the same `execute(workflowId)`,
// `exportCredentials()` and `importCredentials()`, but every execution is started by a webhook
// on main and run by a worker, and read back through n8n's executions API.
//
// An example workflow starts from a Manual Trigger, which only `n8n execute` can start; here
// each gets a Webhook node beside it, wired to the same nodes, and is imported active. Its
// Schedule Triggers are disabled, so nothing runs unasked.
import { randomUUID } from 'node:crypto';
import {
	closeSync,
	mkdtempSync,
	openSync,
	readFileSync,
	readSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { sleep } from './host.mjs';
import { packageInstaller } from './package.mjs';
import { startQueueMode } from './queueMode.mjs';

const MANUAL_TRIGGER = 'n8n-nodes-base.manualTrigger';
const TIMED_TRIGGERS = [
	'n8n-nodes-base.scheduleTrigger',
	'n8n-nodes-base.cron',
	'n8n-nodes-base.interval',
];
const UNFINISHED = new Set(['new', 'running', 'waiting', 'unknown']);

/** A Webhook node (GET /webhook/<path>, answers with the last node's first item once the run ends). */
export function webhookNode(name, webhookPath, position = [0, -200]) {
	return {
		id: randomUUID(),
		name,
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position,
		webhookId: randomUUID(),
		parameters: { httpMethod: 'GET', path: webhookPath, responseMode: 'lastNode', options: {} },
	};
}

/**
 * A copy of `workflow` that a webhook starts (GET <webhookUrl>/<path>): a Webhook node wired
 * like its Manual Trigger, timed triggers disabled, active.
 */
export function webhookTriggered(workflow, webhookPath = `run-${workflow.id}`) {
	const copy = structuredClone(workflow);
	const manual = copy.nodes.find((node) => node.type === MANUAL_TRIGGER);
	if (!manual) throw new Error(`workflow ${workflow.id} has no Manual Trigger to start from`);
	for (const node of copy.nodes) if (TIMED_TRIGGERS.includes(node.type)) node.disabled = true;
	const webhook = webhookNode('Queue-mode webhook', webhookPath, [
		manual.position[0],
		manual.position[1] - 200,
	]);
	copy.nodes.push(webhook);
	copy.connections[webhook.name] = structuredClone(copy.connections[manual.name] ?? { main: [[]] });
	copy.active = true;
	return copy;
}

/** Appended text of several log files since a mark. */
function logReader(files) {
	const mark = () => Object.fromEntries(files().map((file) => [file, sizeOf(file)]));
	const since = (marked) =>
		files()
			.map((file) => {
				const from = marked[file] ?? 0;
				const length = sizeOf(file) - from;
				if (length <= 0) return '';
				const buffer = Buffer.alloc(length);
				const fd = openSync(file, 'r');
				readSync(fd, buffer, 0, length, from);
				closeSync(fd);
				return buffer.toString('utf8');
			})
			.join('\n');
	return { mark, since };
}

function sizeOf(file) {
	try {
		return statSync(file).size;
	} catch {
		return 0;
	}
}

/** What `GET /rest/...` answers: n8n wraps most bodies in `{ data }`. */
const unwrap = (body) => (body && typeof body === 'object' && 'data' in body ? body.data : body);

/** Drives a started queue-mode stack like N8nCli drives a one-process n8n. */
export class QueueN8n {
	constructor(stack, runtime, webhookPaths = {}) {
		this.stack = stack;
		this.runtime = runtime;
		this.webhookPaths = { ...webhookPaths };
		this.workDir = mkdtempSync(path.join(stack.baseDir, 'driver-'));
		const require = createRequire(path.join(runtime.folder, 'package.json'));
		this.flatted = require('flatted');
		this.logs = logReader(() => [
			stack.main.logFile,
			...stack.workers.map((worker) => worker.logFile),
		]);
	}

	/** The newest executions of one workflow (100 at most): [{ id, status, startedAt, … }]. */
	async executions(workflowId, limit = 100) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const body = unwrap(
			await this.stack.rest('GET', `/executions?filter=${filter}&limit=${limit}`),
		);
		return body.results ?? body;
	}

	/**
	 * Waits until `count` executions of the workflow newer than `after` (an execution id, from
	 * lastExecutionId) have ended; returns those.
	 */
	async waitForExecutions(workflowId, after, count, timeoutMs = 180_000) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const fresh = (await this.executions(workflowId)).filter((entry) => Number(entry.id) > after);
			const ended = fresh.filter((entry) => !UNFINISHED.has(entry.status));
			if (ended.length >= count) return ended;
			if (Date.now() > deadline) {
				throw new Error(
					`workflow ${workflowId}: ${ended.length} of ${count} executions ended within ${timeoutMs / 1000} s (${fresh.length} started)`,
				);
			}
			await sleep(250);
		}
	}

	/** The id of the workflow's newest execution (0 without any); execution ids only grow. */
	async lastExecutionId(workflowId) {
		return Math.max(0, ...(await this.executions(workflowId)).map((entry) => Number(entry.id)));
	}

	/** One execution with its run data (IRunExecutionData, unflattened). */
	async execution(id) {
		const execution = unwrap(await this.stack.rest('GET', `/executions/${id}`));
		const data =
			typeof execution.data === 'string' ? this.flatted.parse(execution.data) : execution.data;
		return { ...execution, data };
	}

	/** GET <webhookUrl>/<path>: { status, text }. */
	async callWebhook(webhookPath, query = '') {
		const response = await fetch(`${this.stack.webhookUrl}/${webhookPath}${query}`);
		return { status: response.status, text: await response.text() };
	}

	/**
	 * Starts the workflow through its webhook, waits for the worker to finish it and reads it
	 * back: { ok, run, error, exit, output, items(nodeName), nodeError(nodeName), executionId }
	 * like N8nCli.execute; `output` is the stored execution and the n8n logs written meanwhile.
	 */
	async execute(workflowId) {
		const webhookPath = this.webhookPaths[workflowId];
		if (!webhookPath) throw new Error(`workflow ${workflowId} was not imported with a webhook`);
		const after = await this.lastExecutionId(workflowId);
		const logMark = this.logs.mark();
		const answer = await this.callWebhook(webhookPath);
		const [ended] = await this.waitForExecutions(workflowId, after, 1);
		const run = await this.execution(ended.id);
		// the worker's own lines about this execution come right after it ended
		await sleep(200);
		const error = run.data?.resultData?.error;
		const nodeRun = (nodeName) => run.data?.resultData?.runData?.[nodeName]?.[0];
		return {
			ok: run.status === 'success' && !error,
			run,
			error,
			exit: run.status,
			executionId: String(ended.id),
			webhookAnswer: answer,
			output: `${JSON.stringify(run)}\n${answer.text}\n${this.logs.since(logMark)}`,
			items: (nodeName) => (nodeRun(nodeName)?.data?.main?.[0] ?? []).map((item) => item.json),
			nodeError: (nodeName) => nodeRun(nodeName)?.error,
		};
	}

	/** Decrypted credentials as stored, by id (`n8n export:credentials --decrypted`). */
	async exportCredentials() {
		const file = path.join(this.workDir, `export-${Date.now()}.json`);
		await this.stack.cli(['export:credentials', '--all', '--decrypted', `--output=${file}`]);
		const list = JSON.parse(readFileSync(file, 'utf8'));
		rmSync(file);
		return Object.fromEntries(list.map((credential) => [credential.id, credential]));
	}

	/** `n8n import:credentials`: creates or replaces these credentials in the database. */
	async importCredentials(credentials) {
		const file = path.join(this.workDir, `credentials-${Date.now()}.json`);
		writeFileSync(file, JSON.stringify(credentials));
		try {
			await this.stack.cli(['import:credentials', `--input=${file}`]);
		} finally {
			rmSync(file, { force: true });
		}
	}
}

/**
 * A queue-mode n8n with the packed package in every process: `workflows` with a Manual
 * Trigger get a webhook (webhookTriggered), the others (their own Webhook node) are imported
 * as they are and should be `active`. Returns { stack, n8n: QueueN8n, stop() }.
 */
export async function startQueueN8n({ runtime, tarball, workflows = [], ...options }) {
	const webhookPaths = {};
	const imported = workflows.map((workflow) => {
		if (!workflow.nodes.some((node) => node.type === MANUAL_TRIGGER)) return workflow;
		const triggered = webhookTriggered(workflow);
		webhookPaths[workflow.id] = `run-${workflow.id}`;
		return triggered;
	});
	const stack = await startQueueMode({
		runtime,
		installPackage: packageInstaller(tarball),
		workflows: imported,
		...options,
	});
	const n8n = new QueueN8n(stack, runtime, webhookPaths);
	return { stack, n8n, stop: (stopOptions) => stack.stop(stopOptions) };
}
