import {
	NodeConnectionTypes,
	type ICredentialType,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INodeType,
} from 'n8n-workflow';

import type { CredentialStore } from './credentialStore';
import { runNode } from './runNode';

function resolveCredentialExpression(value: unknown, credentials: IDataObject): unknown {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	return value
		.slice(1)
		.replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_, key: string) =>
			String(credentials[key] ?? ''),
		);
}

/** Resolves `={{$credentials.x}}` in each value, as n8n's routing resolves the whole test request. */
function resolveEach(values: IDataObject, credentials: IDataObject): IDataObject {
	return Object.fromEntries(
		Object.entries(values).map(([key, value]) => [
			key,
			resolveCredentialExpression(value, credentials) as IDataObject[string],
		]),
	);
}

/**
 * What n8n's "Test" button does for a credential with `test.request`: preAuthentication always
 * runs, then the test request is sent through the credential's authenticate; an HTTP error
 * answer gives the message of the matching `responseCode` rule, as in n8n.
 */
export interface TestCredentialOptions {
	/**
	 * 'always' (default): preAuthentication runs on every test, as the platform notes describe.
	 * 'n8n-2.40': as n8n 2.40.7's CLI really does for a `test.request` — its credentials tester
	 * builds the temp node with `parameters: {}`, so CredentialsHelper's isTestingCredentials
	 * check (`parameters.temp === ''`) is false and preAuthentication runs only when the
	 * expirable field is empty or after a 401.
	 */
	preAuthentication?: 'always' | 'n8n-2.40';
}

export async function testCredential(
	credentialType: ICredentialType,
	store: CredentialStore,
	testOptions: TestCredentialOptions = {},
) {
	const testRequest = credentialType.test?.request;
	if (!testRequest) throw new Error(`${credentialType.name} has no test request`);
	const tester: INodeType = {
		description: {
			displayName: 'Credential Tester',
			name: 'credentialTester',
			group: [],
			version: 1,
			description: '',
			defaults: { name: 'Credential Tester' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: credentialType.name, required: true }],
			properties: [],
		},
		async execute(this: IExecuteFunctions) {
			const credentials = await this.getCredentials(credentialType.name);
			const options: IHttpRequestOptions = {
				method: testRequest.method ?? 'GET',
				url: String(resolveCredentialExpression(testRequest.url, credentials)),
				baseURL: String(resolveCredentialExpression(testRequest.baseURL, credentials) ?? ''),
				qs: testRequest.qs as IDataObject,
				...(testRequest.headers
					? { headers: resolveEach(testRequest.headers as IDataObject, credentials) }
					: {}),
				...(testRequest.body
					? { body: resolveEach(testRequest.body as IDataObject, credentials) }
					: {}),
				json: true,
			};
			let body: unknown;
			try {
				body = await this.helpers.httpRequestWithAuthentication.call(
					this,
					credentialType.name,
					options,
				);
			} catch (error) {
				// As n8n's CredentialsTester.runRequestTest: an HTTP answer is judged by the
				// credential's responseCode rules, else by its status text.
				const response = (
					error as { cause?: { response?: { status: number; statusText?: string } } }
				).cause?.response;
				if (!response) throw error;
				const rule = credentialType.test?.rules?.find(
					(entry) => entry.type === 'responseCode' && entry.properties.value === response.status,
				);
				const message =
					(rule?.properties as { message?: string } | undefined)?.message ??
					(response.statusText || `Received HTTP status code: ${response.status}`);
				return [[{ json: { status: 'Error', message } }]];
			}
			return [[{ json: { status: 'OK', body: body as IDataObject } }]];
		},
	};
	const result = await runNode({
		nodeType: tester,
		credentialTypes: [credentialType],
		store,
		credentials: [credentialType.name],
		parameters: {},
		testingCredentials: (testOptions.preAuthentication ?? 'always') === 'always',
	});
	if (result.error)
		return { status: 'Error' as const, message: result.error.message, error: result.error };
	if (result.items[0]?.json.status === 'Error')
		return { status: 'Error' as const, message: String(result.items[0].json.message) };
	// The rules n8n's credentials tester applies to a successful answer.
	const body = result.items[0]?.json.body as IDataObject | undefined;
	for (const rule of credentialType.test?.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		const value = rule.properties.key
			.split('.')
			.reduce<unknown>((current, key) => (current as IDataObject | undefined)?.[key], body);
		if (value === rule.properties.value)
			return { status: 'Error' as const, message: rule.properties.message };
	}
	return { status: 'OK' as const, message: 'Connection tested successfully' };
}
