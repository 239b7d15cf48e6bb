import { SocialPlusApi } from '../../../credentials/SocialPlusApi.credentials';
import { SocialPlus } from '../../../nodes/SocialPlus/SocialPlus.node';
import { CredentialStore } from '../../harness/credentialStore';
import { runNode } from '../../harness/runNode';
import { expectNoSecrets } from '../../harness/secrets';
import {
	SEED_USER_IDENTIFIER,
	SEED_USER_PRIMARY_KEY,
	SOCIAL_PLUS_ERRORS,
	SocialPlusSimulator,
} from '../../simulators/socialPlus';
import { useSimulator } from '../../harness/useSimulator';

const simulator = useSimulator(new SocialPlusSimulator());

function newStore(apiKey = simulator.apiKey) {
	return new CredentialStore({ socialPlusApi: { apiKey, baseUrl: simulator.baseUrl } });
}

async function runSocialPlus(
	parameters: Record<string, unknown>,
	extra: {
		items?: Array<Record<string, unknown>>;
		continueOnFail?: boolean;
		store?: CredentialStore;
	} = {},
) {
	return await runNode({
		nodeType: new SocialPlus(),
		credentialTypes: [new SocialPlusApi()],
		credentials: ['socialPlusApi'],
		store: extra.store ?? newStore(),
		parameters: { resource: 'user', ...parameters } as never,
		items: extra.items as never,
		continueOnFail: extra.continueOnFail,
	});
}

const byIdentifier = (identifier: string) => ({
	operation: 'getAttributes',
	userIdType: 'identifier',
	identifier,
});
const byPrimaryKey = (primaryKey: string) => ({
	operation: 'getAttributes',
	userIdType: 'primaryKey',
	primaryKey,
});

describe('Social PLUS node: Get Attributes (user_attribute)', () => {
	test('a user linked to LINE and Yahoo! gives the documented user and provider fields, by your user ID', async () => {
		const result = await runSocialPlus(byPrimaryKey(SEED_USER_PRIMARY_KEY));
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		const { user, providers } = result.items[0].json as {
			user: Record<string, unknown>;
			providers: Record<string, any>;
		};
		expect(result.items[0].json.status).toBeUndefined();
		expect(user).toEqual({
			identifier: SEED_USER_IDENTIFIER,
			primary_key: 'user_123',
			mapped_at: '2021-03-14T13:29:28Z',
			last_logged_in_at: '2021-04-10T09:42:41Z',
			last_logged_in_provider: 'yahoo',
			login_count: 40,
			created_at: '2012-04-10T08:19:07Z',
			profile_prohibited: false,
		});
		expect(Object.keys(providers).sort()).toEqual(['line', 'yahoo']);
		expect(providers.line).toMatchObject({
			line_id: 'U9810e27f7b07a65c69be1219f3400000',
			access_token:
				'eyJhbGciOiJIUzI1N123.Fp_kDPwxh-44g6BG...3HzycRR5eidPQ.5DFZn5NqLw...aBpUajz-b456',
			refresh_token: '4izfbBr...O5ih999',
			expires_at: '2020-08-04T08:36:51Z',
			friendship_status: true,
			friendship_status_updated_at: '2020-07-05T08:36:51Z',
		});
		expect(providers.yahoo).toMatchObject({
			yahoo_id: 'TJS7X3KFJ67MICRKZGKD200000',
			access_token: 'TdFj8xQH4fDUPcJP...TT6glzhqWFbsoY31YDxA--',
			refresh_token: 'A1fK4mABAAaTYkl...g8frHi7nkqbGJWZ6w~1',
			expires_at: '2020-07-05T10:01:11Z',
			access_token_secret: null,
		});
		expect(simulator.count('user_attribute')).toBe(1);
		expect(simulator.log[0].method).toBe('GET');
		expect(simulator.log[0].path).toBe('/api/user_attribute');
	});

	test('one item per login provider gives 2 items (LINE, Yahoo!) with token, expiry and the user IDs, paired to their input', async () => {
		const result = await runSocialPlus(
			{ ...byIdentifier('={{ $json.id }}'), output: 'provider' },
			{
				items: [{ id: 'unrelated-first-item-is-missing' }, { id: SEED_USER_IDENTIFIER }],
				continueOnFail: true,
			},
		);
		const providerItems = result.items.filter((item) => item.json.provider);
		expect(providerItems).toHaveLength(2);
		expect(providerItems.map((item) => item.json.provider)).toEqual(['line', 'yahoo']);
		expect(providerItems[0].json).toMatchObject({
			provider: 'line',
			provider_user_id: 'U9810e27f7b07a65c69be1219f3400000',
			line_id: 'U9810e27f7b07a65c69be1219f3400000',
			access_token:
				'eyJhbGciOiJIUzI1N123.Fp_kDPwxh-44g6BG...3HzycRR5eidPQ.5DFZn5NqLw...aBpUajz-b456',
			refresh_token: '4izfbBr...O5ih999',
			expires_at: '2020-08-04T08:36:51Z',
			identifier: SEED_USER_IDENTIFIER,
			primary_key: SEED_USER_PRIMARY_KEY,
		});
		expect(providerItems[1].json).toMatchObject({
			provider: 'yahoo',
			provider_user_id: 'TJS7X3KFJ67MICRKZGKD200000',
			access_token: 'TdFj8xQH4fDUPcJP...TT6glzhqWFbsoY31YDxA--',
			expires_at: '2020-07-05T10:01:11Z',
			identifier: SEED_USER_IDENTIFIER,
		});
		expect(providerItems.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 1 }]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(simulator.count('user_attribute')).toBe(2);
	});

	test('Leave Out Provider Tokens removes every access/refresh token and secret but keeps IDs and dates', async () => {
		for (const output of ['user', 'provider']) {
			const result = await runSocialPlus({
				...byIdentifier(SEED_USER_IDENTIFIER),
				output,
				options: { omitTokens: true },
			});
			expect(result.error).toBeUndefined();
			const text = JSON.stringify(result.items);
			for (const field of [
				'access_token',
				'refresh_token',
				'access_token_secret',
				'client_access_token',
				'session_handle',
			]) {
				expect(text).not.toContain(`"${field}"`);
			}
			expect(text).not.toContain('4izfbBr');
			expect(text).toContain('U9810e27f7b07a65c69be1219f3400000');
			expect(text).toContain('2020-08-04T08:36:51Z');
		}
	});

	test("an unknown user is a clear error with the provider's code and text; the option turns it into an empty result", async () => {
		const missing = 'ffffffffffffffffffffffffffffffffffffffff';
		const failed = await runSocialPlus(byIdentifier(missing));
		expect(failed.error?.message).toBe('Social PLUS: Entity not found. [code 7] (HTTP 404)');
		expect(failed.error?.description).toContain('Return Empty Result If Not Found');

		const lenient = await runSocialPlus(
			{
				...byIdentifier('={{ $json.id }}'),
				output: 'provider',
				options: { emptyIfNotFound: true },
			},
			{
				items: [
					{ id: missing },
					{ id: SEED_USER_IDENTIFIER },
					{ id: 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee' },
				],
			},
		);
		expect(lenient.error).toBeUndefined();
		expect(lenient.items.map((item) => [item.json.provider, item.pairedItem])).toEqual([
			['line', { item: 1 }],
			['yahoo', { item: 1 }],
		]);
	});

	test('the empty-result option does not hide other errors (a wrong key still fails)', async () => {
		const result = await runSocialPlus(
			{ ...byIdentifier(SEED_USER_IDENTIFIER), options: { emptyIfNotFound: true } },
			{ store: newStore('sp-not-a-key-9876543210') },
		);
		expect(result.error?.message).toBe(
			'Social PLUS: Invalid API key or key not found. [code 1] (HTTP 401)',
		);
	});

	test("a wrong key gives Social PLUS's own words and a hint, and never shows the key anywhere", async () => {
		const badKey = 'sp-not-a-key-9876543210';
		const result = await runSocialPlus(byIdentifier(SEED_USER_IDENTIFIER), {
			store: newStore(badKey),
		});
		expect(result.error?.message).toBe(
			'Social PLUS: Invalid API key or key not found. [code 1] (HTTP 401)',
		);
		expect(result.error?.description).toContain('API Key');
		expect(simulator.count('user_attribute')).toBe(1);
		expectNoSecrets(result, [badKey]);
		const continued = await runSocialPlus(byIdentifier(SEED_USER_IDENTIFIER), {
			store: newStore(badKey),
			continueOnFail: true,
		});
		expect(continued.items[0].json.error).toBe(
			'Social PLUS: Invalid API key or key not found. [code 1] (HTTP 401)',
		);
		expectNoSecrets(continued, [badKey]);
	});

	test('no error of any documented code shows the (good) key', async () => {
		for (const code of Object.keys(SOCIAL_PLUS_ERRORS)) {
			simulator.failNext('user_attribute', Number(code));
			const result = await runSocialPlus(byIdentifier(SEED_USER_IDENTIFIER));
			expectNoSecrets(result, [simulator.apiKey]);
		}
	});

	test('a missing Social PLUS ID is a clear error naming the field, before any call', async () => {
		const result = await runSocialPlus(byIdentifier('={{ $json.id }}'), {
			items: [{ name: 'no id here' }],
		});
		expect(result.error?.message).toBe('Social PLUS ID: is required but empty');
		expect(simulator.totalCalls()).toBe(0);
	});

	test('a non-ASCII user ID (primary key) is a clear error naming the field, before any call', async () => {
		const result = await runSocialPlus(byPrimaryKey('会員-123'));
		expect(result.error?.message).toMatch(
			/^Your User ID: may contain only printable ASCII characters/,
		);
		expect(simulator.totalCalls()).toBe(0);
		const spaced = await runSocialPlus(byPrimaryKey('user 123'));
		expect(spaced.error?.message).toMatch(/^Your User ID: may contain only printable ASCII/);
		const long = await runSocialPlus(byPrimaryKey('a'.repeat(256)));
		expect(long.error?.message).toBe('Your User ID: must be at most 255 characters (got 256)');
		expect(simulator.totalCalls()).toBe(0);
	});

	test('a Social PLUS ID longer than 40 characters is refused before any call', async () => {
		const result = await runSocialPlus(byIdentifier('a'.repeat(41)));
		expect(result.error?.message).toMatch(
			/^Social PLUS ID: must be a Social PLUS ID of at most 40 characters/,
		);
		expect(simulator.totalCalls()).toBe(0);
	});

	test('one call per input item: 20 items, 20 calls, output in input order', async () => {
		const ids = simulator.users.slice(0, 20).map((user) => user.identifier);
		const result = await runSocialPlus(byIdentifier('={{ $json.id }}'), {
			items: ids.map((id) => ({ id })),
		});
		expect(
			result.items.map((item) => (item.json.user as { identifier: string }).identifier),
		).toEqual(ids);
		expect(simulator.count('user_attribute')).toBe(20);
	});
});

describe('Social PLUS node: every documented error code', () => {
	test.each(Object.entries(SOCIAL_PLUS_ERRORS))(
		"code %s keeps Social PLUS's code, text and HTTP status and adds a hint",
		async (code, [status, message]) => {
			simulator.failNext('user_attribute', Number(code));
			const result = await runSocialPlus(byIdentifier(SEED_USER_IDENTIFIER));
			expect(result.error?.message).toBe(`Social PLUS: ${message} [code ${code}] (HTTP ${status})`);
			expect(result.error?.description).toEqual(expect.any(String));
			expect(result.error?.httpCode).toBe(String(status));
		},
	);
});

describe('Social PLUS node: Get Many (users)', () => {
	test('Return All brings 250 users complete, in order, in 3 calls at limit 100 (page 0, 1, 2)', async () => {
		const result = await runSocialPlus({ operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(250);
		expect(result.items.map((item) => item.json.identifier)).toEqual(
			simulator.users.map((user) => user.identifier),
		);
		expect(new Set(result.items.map((item) => item.json.identifier)).size).toBe(250);
		expect(simulator.count('users')).toBe(3);
		const pages = simulator.log.filter((entry) => entry.route === 'users');
		expect(pages).toHaveLength(3);
		expect(
			simulator.requestQueries('users').map((query) => [query.get('page'), query.get('limit')]),
		).toEqual([
			['0', '100'],
			['1', '100'],
			['2', '100'],
		]);
	});

	test('Limit 30 asks one page of 30', async () => {
		const result = await runSocialPlus({ operation: 'getAll', returnAll: false, limit: 30 });
		expect(result.items).toHaveLength(30);
		expect(simulator.count('users')).toBe(1);
		expect(simulator.requestQueries('users')[0].get('limit')).toBe('30');
	});

	test('Limit 150 takes 2 calls of 100 and stops at 150', async () => {
		const result = await runSocialPlus({ operation: 'getAll', returnAll: false, limit: 150 });
		expect(result.items).toHaveLength(150);
		expect(simulator.count('users')).toBe(2);
	});

	test('filters reach Social PLUS as documented and filter the list', async () => {
		const result = await runSocialPlus({
			operation: 'getAll',
			returnAll: true,
			filters: { lastLoginWithin: '2h', createdWithin: '7d', mapped: 'mapped_only' },
		});
		expect(result.error).toBeUndefined();
		const query = simulator.requestQueries('users')[0];
		expect([
			query.get('last_login_within'),
			query.get('created_within'),
			query.get('mapped'),
		]).toEqual(['2h', '7d', 'mapped_only']);
		// Users 5, 10, … 115 logged in within 2 hours (index minutes ago) and have a user ID.
		expect(result.items).toHaveLength(23);
	});

	test('a malformed period is refused before any call, naming the field', async () => {
		const result = await runSocialPlus({
			operation: 'getAll',
			returnAll: true,
			filters: { createdWithin: '7 days' },
		});
		expect(result.error?.message).toBe(
			'Created Within: must be a number followed by s, m, h or d, e.g. 30m or 7d (got "7 days")',
		);
		expect(simulator.totalCalls()).toBe(0);
	});

	test('bad inputs are reported in the order the node shows them: Limit, then Filters, then Options', async () => {
		const bad = { filters: { createdWithin: '7 days' }, options: { pageSize: 500 } };
		const limit = await runSocialPlus({ operation: 'getAll', returnAll: false, limit: 0, ...bad });
		expect(limit.error?.message).toBe(
			'Limit: must be a whole number from 1 to 9007199254740991 (got 0)',
		);
		const filter = await runSocialPlus({ operation: 'getAll', returnAll: true, ...bad });
		expect(filter.error?.message).toMatch(/^Created Within: /);
		const option = await runSocialPlus({
			operation: 'getAll',
			returnAll: true,
			options: bad.options,
		});
		expect(option.error?.message).toBe(
			'Users Per Page: must be a whole number from 1 to 100 (got 500)',
		);
		expect(simulator.totalCalls()).toBe(0);
	});
});

describe('Social PLUS node: other user operations', () => {
	test('Get From Login Token turns the one-time token into the user; the token is spent afterwards (code 4)', async () => {
		const token = simulator.issueLoginToken(SEED_USER_IDENTIFIER);
		const result = await runSocialPlus({
			operation: 'getFromLoginToken',
			token,
			options: { addProfile: true },
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({
			user: { identifier: SEED_USER_IDENTIFIER, primary_key: SEED_USER_PRIMARY_KEY },
			profile: { email: 'taro@example.jp' },
		});
		expect(simulator.requestQueries('authenticated_user')[0].get('add_profile')).toBe('true');
		const again = await runSocialPlus({ operation: 'getFromLoginToken', token });
		expect(again.error?.message).toBe(
			'Social PLUS: Invalid authentication token or token not found. [code 4] (HTTP 404)',
		);
	});

	test('Create with your user ID, then Link Own ID refuses to overwrite (code 8) unless Overwrite is on', async () => {
		const created = await runSocialPlus({
			operation: 'create',
			additionalFields: { primaryKey: 'shop-0001' },
		});
		expect(created.error).toBeUndefined();
		const identifier = (created.items[0].json.user as { identifier: string }).identifier;
		expect(identifier).toMatch(/^[0-9a-f]{40}$/);
		expect(created.items[0].json.user).toMatchObject({ primary_key: 'shop-0001' });

		const refused = await runSocialPlus({
			operation: 'linkOwnId',
			identifier,
			primaryKey: 'shop-0002',
		});
		expect(refused.error?.message).toBe(
			'Social PLUS: Field existed and overwrite disabled. [code 8] (HTTP 403)',
		);
		expect(refused.error?.description).toContain('Overwrite');

		const linked = await runSocialPlus({
			operation: 'linkOwnId',
			identifier,
			primaryKey: 'shop-0002',
			overwrite: true,
		});
		expect(linked.error).toBeUndefined();
		expect(linked.items[0].json).toEqual({ identifier, primary_key: 'shop-0002' });
		expect(simulator.findUser({ identifier })?.primary_key).toBe('shop-0002');
	});

	test('a user ID another user already has is Duplicated primary key (code 16)', async () => {
		const result = await runSocialPlus({
			operation: 'create',
			additionalFields: { primaryKey: SEED_USER_PRIMARY_KEY },
		});
		expect(result.error?.message).toBe('Social PLUS: Duplicated primary key. [code 16] (HTTP 400)');
	});

	test('Unlink Provider sends target_provider as a comma list; unlinking the last one needs the option (code 10)', async () => {
		const one = await runSocialPlus({
			operation: 'unlinkProvider',
			userIdType: 'primaryKey',
			primaryKey: SEED_USER_PRIMARY_KEY,
			targetProviders: ['line'],
		});
		expect(one.error).toBeUndefined();
		expect(one.items[0].json).toEqual({ primary_key: SEED_USER_PRIMARY_KEY, unlinked: ['line'] });
		const notLinked = await runSocialPlus({
			operation: 'unlinkProvider',
			userIdType: 'primaryKey',
			primaryKey: SEED_USER_PRIMARY_KEY,
			targetProviders: ['line'],
		});
		expect(notLinked.error?.message).toBe(
			'Social PLUS: Specified provider not associated with this user. [code 9] (HTTP 404)',
		);
		const last = await runSocialPlus({
			operation: 'unlinkProvider',
			userIdType: 'primaryKey',
			primaryKey: SEED_USER_PRIMARY_KEY,
			targetProviders: ['yahoo'],
		});
		expect(last.error?.message).toBe('Social PLUS: Incompatible operation. [code 10] (HTTP 400)');
		const forced = await runSocialPlus({
			operation: 'unlinkProvider',
			userIdType: 'primaryKey',
			primaryKey: SEED_USER_PRIMARY_KEY,
			targetProviders: ['yahoo'],
			options: { nowarn: true, nomerge: true },
		});
		expect(forced.error).toBeUndefined();
		const query = simulator.requestQueries('dissociate').pop()!;
		expect([query.get('target_provider'), query.get('nowarn'), query.get('nomerge')]).toEqual([
			'yahoo',
			'true',
			'true',
		]);
		expect(simulator.findUser({ identifier: SEED_USER_IDENTIFIER })?.providers).toEqual({});
	});

	test('Unlink Provider from an expression without a provider is refused before any call', async () => {
		const result = await runSocialPlus(
			{
				operation: 'unlinkProvider',
				userIdType: 'identifier',
				identifier: SEED_USER_IDENTIFIER,
				targetProviders: '={{ $json.providers }}',
			},
			{ items: [{ providers: [] }] },
		);
		expect(result.error?.message).toBe(
			'Login Providers: choose at least one login provider to unlink',
		);
		expect(simulator.totalCalls()).toBe(0);
	});

	test('Merge sends source_* and dest_* and removes the source user', async () => {
		const source = simulator.users[3];
		const result = await runSocialPlus({
			operation: 'merge',
			sourceUserIdType: 'identifier',
			sourceIdentifier: source.identifier,
			destUserIdType: 'primaryKey',
			destPrimaryKey: SEED_USER_PRIMARY_KEY,
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual({
			source_identifier: source.identifier,
			dest_primary_key: SEED_USER_PRIMARY_KEY,
			merged: true,
		});
		expect(simulator.findUser({ identifier: source.identifier })).toBeUndefined();
	});

	test('Delete removes the user; Ignore If Not Found reports a missing one instead of failing', async () => {
		const target = simulator.users[7].identifier;
		const deleted = await runSocialPlus({
			operation: 'delete',
			userIdType: 'identifier',
			identifier: target,
		});
		expect(deleted.items[0].json).toEqual({ identifier: target, deleted: true });
		const again = await runSocialPlus({
			operation: 'delete',
			userIdType: 'identifier',
			identifier: target,
		});
		expect(again.error?.message).toBe('Social PLUS: Entity not found. [code 7] (HTTP 404)');
		const ignored = await runSocialPlus({
			operation: 'delete',
			userIdType: 'identifier',
			identifier: target,
			options: { ignoreNotFound: true },
		});
		expect(ignored.items[0].json).toEqual({ identifier: target, deleted: false, found: false });
	});

	test('a key without the privilege for an API gets Privilege not granted (code 12)', async () => {
		const result = await runSocialPlus(
			{ operation: 'create' },
			{ store: newStore(simulator.readOnlyApiKey) },
		);
		expect(result.error?.message).toBe('Social PLUS: Privilege not granted. [code 12] (HTTP 403)');
		expectNoSecrets(result, [simulator.readOnlyApiKey]);
	});

	test('every call is a GET with the key in the query and nothing in the body', async () => {
		await runSocialPlus(byIdentifier(SEED_USER_IDENTIFIER));
		await runSocialPlus({ operation: 'getAll', returnAll: false, limit: 5 });
		expect(simulator.log.every((entry) => entry.method === 'GET' && entry.body === '')).toBe(true);
		expect(simulator.requestQueries('users')[0].get('key')).toBe(simulator.apiKey);
		expect(simulator.log.map((entry) => entry.path)).toEqual(['/api/user_attribute', '/api/users']);
	});
});
