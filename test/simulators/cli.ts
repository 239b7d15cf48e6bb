// Starts every provider simulator as one process, for the demo, the end-to-end suite and manual
// use. It prints one JSON line with the base URLs once all are listening, then serves a small
// control API on the control port:
//   GET  /state                      → counters and clock offset of every simulator
//   POST /clock/advance?hours=25     → moves the shared clock forward
//   POST /reset                      → clears the counters
//   POST /next-engine/pair           → a fresh Next Engine token pair of the default company
// Usage: npm run simulators [-- --control-port 18400] [-- --ephemeral]
//   --ephemeral: every simulator and the control API on a free port (the end-to-end suite)
//   --roller-receipts N, --social-plus-users N, --next-engine-orders N: seeded list sizes
//     (npm run bench uses 100000)
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { SimulatedClock } from './framework';
import { createAllSimulators, type NextEngineSimulator, SIMULATOR_PORTS } from './index';

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
	const urls: Record<string, string> = {};
	for (const [name, simulator] of Object.entries(simulators)) {
		urls[name] = await simulator.start(
			ephemeral ? 0 : SIMULATOR_PORTS[name as keyof typeof SIMULATOR_PORTS],
			host,
		);
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
					// Next Engine: how many pairs were rotated since the last reset
					...('rotations' in simulator ? { rotations: simulator.rotations } : {}),
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
		} else if (req.method === 'POST' && url.pathname === '/next-engine/pair') {
			res.end(JSON.stringify((simulators.nextEngine as NextEngineSimulator).issuePair()));
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
