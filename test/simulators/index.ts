import { SimulatedClock, type Simulator } from './framework';
import { NE_DEMO_FIRST_PAIR, NextEngineSimulator } from './nextEngine';
import { RollerSimulator } from './roller';
import { SocialPlusSimulator } from './socialPlus';
import { WagriSimulator } from './wagri';

export { NextEngineSimulator, RollerSimulator, SocialPlusSimulator, WagriSimulator };

/** Fixed ports for manual use and the demo; tests use ephemeral ports instead. */
export const SIMULATOR_PORTS = {
	roller: 18401,
	socialPlus: 18402,
	wagri: 18403,
	nextEngine: 18404,
} as const;

export type SimulatorName = keyof typeof SIMULATOR_PORTS;

/** Seeded list sizes (the benchmark asks for 100,000 rows); each simulator's default otherwise. */
export interface SimulatorSizes {
	rollerReceipts?: number;
	socialPlusUsers?: number;
	nextEngineOrders?: number;
}

/** Every provider simulator, sharing one clock so "advance time" ages every token at once. */
export function createAllSimulators(
	clock = new SimulatedClock(),
	sizes: SimulatorSizes = {},
): Record<string, Simulator> {
	return {
		roller: new RollerSimulator({ clock, receiptCount: sizes.rollerReceipts }),
		socialPlus: new SocialPlusSimulator({ clock, userCount: sizes.socialPlusUsers }),
		nextEngine: new NextEngineSimulator({
			clock,
			orderCount: sizes.nextEngineOrders,
			firstPair: NE_DEMO_FIRST_PAIR,
		}),
		wagri: new WagriSimulator({ clock }),
	};
}
