import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/**
 * Stands in for n8n's credential database: what a preAuthentication persists lands here, and
 * the next execution reads it back, exactly as n8n's CredentialsHelper does with its store.
 */
export class CredentialStore {
	private readonly data = new Map<string, ICredentialDataDecryptedObject>();

	writes = 0;

	/**
	 * How long each read and write takes, as with a real database (PostgreSQL in queue mode);
	 * 0 answers at once.
	 */
	latencyMs = 0;

	constructor(initial: Record<string, ICredentialDataDecryptedObject> = {}) {
		for (const [type, value] of Object.entries(initial)) this.data.set(type, { ...value });
	}

	/** Runs once, right after the next read: what another process does meanwhile. */
	afterNextRead?: () => Promise<void>;

	/** Called by the credentials helper after it has read the store. */
	async readDone() {
		const hook = this.afterNextRead;
		this.afterNextRead = undefined;
		await hook?.();
	}

	async delay() {
		if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
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
