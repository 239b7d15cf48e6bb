import {
	NodeHelpers,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type INodeParameters,
} from 'n8n-workflow';

import { MaffAppApi } from '../../../credentials/MaffAppApi.credentials';
import { WagriApi } from '../../../credentials/WagriApi.credentials';
import { Wagri } from '../../../nodes/Wagri/Wagri.node';
import { CredentialStore } from '../../harness/credentialStore';
import { runNode } from '../../harness/runNode';
import type { WagriSimulator } from '../../simulators/wagri';

export const FORM = 'application/x-www-form-urlencoded';

/**
 * Data for the tests' usual credentials: every URL on the simulator, the token asked at the old
 * token URL /Token (route `token`), chosen explicitly so the defaults never decide what is counted.
 */
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
		loginUrl: `${simulator.baseUrl}/API/Individual/MAFFAPP/Users/Login`,
		mail: simulator.mail,
		password: simulator.password,
		loginLifetimeMinutes: 0,
		...overrides,
	};
}

/**
 * A credential as n8n hands it to the code: the stored fields as saved, and the type's current
 * default for each field the stored data lacks (n8n's CredentialsHelper.applyDefaultsAndOverwrites
 * calls NodeHelpers.getNodeParameters(properties, stored, true, false, null, null)).
 */
export function asN8nLoads(
	type: ICredentialType,
	stored: INodeParameters,
): ICredentialDataDecryptedObject {
	return (NodeHelpers.getNodeParameters(type.properties, stored, true, false, null, null) ??
		{}) as ICredentialDataDecryptedObject;
}

/** `data` with each URL on one of `origins` moved to the simulator, path kept. */
export function onSimulator(
	simulator: WagriSimulator,
	data: ICredentialDataDecryptedObject,
	origins: string[],
): ICredentialDataDecryptedObject {
	return Object.fromEntries(
		Object.entries(data).map(([key, value]) => {
			const origin = origins.find(
				(candidate) =>
					typeof value === 'string' && (value === candidate || value.startsWith(`${candidate}/`)),
			);
			return [key, origin ? `${simulator.baseUrl}${String(value).slice(origin.length)}` : value];
		}),
	);
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
