import { tokenRenewalProperty } from '../../../nodes/shared/renewalProtocol';
import { CredentialStore } from '../../harness/credentialStore';
import {
	burstOver,
	loadPackageProcess,
	withProperties,
	type PackageProcess,
} from '../../harness/packageProcess';
import { runNode } from '../../harness/runNode';
import { useSimulator } from '../../harness/useSimulator';
import { RollerSimulator } from '../../simulators/roller';

// Several n8n processes (queue-mode workers) share one credential store and nothing else: each
// "process" below is the package loaded afresh, with its own memory.
const simulator = useSimulator(new RollerSimulator());

const getMe = { resource: 'account', operation: 'getMe' };

/** ROLLER's credential type in a process, with the renewal claim field when asked for. */
function rollerApiOf(process: PackageProcess, claimField: boolean) {
	const type = process.credentials.rollerApi;
	return claimField ? withProperties(type, tokenRenewalProperty) : type;
}

async function runGetMe(process: PackageProcess, store: CredentialStore, claimField: boolean) {
	return await runNode({
		nodeType: process.nodes.roller,
		credentialTypes: [rollerApiOf(process, claimField)],
		credentials: ['rollerApi'],
		store,
		parameters: getMe,
	});
}

/** A stored token that has reached its end, on ROLLER's clock and on ours; counters at zero. */
async function storeWithEndedToken(extra: Record<string, string> = {}) {
	const store = new CredentialStore({
		rollerApi: {
			sessionToken: '',
			sessionExpiresAt: '',
			userName: simulator.userName,
			password: simulator.password,
			sessionLifetimeMinutes: 0,
			baseUrl: simulator.baseUrl,
		},
	});
	const first = await runGetMe(loadPackageProcess(), store, false);
	expect(first.error).toBeUndefined();
	simulator.clock.advanceHours(25);
	store.set('rollerApi', {
		...store.get('rollerApi'),
		sessionExpiresAt: new Date(Date.now() - 1000).toISOString(),
		...extra,
	});
	simulator.resetCounters();
	// Reads and writes take a few milliseconds, as through n8n and PostgreSQL.
	store.latencyMs = 3;
	return store;
}

async function burstAtExpiry(processCount: number, claimField: boolean) {
	const store = await storeWithEndedToken();
	const processes = Array.from({ length: processCount }, () => loadPackageProcess());
	const runs = await burstOver(processes, 20, async (process) =>
		runGetMe(process, store, claimField),
	);
	return { store, failed: runs.filter((run) => run.error).length };
}

describe('ROLLER node in several n8n processes sharing one credential store', () => {
	test('20 executions at expiry over 2 processes: 0 failed, one login per process at most', async () => {
		const { failed } = await burstAtExpiry(2, false);
		expect(failed).toBe(0);
		expect(simulator.count('login')).toBeLessThanOrEqual(2);
		expect(simulator.count('me')).toBe(20);
	});

	test('with the renewal claim field: 20 executions at expiry over 3 processes cost 1 login, 0 failed', async () => {
		const { failed, store } = await burstAtExpiry(3, true);
		expect(failed).toBe(0);
		expect(simulator.count('login')).toBe(1);
		expect(simulator.count('me')).toBe(20);
		expect(store.get('rollerApi').tokenRenewal).toBe('');
	});

	test('the shipped ROLLER credential carries the renewal claim: 20 executions at expiry over 3 processes cost 1 login, 0 failed', async () => {
		const { failed } = await burstAtExpiry(3, false);
		expect(failed).toBe(0);
		expect(simulator.count('login')).toBe(1);
	});

	test('single session (a login ends the earlier token): 20 executions over 2 processes, 0 failed', async () => {
		simulator.singleSession = true;
		const { failed } = await burstAtExpiry(2, false);
		expect(failed).toBe(0);
		expect(simulator.count('login')).toBeLessThanOrEqual(3);
		expect(simulator.count('me') - simulator.staleTokenCalls).toBe(20);
	});

	test('single session with the renewal claim field: 1 login over 3 processes, 0 failed, no call with an ended token', async () => {
		simulator.singleSession = true;
		const { failed } = await burstAtExpiry(3, true);
		expect(failed).toBe(0);
		expect(simulator.count('login')).toBe(1);
		expect(simulator.staleTokenCalls).toBe(0);
	});

	test('a call refused because another process logged in since (single session) takes the token that process stored: no login of its own', async () => {
		simulator.singleSession = true;
		const store = await storeWithEndedToken();
		await runGetMe(loadPackageProcess(), store, false);
		simulator.resetCounters();
		// Right after this execution read the store, another process logs in and stores its token.
		store.afterNextRead = async () => {
			const { token, expire } = simulator.loginElsewhere();
			store.set('rollerApi', {
				...store.get('rollerApi'),
				sessionToken: token,
				sessionExpiresAt: expire,
			});
		};
		const run = await runGetMe(loadPackageProcess(), store, false);
		expect(run.error).toBeUndefined();
		expect(simulator.count('login')).toBe(1);
		expect(simulator.count('me')).toBe(2);
		expect(simulator.staleTokenCalls).toBe(1);
	});

	test('a claim left by a process that stopped is ignored once it is 30 s old', async () => {
		const store = await storeWithEndedToken({
			tokenRenewal: `stopped-process.1@${Date.now() - 31_000}`,
		});
		const started = Date.now();
		const run = await runGetMe(loadPackageProcess(), store, true);
		expect(run.error).toBeUndefined();
		expect(simulator.count('login')).toBe(1);
		expect(Date.now() - started).toBeLessThan(3_000);
	});

	test('a failed login withdraws its claim, so other processes try at once instead of waiting', async () => {
		const store = await storeWithEndedToken({ password: 'not-the-password' });
		const run = await runGetMe(loadPackageProcess(), store, true);
		expect(run.error?.message).toBe('ROLLER: login failed: Invalid credentials (HTTP 401)');
		expect(store.get('rollerApi').tokenRenewal).toBe('');
	});
});
