import { SocialPlusApi } from '../../credentials/SocialPlusApi.credentials';
import { CredentialStore } from '../harness/credentialStore';
import { expectNoSecrets } from '../harness/secrets';
import { testCredential } from '../harness/testCredential';
import { SocialPlusSimulator } from '../simulators/socialPlus';
import { useSimulator } from '../harness/useSimulator';

const simulator = useSimulator(new SocialPlusSimulator());

const store = (apiKey: string) =>
	new CredentialStore({ socialPlusApi: { apiKey, baseUrl: simulator.baseUrl } });

describe('Social PLUS credential', () => {
	test('the Test button proves a good key with one cheap users call (limit 1), key in the query', async () => {
		const result = await testCredential(new SocialPlusApi(), store(simulator.apiKey));
		expect(result).toEqual({ status: 'OK', message: 'Connection tested successfully' });
		expect(simulator.count('users')).toBe(1);
		expect(simulator.totalCalls()).toBe(1);
	});

	test("the Test button fails on a wrong key with Social PLUS's own words and never shows the key", async () => {
		const result = await testCredential(new SocialPlusApi(), store('sp-wrong-key-0123456789'));
		expect(result.status).toBe('Error');
		expect(result.message).toContain('Invalid API key or key not found.');
		expect(result.message).toContain('[code 1] (HTTP 401)');
		expectNoSecrets(result, ['sp-wrong-key-0123456789']);
	});

	test('authenticate adds the key as the "key" query parameter and keeps the other parameters', async () => {
		const options = await new SocialPlusApi().authenticate(
			{ apiKey: 'sp-abc', baseUrl: 'https://api.socialplus.jp/' },
			{ url: '/api/users', qs: { limit: 5 } },
		);
		expect(options).toMatchObject({
			baseURL: 'https://api.socialplus.jp',
			url: '/api/users',
			qs: { limit: 5, key: 'sp-abc' },
		});
	});

	test("from n8n's HTTP Request node an absolute URL is left alone and still gets the key", async () => {
		const options = await new SocialPlusApi().authenticate(
			{ apiKey: 'sp-abc', baseUrl: 'https://api.socialplus.jp' },
			{ url: 'https://api.socialplus.jp/api/appinfo' },
		);
		expect(options.baseURL).toBeUndefined();
		expect(options.qs).toEqual({ key: 'sp-abc' });
	});

	test("advertises itself to n8n's HTTP Request node", () => {
		expect(new SocialPlusApi().httpRequestNode).toEqual({
			name: 'Social PLUS',
			docsUrl: expect.any(String),
			apiBaseUrl: 'https://api.socialplus.jp/api/',
		});
	});
});
