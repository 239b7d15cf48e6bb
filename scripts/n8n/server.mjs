// `n8n start`: the editor and REST API of one instance, with its owner account set up.
import { spawn } from 'node:child_process';

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

/**
 * `n8n start` in the background for an instance ({ runtime, env } with N8N_PORT = port);
 * resolves once the editor answers and the owner exists, with the owner's session cookie.
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
	await waitUntilReady(child, base, () => log);
	const setup = await fetch(`${base}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(OWNER_LOGIN),
	});
	if (!setup.ok) {
		throw new Error(
			`creating the owner account failed: HTTP ${setup.status} ${await setup.text()}`,
		);
	}
	const cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0];
	return {
		base,
		cookie,
		child,
		stop: () =>
			new Promise((resolve) => {
				if (child.exitCode !== null) return resolve();
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			}),
	};
}
