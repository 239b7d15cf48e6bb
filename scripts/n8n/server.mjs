// `n8n start`: the editor and REST API of one instance, with its owner account set up.
import { spawn } from 'node:child_process';

import { N8nRest } from './restApi.mjs';

/** The owner account the started instance gets (the demo prints it; it is no secret). */
export const OWNER_LOGIN = {
	email: 'demo@example.com',
	password: 'Demo-jp-connect-1',
	firstName: 'Demo',
	lastName: 'User',
};

async function waitUntilReady(child, base, log) {
	const deadline = Date.now() + 180_000;
	for (;;) {
		if (child.exitCode !== null) {
			throw new Error(`n8n start exited (${child.exitCode}):\n${log().slice(-3000)}`);
		}
		if (Date.now() > deadline) {
			throw new Error(`n8n did not answer on ${base} within 3 minutes:\n${log().slice(-3000)}`);
		}
		try {
			const response = await fetch(`${base}/healthz/readiness`);
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
}

/** The owner's session cookie: the owner account set up, or logged in when it exists already. */
async function ownerSession(base) {
	const post = (restPath, body) =>
		fetch(`${base}/rest${restPath}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
	// n8n 1.x answers /healthz/readiness a few seconds before its REST API is mounted
	const deadline = Date.now() + 60_000;
	let answer = await post('/owner/setup', OWNER_LOGIN);
	while (answer.status === 404 && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 500));
		answer = await post('/owner/setup', OWNER_LOGIN);
	}
	if (answer.status === 400 && /already setup/i.test(await answer.clone().text())) {
		const { email, password } = OWNER_LOGIN;
		answer = await post('/login', { emailOrLdapLoginId: email, password });
	}
	if (!answer.ok) {
		throw new Error(`the owner's login failed: HTTP ${answer.status} ${await answer.text()}`);
	}
	return (answer.headers.get('set-cookie') ?? '').split(';')[0];
}

/**
 * `n8n start` in the background for an instance ({ runtime, env } with N8N_PORT = port);
 * resolves once the editor answers and the owner is logged in (set up on a new instance):
 * { base, webhookUrl, cookie (the owner's session), rest (N8nRest as the owner), log() (n8n's
 * output so far), child, stop() }.
 */
export async function startServer({ runtime, env }, port) {
	const base = `http://localhost:${port}`;
	const busy = await fetch(`${base}/healthz`).then(
		() => true,
		() => false,
	);
	if (busy) {
		throw new Error(
			`port ${port} is already in use (another n8n?): stop it, or choose another port with N8N_DEMO_PORT=5679`,
		);
	}
	const child = spawn(runtime.nodeBinary, [runtime.n8nEntry, 'start'], {
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let log = '';
	child.stdout.on('data', (chunk) => (log += chunk));
	child.stderr.on('data', (chunk) => (log += chunk));
	const stop = () =>
		new Promise((resolve) => {
			if (child.exitCode !== null) return resolve();
			child.once('exit', () => resolve());
			child.kill('SIGTERM');
		});
	let cookie;
	try {
		await waitUntilReady(child, base, () => log);
		cookie = await ownerSession(base);
	} catch (error) {
		await stop();
		throw error;
	}
	return {
		base,
		webhookUrl: `${base}/webhook`,
		cookie,
		rest: new N8nRest({ base, cookie, runtime }),
		log: () => log,
		child,
		stop,
	};
}
