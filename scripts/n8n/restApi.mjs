// n8n's internal REST API (/rest) as the owner of an `n8n start`ed instance (server.mjs): what
// the suite's server checks and the demo do the way the editor does it. The same calls answer
// on the tested 1.x and 2.x unless a method says otherwise.
import { createRequire } from 'node:module';
import path from 'node:path';

import { sleep } from './host.mjs';

const UNFINISHED = new Set(['new', 'running', 'waiting', 'unknown']);

/** n8n wraps most answers in `{ data }`. */
const unwrap = (body) => (body && typeof body === 'object' && 'data' in body ? body.data : body);

/** The output items (their json) of a node's first run in a stored execution. */
export function executionItems(execution, nodeName) {
	const run = execution.data?.resultData?.runData?.[nodeName]?.[0];
	return (run?.data?.main?.[0] ?? []).map((item) => item.json);
}

export class N8nRest {
	/** `base` http://localhost:<port>, `cookie` the owner's session cookie, `runtime` from ensureN8n. */
	constructor({ base, cookie, runtime }) {
		this.base = base;
		this.cookie = cookie;
		this.runtime = runtime;
		// stored executions are flattened with n8n's own copy of `flatted`
		this.flatted = createRequire(path.join(runtime.folder, 'package.json'))('flatted');
	}

	/** One call: rest('GET', '/workflows/1') → the answer's `data` (or the whole answer). */
	async call(method, restPath, body) {
		const response = await fetch(`${this.base}/rest${restPath}`, {
			method,
			headers: {
				cookie: this.cookie,
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) {
			throw new Error(`${method} /rest${restPath}: HTTP ${response.status} ${text.slice(0, 500)}`);
		}
		return text ? unwrap(JSON.parse(text)) : undefined;
	}

	/** A credential as the editor saves it: { id, name, type, … } (n8n gives the id). */
	async createCredential({ name, type, data }) {
		return await this.call('POST', '/credentials', { name, type, data });
	}

	/** A workflow as the editor saves it (inactive): { id, versionId, … } (n8n gives the id). */
	async createWorkflow({ name, nodes, connections, settings = { executionOrder: 'v1' } }) {
		// n8n 1.x needs `active` (2.x leaves it out: activation is its own call)
		const workflow = { name, nodes, connections, settings, active: false };
		return await this.call('POST', '/workflows', workflow);
	}

	async workflow(id) {
		return await this.call('GET', `/workflows/${id}`);
	}

	/**
	 * Activates (2.x: publishes) the workflow's current version, as the editor's switch does:
	 * POST /rest/workflows/:id/activate with its versionId (1.123 and 2.x). Resolves once its
	 * triggers and webhooks are registered (see settledPublication).
	 */
	async activate(id) {
		const { versionId } = await this.workflow(id);
		const activated = await this.call('POST', `/workflows/${id}/activate`, { versionId });
		const publication = await this.settledPublication(id);
		if (publication && publication.status !== 'published') {
			const reasons = (publication.triggers ?? [])
				.map((trigger) => trigger.errorMessage)
				.filter(Boolean);
			throw new Error(`workflow ${id} is ${publication.status}: ${reasons.join('; ')}`);
		}
		return activated;
	}

	/** Deactivates (2.x: unpublishes) the workflow; resolves once its triggers are removed. */
	async deactivate(id) {
		const deactivated = await this.call('POST', `/workflows/${id}/deactivate`, {});
		await this.settledPublication(id);
		return deactivated;
	}

	/**
	 * n8n 2.x (its publication service) registers an activated workflow's triggers and webhooks
	 * in the background, after the activate call has answered (within 15 s): this waits until
	 * GET /rest/workflows/:id/publication-status is no longer `in_progress` and returns it
	 * ({ status: 'published' | 'failed' | 'partial' | 'not_published', triggers }). Without that
	 * route (n8n 1.x, or the service off) activation was done when the call answered: undefined.
	 */
	async settledPublication(id, timeoutMs = 60_000) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			let publication;
			try {
				publication = await this.call('GET', `/workflows/${id}/publication-status`);
			} catch (error) {
				if (/: HTTP 404 /.test(error.message)) return undefined;
				throw error;
			}
			if (publication.status !== 'in_progress') return publication;
			if (Date.now() > deadline) {
				throw new Error(`workflow ${id}: still being published after ${timeoutMs / 1000} s`);
			}
			await sleep(200);
		}
	}

	/**
	 * "Execute workflow" in the editor, started from one trigger node; resolves with the id of
	 * the execution n8n started (read it with waitForExecutions / execution).
	 */
	async runManually(id, triggerName) {
		const body =
			this.runtime.major >= 2
				? { triggerToStartFrom: { name: triggerName } }
				: { workflowData: await this.workflow(id), triggerToStartFrom: { name: triggerName } };
		const answer = await this.call('POST', `/workflows/${id}/run`, body);
		if (!answer?.executionId) {
			throw new Error(`n8n started no execution: ${JSON.stringify(answer).slice(0, 300)}`);
		}
		return String(answer.executionId);
	}

	/** Why the workflow's newest execution failed, in one line ('' when it did not). */
	async lastFailure(workflowId) {
		const last = await this.lastExecutionId(workflowId);
		if (!last) return 'no execution';
		const { status, data } = await this.execution(last);
		const error = data?.resultData?.error;
		const node = data?.resultData?.lastNodeExecuted;
		return error ? `execution ${last} ${status} at "${node}": ${error.message}` : '';
	}

	/** The newest executions of one workflow (at most `limit`): [{ id, status, mode, … }]. */
	async executions(workflowId, limit = 50) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const body = await this.call('GET', `/executions?filter=${filter}&limit=${limit}`);
		return body.results ?? body;
	}

	/** The id of the workflow's newest execution (0 without any); execution ids only grow. */
	async lastExecutionId(workflowId) {
		return Math.max(0, ...(await this.executions(workflowId)).map((entry) => Number(entry.id)));
	}

	/**
	 * Waits until `count` executions of the workflow newer than `after` (an execution id) have
	 * ended; returns those, oldest first.
	 */
	async waitForExecutions(workflowId, { after = 0, count = 1, timeoutMs = 60_000 } = {}) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const fresh = (await this.executions(workflowId)).filter((entry) => Number(entry.id) > after);
			const ended = fresh.filter((entry) => !UNFINISHED.has(entry.status));
			if (ended.length >= count) return ended.sort((a, b) => Number(a.id) - Number(b.id));
			if (Date.now() > deadline) {
				throw new Error(
					`workflow ${workflowId}: ${ended.length} of ${count} executions ended within ${timeoutMs / 1000} s (${fresh.length} started)`,
				);
			}
			await sleep(500);
		}
	}

	/** One stored execution with its run data unflattened: { id, status, mode, data, … }. */
	async execution(id) {
		const execution = await this.call('GET', `/executions/${id}`);
		const data =
			typeof execution.data === 'string' ? this.flatted.parse(execution.data) : execution.data;
		return { ...execution, data };
	}

	async personalProjectId() {
		return (await this.call('GET', '/projects/personal')).id;
	}

	/**
	 * A Data Table in the owner's project, as "Create data table" in the editor makes it;
	 * `columns` [{ name, type: 'string' | 'number' | 'boolean' | 'date' }]. Returns { id, … }.
	 */
	async createDataTable(name, columns) {
		const project = await this.personalProjectId();
		return await this.call('POST', `/projects/${project}/data-tables`, { name, columns });
	}

	/** Adds rows ([{ column: value }]) to a Data Table, as the editor's "Add row" does. */
	async insertDataTableRows(tableId, rows) {
		const project = await this.personalProjectId();
		return await this.call('POST', `/projects/${project}/data-tables/${tableId}/insert`, {
			data: rows,
		});
	}

	/** Every row of a Data Table (first 1000). */
	async dataTableRows(tableId) {
		const project = await this.personalProjectId();
		const body = await this.call(
			'GET',
			`/projects/${project}/data-tables/${tableId}/rows?skip=0&take=1000`,
		);
		return body.data ?? body;
	}
}
