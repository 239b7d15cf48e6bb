// Starts every provider simulator as one process, for the demo, the end-to-end suite and manual
// use. It prints one JSON line with the base URLs once all are listening, then serves a small
// control API on the control port:
//   GET  /state                      → counters and clock offset of every simulator
//   POST /clock/advance?hours=25     → moves the shared clock forward
//   POST /reset                      → clears the counters
//   POST /next-engine/pair           → a fresh Next Engine token pair of the default company
//   POST /next-engine/login          → `{ uid, state }` as Next Engine's browser login hands them
//                                      to the app's Redirect URI (default company, valid 5 min)
//   POST /next-engine/orders?count=3 → `{ ids }`: new orders of the default company, created
//                                      and last modified now on the simulated clock
//   POST /single-session?simulator=roller&on=true
//                                    → a new login ends the earlier tokens (simulators with a
//                                      `singleSession` switch; 409 for the others)
// /state gives per simulator: calls per route, TCP connections, `tokenRefusals` (API calls
// refused for their token: expired, ended by a newer login, rotated away; see refusedForToken),
// Next Engine's `rotations`, and `singleSession` where the simulator has that switch.
// Usage: npm run simulators [-- --control-port 18400] [-- --ephemeral]
//   --ephemeral: every simulator and the control API on a free port (the end-to-end suite)
//   --roller-receipts N, --social-plus-users N, --next-engine-orders N: seeded list sizes
//     (npm run bench uses 100000)
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { SimulatedClock, type Simulator } from './framework';
import { createAllSimulators, type NextEngineSimulator, SIMULATOR_PORTS } from './index';

/** The routes that hand out tokens: a refusal there is a wrong secret, not a stale token. */
const TOKEN_ROUTES: Record<string, RegExp> = {
	roller: /^\/account\/login$/,
	wagri: /^\/token$/i,
};

/**
 * Whether an answer refused a call for its token: HTTP 401 outside the token routes, or Next
 * Engine's answers for a dead, unknown or expired pair (HTTP 200 with result error 0020xx or
 * result redirect).
 */
function refusedForToken(simulator: string, path: string, status: number, body: string) {
	if (simulator === 'nextEngine') {
		try {
			const answer = JSON.parse(body) as { result?: string; code?: string };
			return (
				answer.result === 'redirect' ||
				(answer.result === 'error' && /^0020/.test(answer.code ?? ''))
			);
		} catch {
			return false;
		}
	}
	return status === 401 && !TOKEN_ROUTES[simulator]?.test(path);
}

/** Counts refusedForToken answers of one simulator (its server is watched, not changed). */
function countTokenRefusals(name: string, simulator: Simulator) {
	const counter = { refusals: 0 };
	const server = (simulator as unknown as { server?: Server }).server;
	server?.on('request', (request: IncomingMessage, response: ServerResponse) => {
		const path = new URL(request.url ?? '/', 'http://simulator').pathname;
		const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
		response.end = ((...args: unknown[]) => {
			const body = typeof args[0] === 'string' || Buffer.isBuffer(args[0]) ? String(args[0]) : '';
			if (refusedForToken(name, path, response.statusCode, body)) counter.refusals++;
			return end(...args);
		}) as ServerResponse['end'];
	});
	return counter;
}

type SingleSessionSwitch = Simulator & { singleSession: boolean };
const hasSingleSession = (simulator: Simulator): simulator is SingleSessionSwitch =>
	'singleSession' in simulator && typeof simulator.singleSession === 'boolean';

async function main() {
	const argv = process.argv.slice(2);
	const ephemeral = argv.includes('--ephemeral');
	const controlPort = ephemeral ? 0 : Number(argv[argv.indexOf('--control-port') + 1] || 18400);
	const host = '127.0.0.1';
	const size = (flag: string) =>
		argv.includes(flag) ? Number(argv[argv.indexOf(flag) + 1]) : undefined;
	const clock = new SimulatedClock();
	const simulators = createAllSimulators(clock, {
		rollerReceipts: size('--roller-receipts'),
		socialPlusUsers: size('--social-plus-users'),
		nextEngineOrders: size('--next-engine-orders'),
	});
	const nextEngine = simulators.nextEngine as NextEngineSimulator;
	const urls: Record<string, string> = {};
	const refusals: Record<string, { refusals: number }> = {};
	for (const [name, simulator] of Object.entries(simulators)) {
		urls[name] = await simulator.start(
			ephemeral ? 0 : SIMULATOR_PORTS[name as keyof typeof SIMULATOR_PORTS],
			host,
		);
		refusals[name] = countTokenRefusals(name, simulator);
	}

	const state = () => ({
		clockOffsetMs: clock.now() - Date.now(),
		simulators: Object.fromEntries(
			Object.entries(simulators).map(([name, simulator]) => [
				name,
				{
					baseUrl: simulator.baseUrl,
					calls: Object.fromEntries(simulator.calls),
					connections: simulator.connections,
					tokenRefusals: refusals[name].refusals,
					// Next Engine: how many pairs were rotated since the last reset
					...('rotations' in simulator ? { rotations: simulator.rotations } : {}),
					...(hasSingleSession(simulator) ? { singleSession: simulator.singleSession } : {}),
				},
			]),
		),
	});

	const control = createServer((req, res) => {
		const url = new URL(req.url ?? '/', `http://${host}`);
		res.setHeader('content-type', 'application/json');
		if (req.method === 'POST' && url.pathname === '/clock/advance') {
			clock.advanceHours(Number(url.searchParams.get('hours') ?? 0));
		} else if (req.method === 'POST' && url.pathname === '/reset') {
			for (const simulator of Object.values(simulators)) simulator.resetCounters();
			for (const counter of Object.values(refusals)) counter.refusals = 0;
		} else if (req.method === 'POST' && url.pathname === '/single-session') {
			const simulator = simulators[url.searchParams.get('simulator') ?? ''];
			if (!simulator || !hasSingleSession(simulator)) {
				res.statusCode = 409;
				res.end(JSON.stringify({ error: 'this simulator has no singleSession switch' }));
				return;
			}
			simulator.singleSession = url.searchParams.get('on') === 'true';
		} else if (req.method === 'POST' && url.pathname === '/next-engine/pair') {
			res.end(JSON.stringify(nextEngine.issuePair()));
			return;
		} else if (req.method === 'POST' && url.pathname === '/next-engine/login') {
			res.end(JSON.stringify(nextEngine.issueLogin()));
			return;
		} else if (req.method === 'POST' && url.pathname === '/next-engine/orders') {
			const count = Number(url.searchParams.get('count') ?? 1);
			if (!Number.isInteger(count) || count < 1 || count > 10000) {
				res.statusCode = 400;
				res.end(JSON.stringify({ error: 'count must be a whole number from 1 to 10000' }));
				return;
			}
			res.end(JSON.stringify({ ids: nextEngine.addOrders(count) }));
			return;
		} else if (!(req.method === 'GET' && url.pathname === '/state')) {
			res.statusCode = 404;
			res.end(JSON.stringify({ error: 'unknown control call' }));
			return;
		}
		res.end(JSON.stringify(state()));
	});
	await new Promise<void>((resolve) => control.listen(controlPort, host, resolve));
	const { port } = control.address() as AddressInfo;
	process.stdout.write(
		`${JSON.stringify({ ready: true, control: `http://${host}:${port}`, urls })}\n`,
	);

	const stop = async () => {
		control.close();
		await Promise.all(Object.values(simulators).map((simulator) => simulator.stop()));
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
