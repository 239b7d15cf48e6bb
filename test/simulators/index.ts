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

/** Every provider simulator, sharing one clock so "advance time" ages every token at once. */
export function createAllSimulators(clock = new SimulatedClock()): Record<string, Simulator> {
	return {
		roller: new RollerSimulator({ clock }),
		socialPlus: new SocialPlusSimulator({ clock }),
		nextEngine: new NextEngineSimulator({ clock, firstPair: NE_DEMO_FIRST_PAIR }),
		wagri: new WagriSimulator({ clock }),
	};
}
