import * as workflow from 'n8n-workflow';
import type { ICredentialType, INodeType } from 'n8n-workflow';

/**
 * The package as one n8n process loads it. Each call loads every module of the package afresh
 * (jest.isolateModules), so whatever the package keeps in memory — renewals in progress, tokens
 * it has seen — belongs to that "process" alone, as with n8n's queue-mode workers, which share
 * nothing but the credential store. n8n-workflow stays the one instance n8n-core uses.
 */
export interface PackageProcess {
	credentials: {
		rollerApi: ICredentialType;
		wagriApi: ICredentialType;
		maffAppApi: ICredentialType;
		nextEngineApi: ICredentialType;
	};
	nodes: { roller: INodeType; wagri: INodeType; nextEngine: INodeType };
	/** How long before a token's end this process renews it (each process has its own). */
	renewalMarginMs: number;
}

export function loadPackageProcess(): PackageProcess {
	let loaded: PackageProcess | undefined;
	jest.isolateModules(() => {
		jest.doMock('n8n-workflow', () => workflow);
		/* eslint-disable @typescript-eslint/no-require-imports */
		const { RollerApi } = require('../../credentials/RollerApi.credentials');
		const { WagriApi } = require('../../credentials/WagriApi.credentials');
		const { MaffAppApi } = require('../../credentials/MaffAppApi.credentials');
		const { NextEngineApi } = require('../../credentials/NextEngineApi.credentials');
		const { Roller } = require('../../nodes/Roller/Roller.node');
		const { Wagri } = require('../../nodes/Wagri/Wagri.node');
		const { NextEngine } = require('../../nodes/NextEngine/NextEngine.node');
		const { PROCESS_RENEWAL_MARGIN_MS } = require('../../nodes/shared/tokenCredential');
		/* eslint-enable @typescript-eslint/no-require-imports */
		loaded = {
			credentials: {
				rollerApi: new RollerApi(),
				wagriApi: new WagriApi(),
				maffAppApi: new MaffAppApi(),
				nextEngineApi: new NextEngineApi(),
			},
			nodes: { roller: new Roller(), wagri: new Wagri(), nextEngine: new NextEngine() },
			renewalMarginMs: PROCESS_RENEWAL_MARGIN_MS,
		};
	});
	return loaded!;
}

/** A credential type as it is once its properties list the given extra hidden fields. */
export function withProperties(
	type: ICredentialType,
	...extra: ICredentialType['properties']
): ICredentialType {
	return { ...type, properties: [...type.properties, ...extra] } as ICredentialType;
}

/**
 * Starts `executions` executions at once, spread over the processes in turn (execution i runs
 * in process i mod n), as n8n's queue hands a burst to its workers; waits for all of them.
 */
export async function burstOver<Result>(
	processes: PackageProcess[],
	executions: number,
	run: (process: PackageProcess, execution: number) => Promise<Result>,
): Promise<Result[]> {
	return await Promise.all(
		Array.from(
			{ length: executions },
			async (_, execution) => await run(processes[execution % processes.length], execution),
		),
	);
}
