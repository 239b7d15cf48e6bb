import { RollerApi } from '../../credentials/RollerApi.credentials';
import { Roller } from '../../nodes/Roller/Roller.node';
import { CredentialStore } from '../harness/credentialStore';
import { runNode } from '../harness/runNode';
import { testCredential } from '../harness/testCredential';
import { expectNoSecrets } from '../harness/secrets';
import { RollerSimulator } from '../simulators/roller';
import { useSimulator } from '../harness/useSimulator';

const simulator = useSimulator(new RollerSimulator());

const store = (password: string) =>
	new CredentialStore({
		rollerApi: {
			sessionToken: '',
			userName: simulator.userName,
			password,
			baseUrl: simulator.baseUrl,
		},
	});

describe('ROLLER credential', () => {
	test('the Test button logs in and proves the token with /account/me', async () => {
		const result = await testCredential(new RollerApi(), store(simulator.password));
		expect(result).toEqual({ status: 'OK', message: 'Connection tested successfully' });
		expect(simulator.count('login')).toBe(1);
		expect(simulator.count('me')).toBe(1);
	});

	test("the Test button fails on a wrong password with ROLLER's own words and no password", async () => {
		const result = await testCredential(new RollerApi(), store('not-the-password'));
		expect(result.status).toBe('Error');
		expect(result.message).toBe('ROLLER: login failed: Invalid credentials (HTTP 401)');
		expectNoSecrets(result, ['not-the-password']);
	});

	test('a Session Lifetime under 5 minutes is refused with the field and what to set, before any call', async () => {
		const short = new CredentialStore({
			rollerApi: { ...store(simulator.password).get('rollerApi'), sessionLifetimeMinutes: 1 },
		});
		const result = await testCredential(new RollerApi(), short);
		expect(result.status).toBe('Error');
		expect(result.message).toBe(
			'ROLLER: login failed: "Session Lifetime (Minutes)" is 1: set 0 (no lifetime of your own) or at least 5 minutes in the credential, since the credential renews a token up to 2 minutes before its end',
		);
		expect(simulator.count('login')).toBe(0);
	});

	test('a Session Lifetime of 5 minutes asks ROLLER for that end, and the token is kept for the next calls', async () => {
		const five = new CredentialStore({
			rollerApi: { ...store(simulator.password).get('rollerApi'), sessionLifetimeMinutes: 5 },
		});
		for (let run = 0; run < 2; run++) {
			const result = await runNode({
				nodeType: new Roller(),
				credentialTypes: [new RollerApi()],
				credentials: ['rollerApi'],
				store: five,
				parameters: { resource: 'account', operation: 'getMe' },
			});
			expect(result.error).toBeUndefined();
		}
		expect(simulator.count('login')).toBe(1);
		const login = simulator.log.find((entry) => entry.route === 'login')!;
		const asked = Date.parse(JSON.parse(login.body).expire) - Date.now();
		expect(asked).toBeGreaterThan(4 * 60_000);
		expect(asked).toBeLessThanOrEqual(5 * 60_000);
	});

	test('the login sends the documented JSON body and headers', async () => {
		await testCredential(new RollerApi(), store(simulator.password));
		const login = simulator.log.find((entry) => entry.route === 'login')!;
		expect(login.headers['content-type']).toMatch(/^application\/json/);
		expect(JSON.parse(login.body)).toEqual({
			userName: simulator.userName,
			password: simulator.password,
		});
		const me = simulator.log.find((entry) => entry.route === 'me')!;
		expect(me.headers.authorization).toMatch(/^Bearer roller_/);
	});

	test("advertises itself to n8n's HTTP Request node", () => {
		expect(new RollerApi().httpRequestNode).toEqual({
			name: 'ROLLER',
			docsUrl: expect.any(String),
			apiBaseUrl: 'https://api.receiptroller.com',
		});
	});
});
