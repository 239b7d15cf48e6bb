import { clearRenewals } from '../../nodes/shared/credentialAuth';
import { forgetTokens } from '../../nodes/shared/tokenMemory';
import type { Simulator } from '../simulators/framework';

/**
 * Runs a simulator for one test file: started once on an ephemeral port, and before every test
 * back to its seeded state with zeroed counters, its clock at now and no remembered logins.
 */
export function useSimulator<T extends Simulator>(simulator: T): T {
	beforeAll(async () => {
		await simulator.start();
	});
	afterAll(async () => {
		await simulator.stop();
	});
	beforeEach(() => {
		simulator.resetCounters();
		simulator.clock.reset();
		simulator.reset();
		clearRenewals();
		forgetTokens();
	});
	return simulator;
}
