import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/**
 * Stands in for n8n's credential database: what a preAuthentication persists lands here, and
 * the next execution reads it back, exactly as n8n's CredentialsHelper does with its store.
 */
export class CredentialStore {
	private readonly data = new Map<string, ICredentialDataDecryptedObject>();

	writes = 0;

	constructor(initial: Record<string, ICredentialDataDecryptedObject> = {}) {
		for (const [type, value] of Object.entries(initial)) this.data.set(type, { ...value });
	}

	get(type: string): ICredentialDataDecryptedObject {
		const value = this.data.get(type);
		if (!value) throw new Error(`No credential of type ${type} in the test store`);
		return { ...value };
	}

	set(type: string, value: ICredentialDataDecryptedObject) {
		this.writes++;
		this.data.set(type, { ...value });
	}

	types() {
		return [...this.data.keys()];
	}
}
