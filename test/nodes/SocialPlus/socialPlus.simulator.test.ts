import { SEED_USER_IDENTIFIER, SocialPlusSimulator } from '../../simulators/socialPlus';
import { useSimulator } from '../../harness/useSimulator';

// The simulator must be as strict as the documents, or the node tests prove little.
const simulator = useSimulator(new SocialPlusSimulator());

async function get(resource: string, query: Record<string, string>, method = 'GET') {
	const response = await fetch(
		`${simulator.baseUrl}/api/${resource}?${new URLSearchParams(query)}`,
		{ method },
	);
	const text = await response.text();
	return { status: response.status, body: JSON.parse(text), text };
}

const key = () => simulator.apiKey;

describe('Social PLUS simulator is strict to the documents', () => {
	test('no key or an unknown key: 401 code 1 in the documented error shape, the key never echoed', async () => {
		expect(await get('users', {})).toMatchObject({
			status: 401,
			body: { status: 'failed', error: { code: 1, message: 'Invalid API key or key not found.' } },
		});
		const wrong = await get('users', { key: 'sp-guess-123' });
		expect(wrong.status).toBe(401);
		expect(wrong.text).not.toContain('sp-guess-123');
	});

	test('the key is read from the query only (a header does not count)', async () => {
		const response = await fetch(`${simulator.baseUrl}/api/users`, {
			headers: { key: key(), 'x-api-key': key() },
		});
		expect(response.status).toBe(401);
	});

	test('only GET is served', async () => {
		expect((await get('users', { key: key() }, 'POST')).status).toBe(405);
	});

	test('a user lookup needs identifier or primary_key (code 5)', async () => {
		expect(await get('user_attribute', { key: key() })).toMatchObject({
			status: 400,
			body: { error: { code: 5 } },
		});
	});

	test('identifier over 40 characters and non-ASCII or over-long primary_key are Invalid parameter (code 6)', async () => {
		for (const query of <Array<Record<string, string>>>[
			{ identifier: 'a'.repeat(41) },
			{ primary_key: '会員123' },
			{ primary_key: 'with space' },
			{ primary_key: 'x'.repeat(256) },
		]) {
			expect(await get('user_attribute', { key: key(), ...query })).toMatchObject({
				status: 400,
				body: { status: 'failed', error: { code: 6, message: 'Invalid parameter.' } },
			});
		}
		expect(
			(await get('user_attribute', { key: key(), primary_key: '!~'.repeat(127) + '!' })).status,
		).toBe(404);
	});

	test('an unknown user is 404 code 7; the seed user answers the seed example', async () => {
		expect(await get('user_attribute', { key: key(), identifier: 'nobody' })).toMatchObject({
			status: 404,
			body: { error: { code: 7, message: 'Entity not found.' } },
		});
		const seed = await get('user_attribute', { key: key(), identifier: SEED_USER_IDENTIFIER });
		expect(seed.status).toBe(200);
		expect(seed.body.status).toBe('ok');
		expect(Object.keys(seed.body.providers)).toEqual(['line', 'yahoo']);
	});

	test('users: limit above 100, a negative page, a bad period or mapped value are code 6; default limit is 20', async () => {
		for (const query of <Array<Record<string, string>>>[
			{ limit: '101' },
			{ limit: '0' },
			{ page: '-1' },
			{ created_within: '7 days' },
			{ mapped: 'all' },
		]) {
			expect((await get('users', { key: key(), ...query })).body.error.code).toBe(6);
		}
		const first = await get('users', { key: key() });
		expect(first.body).toMatchObject({ status: 'ok', total: 250, size: 20 });
		expect(first.body.users).toHaveLength(20);
	});

	test('booleans must be "true" or "false"', async () => {
		const token = simulator.issueLoginToken(SEED_USER_IDENTIFIER);
		expect(
			(await get('authenticated_user', { key: key(), token, add_profile: 'yes' })).body.error.code,
		).toBe(6);
	});

	test('a key without the privilege gets 403 code 12 on write APIs', async () => {
		expect(await get('create_user', { key: simulator.readOnlyApiKey })).toMatchObject({
			status: 403,
			body: { error: { code: 12, message: 'Privilege not granted.' } },
		});
	});
});
