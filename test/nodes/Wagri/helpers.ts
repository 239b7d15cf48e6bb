import type { IDataObject } from 'n8n-workflow';

import { MaffAppApi } from '../../../credentials/MaffAppApi.credentials';
import { WagriApi } from '../../../credentials/WagriApi.credentials';
import { Wagri } from '../../../nodes/Wagri/Wagri.node';
import { CredentialStore } from '../../harness/credentialStore';
import { runNode } from '../../harness/runNode';
import type { WagriSimulator } from '../../simulators/wagri';

export const FORM = 'application/x-www-form-urlencoded';

export function wagriCredential(
	simulator: WagriSimulator,
	overrides: Record<string, string | number> = {},
) {
	return {
		accessToken: '',
		accessExpiresAt: '',
		clientId: simulator.clientId,
		clientSecret: simulator.clientSecret,
		tokenUrl: `${simulator.baseUrl}/Token`,
		tokenContentType: FORM,
		baseUrl: simulator.baseUrl,
		...overrides,
	};
}

export function maffCredential(
	simulator: WagriSimulator,
	overrides: Record<string, string | number> = {},
) {
	return {
		...wagriCredential(simulator),
		loginToken: '',
		loginExpiresAt: '',
		mail: simulator.mail,
		password: simulator.password,
		loginLifetimeMinutes: 0,
		...overrides,
	};
}

export function newStore(
	simulator: WagriSimulator,
	overrides: {
		wagri?: Record<string, string | number>;
		maff?: Record<string, string | number>;
	} = {},
) {
	return new CredentialStore({
		wagriApi: wagriCredential(simulator, overrides.wagri),
		maffAppApi: maffCredential(simulator, overrides.maff),
	});
}

export async function runWagri(
	store: CredentialStore,
	parameters: Record<string, unknown>,
	extra: { items?: IDataObject[]; continueOnFail?: boolean } = {},
) {
	const authentication =
		(parameters.authentication as string | undefined) ??
		(parameters.resource === 'maffApp' ? 'maffAppApi' : 'wagriApi');
	return await runNode({
		nodeType: new Wagri(),
		credentialTypes: [new WagriApi(), new MaffAppApi()],
		credentials: [authentication],
		store,
		parameters: { authentication, ...parameters } as never,
		...extra,
	});
}
