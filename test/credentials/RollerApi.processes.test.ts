import { CredentialStore } from '../harness/credentialStore';
import { runHttpRequestNode } from '../harness/httpRequestNode';
import { burstOver, loadPackageProcess, type PackageProcess } from '../harness/packageProcess';
import { useSimulator } from '../harness/useSimulator';
import { RollerSimulator } from '../simulators/roller';

// n8n's HTTP Request node with the ROLLER API credential, in several n8n processes (queue-mode
// workers) sharing one credential store. That node gives the credential only authenticate and
// preAuthentication: no store reads, one retry.
const simulator = useSimulator(new RollerSimulator());

const me = () => `${simulator.baseUrl}/account/me`;

async function getMe(process: PackageProcess, store: CredentialStore) {
	return await runHttpRequestNode({
		credentialType: process.credentials.rollerApi,
		store,
		url: me(),
	});
}

/** A stored token whose end has passed on ROLLER's clock and ours; counters at zero. */
async function storeWithEndedToken() {
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
	expect((await getMe(loadPackageProcess(), store)).error).toBeUndefined();
	simulator.clock.advanceHours(25);
	store.set('rollerApi', {
		...store.get('rollerApi'),
		sessionExpiresAt: new Date(Date.now() - 1000).toISOString(),
	});
	simulator.resetCounters();
	store.latencyMs = 3;
	return store;
}

async function burstAtExpiry(processCount: number) {
	const store = await storeWithEndedToken();
	const processes = Array.from({ length: processCount }, () => loadPackageProcess());
	const runs = await burstOver(processes, 20, async (process) => await getMe(process, store));
	return runs.filter((run) => run.error).length;
}

describe("ROLLER credential through n8n's HTTP Request node in several n8n processes", () => {
	test('20 executions at expiry in one process: 1 login, no refused call, 0 failed', async () => {
		expect(await burstAtExpiry(1)).toBe(0);
		expect(simulator.count('login')).toBe(1);
		expect(simulator.count('me')).toBe(20);
		expect(simulator.staleTokenCalls).toBe(0);
	});

	test('20 executions at expiry over 2 processes: 0 failed, one login per process', async () => {
		expect(await burstAtExpiry(2)).toBe(0);
		expect(simulator.count('login')).toBe(2);
		expect(simulator.count('me')).toBe(20);
	});

	test('single session: 20 executions at expiry over 2 processes, 0 failed; the process whose token was ended logs in once more, no loop', async () => {
		simulator.singleSession = true;
		expect(await burstAtExpiry(2)).toBe(0);
		expect(simulator.count('login')).toBe(3);
		expect(simulator.count('me') - simulator.staleTokenCalls).toBe(20);
	});

	test('single session: a request whose token another process ended takes the token that process stored, seen by a later request, instead of logging in over it', async () => {
		simulator.singleSession = true;
		const store = await storeWithEndedToken();
		const worker = loadPackageProcess();
		expect((await getMe(worker, store)).error).toBeUndefined();
		simulator.resetCounters();
		// Right after the next execution read the store, another process logs in and stores its token.
		store.afterNextRead = async () => {
			const { token, expire } = simulator.loginElsewhere();
			store.set('rollerApi', {
				...store.get('rollerApi'),
				sessionToken: token,
				sessionExpiresAt: expire,
			});
		};
		const refused = getMe(worker, store);
		await new Promise((resolve) => setTimeout(resolve, 300));
		const later = getMe(worker, store);
		const runs = await Promise.all([refused, later]);
		expect(runs.map((run) => run.error)).toEqual([undefined, undefined]);
		expect(simulator.count('login')).toBe(1);
		expect(simulator.staleTokenCalls).toBe(1);
	});

	test('with steady traffic, the process whose renewal point comes first renews; the other reads its token from the store: 1 login', async () => {
		let [early, late] = [loadPackageProcess(), loadPackageProcess()];
		while (Math.abs(early.renewalMarginMs - late.renewalMarginMs) < 10_000)
			late = loadPackageProcess();
		if (early.renewalMarginMs < late.renewalMarginMs) [early, late] = [late, early];
		const store = await storeWithEndedToken();
		expect((await getMe(early, store)).error).toBeUndefined();
		simulator.resetCounters();
		// The token is now due for the early process only.
		const margin = (early.renewalMarginMs + late.renewalMarginMs) / 2;
		store.set('rollerApi', {
			...store.get('rollerApi'),
			sessionExpiresAt: new Date(Date.now() + margin).toISOString(),
		});
		for (let round = 0; round < 3; round++) {
			for (const process of [late, early])
				expect((await getMe(process, store)).error).toBeUndefined();
		}
		expect(simulator.count('login')).toBe(1);
		expect(simulator.count('me')).toBe(6);
	});
});
