import { RollerSimulator } from '../../simulators/roller';
import { useSimulator } from '../../harness/useSimulator';

// Workers logging each other out must be tested, not assumed: the simulator can end a user's
// earlier tokens on every new login, as providers with one session per account do.
const simulator = useSimulator(new RollerSimulator());

async function login() {
	const response = await fetch(`${simulator.baseUrl}/account/login`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ userName: simulator.userName, password: simulator.password }),
	});
	return ((await response.json()) as { token: string }).token;
}

async function me(token: string) {
	return (
		await fetch(`${simulator.baseUrl}/account/me`, {
			headers: { Authorization: `Bearer ${token}` },
		})
	).status;
}

describe('ROLLER simulator sessions', () => {
	test('by default every token works until its end: two logins, both accepted', async () => {
		expect(simulator.singleSession).toBe(false);
		const [first, second] = [await login(), await login()];
		expect([await me(first), await me(second)]).toEqual([200, 200]);
		expect(simulator.staleTokenCalls).toBe(0);
	});

	test('singleSession: a new login ends every earlier token of the user (401), counted as a stale-token call', async () => {
		simulator.singleSession = true;
		const first = await login();
		const second = await login();
		expect(await me(first)).toBe(401);
		expect(await me(second)).toBe(200);
		expect(simulator.tokens.endedTokenCalls).toBe(1);
		expect(simulator.staleTokenCalls).toBe(1);
	});

	test('a login by another client counts as a login and ends earlier tokens too', async () => {
		simulator.singleSession = true;
		const first = await login();
		const elsewhere = simulator.loginElsewhere();
		expect(await me(first)).toBe(401);
		expect(await me(elsewhere.token)).toBe(200);
		expect(simulator.count('login')).toBe(2);
	});

	test("a token past its end on ROLLER's clock is refused and counted as expired", async () => {
		const token = await login();
		simulator.clock.advanceHours(25);
		expect(await me(token)).toBe(401);
		expect(simulator.tokens.expiredTokenCalls).toBe(1);
	});

	test('reset() switches single session off again and forgets every token', async () => {
		simulator.singleSession = true;
		const token = await login();
		simulator.reset();
		expect(simulator.singleSession).toBe(false);
		expect(await me(token)).toBe(401);
		expect(simulator.staleTokenCalls).toBe(0);
	});
});
