import {
	ICredentialsHelper,
	isExpression,
	NodeHelpers,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeParameters,
} from 'n8n-workflow';

import type { CredentialStore } from './credentialStore';

/**
 * The parts of n8n's CredentialsHelper (packages/cli/src/credentials-helper.ts, n8n 2.40.x) that
 * decide when preAuthentication runs and what it persists. Kept to the same rules on purpose:
 * runs only when the expirable hidden field is '' or a refresh is forced, persists the returned
 * keys, and hands the merged data back to the request.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	preAuthenticationRuns = 0;

	/** n8n always runs preAuthentication while a credential is being tested. */
	testingCredentials = false;

	constructor(
		private readonly credentialTypes: Map<string, ICredentialType>,
		private readonly store: CredentialStore,
	) {
		super();
	}

	getType(name: string): ICredentialType {
		const type = this.credentialTypes.get(name);
		if (!type) throw new Error(`Unknown credential type ${name}`);
		return type;
	}

	getParentTypes(): string[] {
		return [];
	}

	getCredentialsProperties(type: string) {
		return this.getType(type).properties;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.getType(typeName);
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (authenticate) throw new Error('The test helper only supports authenticate functions');
		return requestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.getType(typeName);
		const expirable = type.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired && !this.testingCredentials)
			return undefined;

		this.preAuthenticationRuns++;
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;

		await this.store.delay();
		const stored = this.store.get(typeName);
		const toPersist = { ...stored };
		for (const [key, value] of Object.entries(output)) {
			if (key === expirable.name || !isExpression(stored[key])) toPersist[key] = value as string;
		}
		await this.store.delay();
		this.store.set(typeName, toPersist);
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	) {
		const type = this.getType(typeName);
		if (typeof type.preAuthentication !== 'function') return undefined;
		return (await type.preAuthentication.call(
			helpers,
			credentials,
		)) as ICredentialDataDecryptedObject;
	}

	/**
	 * As n8n's getDecrypted: only the fields the credential type declares, with their defaults
	 * (anything else that was stored is not handed to the node or the credential).
	 */
	async getDecrypted(
		_additionalData: unknown,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		await this.store.delay();
		const stored = this.store.get(type);
		await this.store.readDone();
		return NodeHelpers.getNodeParameters(
			this.getType(type).properties,
			stored as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used by the test helper');
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store.set(type, data);
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getOAuth2Options() {
		return undefined;
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}
}
