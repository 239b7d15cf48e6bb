// Social PLUS in a real n8n (see README.md beside this file). A fixed API key: nothing to store
// or renew, so the checks are the outputs, one call per run, the HTTP Request node and a wrong key.
import assert from 'node:assert/strict';

const API_KEY = 'sp-54d7503feb24aca8796c49b7517c0ffee'; // test/simulators/socialPlus.ts
const WRONG_KEY = 'sp-not-the-key-0000000000000000000';
const REAL_BASE_URL = 'https://api.socialplus.jp';
const SEED_LINE_ID = 'U9810e27f7b07a65c69be1219f3400000'; // the seed user user_123's LINE account

export default {
	name: 'Social PLUS',
	simulator: 'socialPlus',

	credentials: ({ url }) => [
		{
			id: 'jpcSocialPlCred01',
			name: 'Social PLUS account',
			type: 'socialPlusApi',
			data: { apiKey: API_KEY, baseUrl: url },
		},
		{
			id: 'jpcSocialPlCred02',
			name: 'Social PLUS account (wrong key)',
			type: 'socialPlusApi',
			e2eOnly: true,
			data: { apiKey: WRONG_KEY, baseUrl: url },
		},
	],

	workflows: ({ url }) => [
		{ key: 'lineToken', id: 'jpcSocialPlWf0001', example: 'social-plus-line-token.json' },
		{
			key: 'http',
			id: 'jpcSocialPlWf0002',
			example: 'social-plus-http-request-users.json',
			replace: { [REAL_BASE_URL]: url },
		},
		{
			key: 'wrongKey',
			id: 'jpcSocialPlWf0003',
			example: 'social-plus-line-token.json',
			name: 'Social PLUS: wrong key (e2e only)',
			credentials: { socialPlusApi: 'Social PLUS account (wrong key)' },
			e2eOnly: true,
		},
	],

	screenshot: { workflow: 'lineToken', node: 'Login providers of user_123' },

	summary(key, result) {
		if (key === 'lineToken') {
			const [line] = result.items('LINE only');
			return line
				? `user_123's LINE account ${line.line_id}, token ends ${line.expires_at}`
				: 'no LINE account';
		}
		if (key === 'http') {
			const [answer] = result.items('GET /api/users');
			return `users: ${(answer?.users ?? []).length} Social PLUS IDs`;
		}
		return undefined;
	},

	async checks({ n8n, sim, plan, check, runtime }) {
		const wf = Object.fromEntries(plan.workflows.map((entry) => [entry.key, entry.id]));
		const calls = (route) => sim.calls('socialPlus', route);

		await check(
			"Social PLUS node in n8n: the user's LINE token workflow outputs user_123's LINE account with its token, in one API call",
			async () => {
				const run = await n8n.execute(wf.lineToken);
				assert.ok(run.ok, run.error?.message ?? run.output.slice(-2000));
				const providers = run
					.items('Login providers of user_123')
					.map((item) => item.provider)
					.sort();
				assert.deepEqual(providers, ['line', 'yahoo']);
				const [line] = run.items('LINE only');
				assert.equal(line.line_id, SEED_LINE_ID);
				assert.ok(line.access_token, 'the LINE access token is output');
				assert.equal(await calls('user_attribute'), 1);
			},
		);

		await check(
			"n8n's HTTP Request node with Predefined Credential Type Social PLUS API lists users (key sent by the credential)",
			async () => {
				const run = await n8n.execute(wf.http);
				assert.ok(run.ok, run.error?.message ?? run.output.slice(-2000));
				const [answer] = run.items('GET /api/users');
				assert.equal(answer.status, 'ok');
				assert.equal(answer.users.length, 3);
				assert.equal(await calls('users'), 1);
			},
		);

		// n8n 1.x has no preAuthenticationRetryStatusCode: it sends every request refused with 401 once more.
		const sends = runtime.major >= 2 ? 1 : 2;
		await check(
			`a wrong API key fails with Social PLUS's own message, is sent ${sends === 1 ? 'once only' : 'twice (n8n 1.x retries a 401)'}, and appears nowhere in n8n's output`,
			async () => {
				const before = await calls('user_attribute');
				const run = await n8n.execute(wf.wrongKey);
				assert.equal(run.ok, false, 'the execution should fail');
				assert.match(
					`${run.error?.message ?? ''} ${run.error?.description ?? ''}`,
					/Invalid API key or key not found/,
					JSON.stringify(run.error)?.slice(0, 2000),
				);
				assert.equal((await calls('user_attribute')) - before, sends);
				assert.ok(
					!run.output.includes(WRONG_KEY) && !run.output.includes(API_KEY),
					'an API key appears in the output',
				);
			},
		);
	},
};
