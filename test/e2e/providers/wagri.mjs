// WAGRI and MAFF APP in a real n8n (see README.md beside this file).
import assert from 'node:assert/strict';

// test/simulators/wagri.ts defaults
const CLIENT_ID = 'wagri-client-0001';
const CLIENT_SECRET = 'wagri-client-secret-value';
const WRONG_SECRET = 'not-the-wagri-secret-4411';
const MAIL = 'farmer@example.jp';
const PASSWORD = 'maff-issued-password';
const REAL_BASE_URL = 'https://api.wagri2.net';

// A new credential's defaults with the WAGRI hosts moved to the simulator: the current token URL
// /token (simulator route wagri2Token); `tokenUrl` = `${url}/Token` is one saved with the old one.
const wagriData = (url, { secret = CLIENT_SECRET, tokenUrl = `${url}/token` } = {}) => ({
	clientId: CLIENT_ID,
	clientSecret: secret,
	tokenUrl,
	tokenContentType: 'application/x-www-form-urlencoded',
	baseUrl: url,
	accessToken: '',
	accessExpiresAt: '',
});

export default {
	name: 'WAGRI / MAFF APP',
	simulator: 'wagri',

	credentials: ({ url }) => [
		{ id: 'jpcWagriCred0001', name: 'WAGRI account', type: 'wagriApi', data: wagriData(url) },
		{
			id: 'jpcWagriCred0002',
			name: 'MAFF APP account',
			type: 'maffAppApi',
			data: {
				...wagriData(url),
				loginUrl: `${url}/API/Individual/MAFFAPP/Users/Login`,
				mail: MAIL,
				password: PASSWORD,
				loginLifetimeMinutes: 0,
				loginToken: '',
				loginExpiresAt: '',
			},
		},
		{
			id: 'jpcWagriCred0003',
			name: 'WAGRI account (wrong secret)',
			type: 'wagriApi',
			e2eOnly: true,
			data: wagriData(url, { secret: WRONG_SECRET }),
		},
		{
			id: 'jpcWagriCred0004',
			name: 'WAGRI account (saved with the old token URL)',
			type: 'wagriApi',
			e2eOnly: true,
			data: wagriData(url, { tokenUrl: `${url}/Token` }),
		},
	],

	workflows: ({ url }) => [
		{ key: 'tokenLogin', id: 'jpcWagriWf000001', example: 'wagri-token-and-maff-app-login.json' },
		{ key: 'api', id: 'jpcWagriWf000002', example: 'wagri-scheduled-api-call.json' },
		{
			key: 'http',
			id: 'jpcWagriWf000003',
			example: 'wagri-http-request.json',
			replace: { [REAL_BASE_URL]: url },
		},
		{
			key: 'wrongSecret',
			id: 'jpcWagriWf000004',
			example: 'wagri-scheduled-api-call.json',
			name: 'WAGRI: wrong client secret (e2e only)',
			credentials: { wagriApi: 'WAGRI account (wrong secret)' },
			e2eOnly: true,
		},
		{
			key: 'oldTokenUrl',
			id: 'jpcWagriWf000005',
			example: 'wagri-scheduled-api-call.json',
			name: 'WAGRI: credential saved with the old token URL (e2e only)',
			credentials: { wagriApi: 'WAGRI account (saved with the old token URL)' },
			e2eOnly: true,
		},
	],

	screenshot: { workflow: 'api', node: "WAGRI API (put your API's path)" },

	summary(key, result) {
		if (key === 'tokenLogin') {
			const [token] = result.items('WAGRI token');
			const [login] = result.items('MAFF APP login');
			return `WAGRI token for ${token?.expires_in} s, MAFF APP loginhash ${login?.loginhash ? 'received' : 'missing'}`;
		}
		if (key === 'api')
			return `crops: ${result
				.items("WAGRI API (put your API's path)")
				.map((crop) => crop.name)
				.join(', ')}`;
		if (key === 'http') return `HTTP Request node: ${result.items('GET a WAGRI API').length} crops`;
		return undefined;
	},

	async checks({ n8n, sim, plan, check }) {
		const wf = Object.fromEntries(plan.workflows.map((entry) => [entry.key, entry.id]));
		const wagriId = plan.credentials['WAGRI account'].id;
		const tokens = () => sim.calls('wagri', 'wagri2Token');
		const oldTokens = () => sim.calls('wagri', 'token');
		const storedToken = async () => (await n8n.exportCredentials())[wagriId].data.accessToken;
		const apiNode = "WAGRI API (put your API's path)";
		let firstToken;

		await check(
			'WAGRI node in n8n: the token + MAFF APP login workflow outputs a WAGRI token and a loginhash',
			async () => {
				const run = await n8n.execute(wf.tokenLogin);
				assert.ok(run.ok, run.error?.message ?? run.output.slice(-2000));
				const [token] = run.items('WAGRI token');
				assert.ok(token.access_token, 'access_token');
				assert.equal(token.expires_in, 43199);
				const [login] = run.items('MAFF APP login');
				assert.ok(login.loginhash, 'loginhash');
				assert.equal(login.authorization, `xxx ${login.loginhash}`);
			},
		);

		await check(
			'WAGRI API call: three crops, one token request at the current token URL (/token, never the old /Token), the token stored in the credential (export:credentials --decrypted)',
			async () => {
				const before = await tokens();
				const oldBefore = await oldTokens();
				const run = await n8n.execute(wf.api);
				assert.ok(run.ok, run.error?.message ?? run.output.slice(-2000));
				assert.deepEqual(
					run.items(apiNode).map((crop) => crop.code),
					['01', '02', '03'],
				);
				assert.equal((await tokens()) - before, 1);
				assert.equal((await oldTokens()) - oldBefore, 0);
				firstToken = await storedToken();
				assert.ok(firstToken, 'a token is stored');
			},
		);

		await check(
			'a second execution and the HTTP Request node (Predefined Credential Type) reuse the stored token: no token request',
			async () => {
				const before = await tokens();
				const run = await n8n.execute(wf.api);
				assert.ok(run.ok, run.error?.message);
				const http = await n8n.execute(wf.http);
				assert.ok(http.ok, http.error?.message ?? http.output.slice(-2000));
				assert.equal(http.items('GET a WAGRI API').length, 3);
				assert.equal((await tokens()) - before, 0);
				assert.equal(await storedToken(), firstToken);
			},
		);

		await check(
			'after the simulator clock passes the token end (+13 h): one new token, the run succeeds, the new token is stored',
			async () => {
				await sim.advanceHours(13);
				const before = await tokens();
				const run = await n8n.execute(wf.api);
				assert.ok(run.ok, run.error?.message ?? run.output.slice(-2000));
				assert.equal(run.items(apiNode).length, 3);
				assert.equal((await tokens()) - before, 1);
				const renewed = await storedToken();
				assert.ok(renewed && renewed !== firstToken, 'a new token is stored');
			},
		);

		await check(
			'a credential saved with the old token URL keeps asking it: one request at /Token, none at /token',
			async () => {
				const before = await tokens();
				const oldBefore = await oldTokens();
				const run = await n8n.execute(wf.oldTokenUrl);
				assert.ok(run.ok, run.error?.message ?? run.output.slice(-2000));
				assert.equal(run.items(apiNode).length, 3);
				assert.equal((await oldTokens()) - oldBefore, 1);
				assert.equal((await tokens()) - before, 0);
			},
		);

		await check(
			"a wrong client secret fails with WAGRI's own answer (invalid_client), and no secret appears in n8n's output",
			async () => {
				const run = await n8n.execute(wf.wrongSecret);
				assert.equal(run.ok, false, 'the execution should fail');
				assert.match(
					`${run.error?.message ?? ''} ${run.error?.description ?? ''}`,
					/invalid_client/,
					JSON.stringify(run.error)?.slice(0, 2000),
				);
				for (const secret of [WRONG_SECRET, CLIENT_SECRET, PASSWORD])
					assert.ok(!run.output.includes(secret), 'a secret appears in the output');
			},
		);
	},
};
