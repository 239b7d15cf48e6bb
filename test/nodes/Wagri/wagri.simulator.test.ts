import { useSimulator } from '../../harness/useSimulator';
import { WagriSimulator } from '../../simulators/wagri';

// The simulator must refuse what the real WAGRI refuses, or the node tests prove nothing.
const simulator = useSimulator(new WagriSimulator());

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const goodForm = () =>
	form({
		grant_type: 'client_credentials',
		client_id: simulator.clientId,
		client_secret: simulator.clientSecret,
	});

async function post(path: string, body: string, headers: Record<string, string>) {
	const response = await fetch(`${simulator.baseUrl}${path}`, { method: 'POST', body, headers });
	return { status: response.status, body: await response.json().catch(() => undefined) };
}

async function token() {
	const answer = await post('/Token', goodForm(), {
		'Content-Type': 'application/x-www-form-urlencoded',
	});
	return (answer.body as { access_token: string }).access_token;
}

async function loginhash(wagriToken: string) {
	const answer = await post(
		'/API/Individual/MAFFAPP/Users/Login',
		JSON.stringify({ mail: simulator.mail, password: simulator.password }),
		{
			'Content-Type': 'application/json',
			'X-Authorization': wagriToken,
		},
	);
	return (answer.body as { loginhash: string }).loginhash;
}

describe('WAGRI simulator strictness', () => {
	test('the token URL answers the documented token for the documented form body', async () => {
		const answer = await post('/Token', goodForm(), {
			'Content-Type': 'application/x-www-form-urlencoded',
		});
		expect(answer).toEqual({
			status: 200,
			body: { access_token: expect.any(String), token_type: 'bearer', expires_in: 43199 },
		});
	});

	test('the token URL refuses a JSON body, a wrong grant_type and unknown clients', async () => {
		const json = await post('/Token', JSON.stringify({ grant_type: 'client_credentials' }), {
			'Content-Type': 'application/json',
		});
		expect(json.status).toBe(400);
		const grant = await post(
			'/Token',
			form({
				grant_type: 'password',
				client_id: simulator.clientId,
				client_secret: simulator.clientSecret,
			}),
			{
				'Content-Type': 'application/x-www-form-urlencoded',
			},
		);
		expect(grant).toEqual({ status: 400, body: { error: 'unsupported_grant_type' } });
		const client = await post(
			'/Token',
			form({
				grant_type: 'client_credentials',
				client_id: simulator.clientId,
				client_secret: 'nope',
			}),
			{
				'Content-Type': 'application/x-www-form-urlencoded',
			},
		);
		expect(client.status).toBe(401);
		expect(client.body).toMatchObject({ error: 'invalid_client' });
	});

	test('the current token URL /token is its own route and takes the fields as a form or as JSON; /Token stays form-only', async () => {
		const fields = {
			grant_type: 'client_credentials',
			client_id: simulator.clientId,
			client_secret: simulator.clientSecret,
		};
		const viaForm = await post('/token', goodForm(), {
			'Content-Type': 'application/x-www-form-urlencoded',
		});
		const viaJson = await post('/token', JSON.stringify(fields), {
			'Content-Type': 'application/json',
		});
		for (const answer of [viaForm, viaJson]) {
			expect(answer).toEqual({
				status: 200,
				body: { access_token: expect.any(String), token_type: 'bearer', expires_in: 43199 },
			});
		}
		const plain = await post('/token', goodForm(), { 'Content-Type': 'text/plain' });
		expect(plain.status).toBe(400);
		const oldJson = await post('/Token', JSON.stringify(fields), {
			'Content-Type': 'application/json',
		});
		expect(oldJson.status).toBe(400);
		expect(simulator.count('wagri2Token')).toBe(3);
		expect(simulator.count('token')).toBe(1);
	});

	test('singleSession: a new token ends every earlier token and a new login every earlier loginhash (off by default)', async () => {
		const crops = (wagriToken: string) =>
			fetch(`${simulator.baseUrl}/API/Public/Sample/Crops`, {
				headers: { 'X-Authorization': wagriToken },
			});
		const notices = (wagriToken: string, hash: string) =>
			fetch(`${simulator.baseUrl}/API/Individual/MAFFAPP/Notices`, {
				headers: { 'X-Authorization': wagriToken, Authorization: `xxx ${hash}` },
			});
		const first = await token();
		await token();
		expect((await crops(first)).status).toBe(200);

		simulator.singleSession = true;
		const older = await token();
		const newer = await token();
		expect((await crops(older)).status).toBe(401);
		expect((await crops(first)).status).toBe(401);
		expect((await crops(newer)).status).toBe(200);
		const olderHash = await loginhash(newer);
		const newerHash = await loginhash(newer);
		expect((await notices(newer, olderHash)).status).toBe(401);
		expect((await notices(newer, newerHash)).status).toBe(200);

		simulator.reset();
		expect(simulator.singleSession).toBe(false);
	});

	test('API calls need X-Authorization: a Bearer header is refused, and the token ends after expires_in', async () => {
		const wagriToken = await token();
		const bearer = await fetch(`${simulator.baseUrl}/API/Public/Sample/Crops`, {
			headers: { Authorization: `Bearer ${wagriToken}` },
		});
		expect(bearer.status).toBe(401);
		const ok = await fetch(`${simulator.baseUrl}/API/Public/Sample/Crops`, {
			headers: { 'X-Authorization': wagriToken },
		});
		expect(ok.status).toBe(200);
		simulator.clock.advance(43199_000);
		const expired = await fetch(`${simulator.baseUrl}/API/Public/Sample/Crops`, {
			headers: { 'X-Authorization': wagriToken },
		});
		expect(expired.status).toBe(401);
	});

	test('MAFF APP login needs Content-Type JSON and a valid X-Authorization', async () => {
		const wagriToken = await token();
		const body = JSON.stringify({ mail: simulator.mail, password: simulator.password });
		expect(
			(
				await post('/API/Individual/MAFFAPP/Users/Login', body, {
					'Content-Type': 'text/plain',
					'X-Authorization': wagriToken,
				})
			).status,
		).toBe(400);
		expect(
			(
				await post('/API/Individual/MAFFAPP/Users/Login', body, {
					'Content-Type': 'application/json',
				})
			).status,
		).toBe(401);
		expect(
			(
				await post('/API/Individual/MAFFAPP/Users/Login', body, {
					'Content-Type': 'application/json',
					'X-Authorization': 'forged',
				})
			).status,
		).toBe(401);
		const ok = await post('/API/Individual/MAFFAPP/Users/Login', body, {
			'Content-Type': 'application/json',
			'X-Authorization': wagriToken,
		});
		expect(ok.status).toBe(200);
		expect(ok.body).toMatchObject({
			result: 1,
			loginhash: expect.any(String),
			refresh_token: expect.any(String),
			user: { mail: simulator.mail },
		});
	});

	test('MAFF APP paths need both headers, the loginhash with the literal "xxx " prefix', async () => {
		const wagriToken = await token();
		const hash = await loginhash(wagriToken);
		const call = (headers: Record<string, string>) =>
			fetch(`${simulator.baseUrl}/API/Individual/MAFFAPP/Notices`, { headers });
		expect((await call({ 'X-Authorization': wagriToken })).status).toBe(401);
		expect((await call({ Authorization: `xxx ${hash}` })).status).toBe(401);
		expect((await call({ 'X-Authorization': wagriToken, Authorization: hash })).status).toBe(401);
		expect(
			(await call({ 'X-Authorization': wagriToken, Authorization: `Bearer ${hash}` })).status,
		).toBe(401);
		expect(
			(await call({ 'X-Authorization': wagriToken, Authorization: `xxx ${hash}` })).status,
		).toBe(200);
	});
});
