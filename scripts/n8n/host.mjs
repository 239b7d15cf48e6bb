// What the scripts need from this machine: progress messages and free TCP ports.
import { createServer } from 'node:net';

/** Progress goes to stderr, so stdout stays for results (JSON, the suite's lines). */
export const say = (message) => process.stderr.write(`${message}\n`);

export function freePort() {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}
