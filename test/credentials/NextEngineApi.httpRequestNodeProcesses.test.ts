import * as workflow from 'n8n-workflow';
import type { ICredentialType } from 'n8n-workflow';

import type { CredentialStore } from '../harness/credentialStore';
import { expectNoSecrets } from '../harness/secrets';
import { useSimulator } from '../harness/useSimulator';
import { NextEngineSimulator } from '../simulators/nextEngine';
import { NE, runNextEngine, searchOrders, secretsOf, storeFor } from '../nodes/NextEngine/helpers';
import {
	fakeDateAdvancing,
	storedEnd,
	viaHttpRequestNode as viaHttpRequestNodeOf,
} from './nextEngineHttpRequestNode';

// Several n8n processes (queue-mode workers) run n8n's HTTP Request node with one Next Engine
// credential. They share the stored credential only: each loads the package afresh, with its
// own memory of checks in progress (renewOnce).
const simulator = useSimulator(new NextEngineSimulator({ orderCount: 20 }));

const MINUTE = 60_000;

afterEach(() => {
	jest.useRealTimers();
});

/** The Next Engine credential as one n8n process loads it. */
function loadProcess(): ICredentialType {
	let credentialType: ICredentialType | undefined;
	jest.isolateModules(() => {
		jest.doMock('n8n-workflow', () => workflow);
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { NextEngineApi } = require('../../credentials/NextEngineApi.credentials');
		credentialType = new NextEngineApi();
	});
	return credentialType!;
}

const viaHttpRequestNode = (credentialType: ICredentialType, store: CredentialStore) =>
	viaHttpRequestNodeOf(simulator, credentialType, store);

/** `executions` HTTP Request node executions started at once, execution i in process i mod n. */
async function burst(processes: ICredentialType[], store: CredentialStore, executions = 20) {
	const runs = await Promise.all(
		Array.from({ length: executions }, async (_, execution) => {
			const process = processes[execution % processes.length];
			return { process, ...(await viaHttpRequestNode(process, store)) };
		}),
	);
	return {
		failed: runs.filter((run) => run.error),
		succeeded: runs.filter((run) => !run.error && run.answer.result === 'success').length,
		redirected: runs.filter((run) => run.answer.result === 'redirect').length,
	};
}

/** A settled pair, our clock at `offsetFromEnd` of its end, the store as slow as a database. */
function storeAt(offsetFromEnd: number) {
	fakeDateAdvancing();
	const store = storeFor(simulator);
	jest.setSystemTime(storedEnd(store) + offsetFromEnd);
	store.latencyMs = 3;
	return store;
}

describe("Next Engine credential through n8n's HTTP Request node in several n8n processes", () => {
	test.each([2, 3])(
		'%i processes, 20 executions at once just after the end: one check per process, one rotates; the losing processes\' executions fail with "run again", lose nothing, and succeed when retried',
		async (processCount) => {
			const store = storeAt(5_000);
			const processes = Array.from({ length: processCount }, loadProcess);
			const { failed, succeeded, redirected } = await burst(processes, store);
			expect(simulator.rotations).toBe(1);
			expect(redirected).toBe(0);
			expect(simulator.count('login_user_info')).toBe(processCount);
			// every execution of a process that lost the race shares its refused check
			expect(failed.length + succeeded).toBe(20);
			expect(failed.length).toBeLessThanOrEqual(20 - Math.floor(20 / processCount));
			for (const { error } of failed) {
				expect(`${error?.message} ${error?.description}`).toMatch(/002004.*run again/s);
				expectNoSecrets(error, secretsOf(store));
			}
			expect(simulator.isLive(String(store.get(NE).accessToken))).toBe(true);
			simulator.resetCounters();
			// what the HTTP Request node's "Retry On Fail" does: the retry reads the stored pair
			for (const { process } of failed) {
				expect((await viaHttpRequestNode(process, store)).answer.result).toBe('success');
			}
			for (const process of processes) {
				expect((await viaHttpRequestNode(process, store)).answer.result).toBe('success');
			}
			expect(simulator.count('login_user_info')).toBe(0);
			expect((await runNextEngine(store, searchOrders())).error).toBeUndefined();
			expect(simulator.rotations).toBe(0);
		},
	);

	test('2 processes, 20 executions at once within the margin (Next Engine not yet at the end): checks that do not rotate, 0 failed', async () => {
		const store = storeAt(-5 * MINUTE);
		const { failed, succeeded } = await burst([loadProcess(), loadProcess()], store);
		expect(failed).toHaveLength(0);
		expect(succeeded).toBe(20);
		expect(simulator.rotations).toBe(0);
		expect(simulator.count('login_user_info')).toBeLessThanOrEqual(2);
	});

	test("2 processes, 20 executions at once with Next Engine's clock 7 minutes ahead, ours 5 minutes before the end: one rotates, a losing process's executions fail, no pair lost", async () => {
		const store = storeAt(-5 * MINUTE);
		simulator.clock.advance(7 * MINUTE);
		const { failed, succeeded } = await burst([loadProcess(), loadProcess()], store);
		expect(simulator.rotations).toBe(1);
		expect(failed.length + succeeded).toBe(20);
		expect(simulator.isLive(String(store.get(NE).accessToken))).toBe(true);
	});

	test('2 processes with steady traffic across the end: 0 failed, 2 checks and 1 rotation in all', async () => {
		const store = storeAt(-20 * MINUTE);
		const processes = [loadProcess(), loadProcess()];
		const end = storedEnd(store);
		for (let at = end - 20 * MINUTE; at <= end + 5 * MINUTE; at += 30_000) {
			jest.setSystemTime(at);
			for (const process of processes) {
				const { error, answer } = await viaHttpRequestNode(process, store);
				expect(error).toBeUndefined();
				expect(answer.result).toBe('success');
			}
		}
		expect(simulator.count('login_user_info')).toBe(2);
		expect(simulator.rotations).toBe(1);
		expect(simulator.redirects).toBe(0);
	});
});
