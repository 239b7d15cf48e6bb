import { RollerApi } from '../../credentials/RollerApi.credentials';
import { CredentialStore } from '../harness/credentialStore';
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
