import {
	NodeConnectionTypes,
	type ICredentialType,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type INodeExecutionData,
	type INodeType,
} from 'n8n-workflow';

import type { CredentialStore } from './credentialStore';
import { runNode, type NodeRunResult } from './runNode';

/**
 * The part of n8n's HTTP Request node (v3, "Predefined Credential Type") that matters for a
 * credential: every item's request is started at once through the older
 * `helpers.requestWithAuthentication` with an absolute `uri`, all are awaited together, and the
 * first failure stops the node (no Continue On Fail). That helper, unlike the one the package's
 * nodes use, runs the credential's preAuthentication after any error and retries once.
 */
function httpRequestNodeFor(credentialType: string): INodeType {
	return {
		description: {
			displayName: 'HTTP Request',
			name: 'httpRequest',
			group: ['output'],
			version: 3,
			description: '',
			defaults: { name: 'HTTP Request' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: credentialType, required: true }],
			properties: [
				{ displayName: 'Method', name: 'method', type: 'string', default: 'GET' },
				{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			],
		},
		async execute(this: IExecuteFunctions) {
			const items = this.getInputData();
			const requests = items.map(async (_item, itemIndex) => {
				const method = this.getNodeParameter('method', itemIndex) as IHttpRequestMethods;
				const uri = this.getNodeParameter('url', itemIndex) as string;
				return (await this.helpers.requestWithAuthentication.call(
					this,
					credentialType,
					{ method, uri, json: true, headers: { accept: 'application/json' } },
					undefined,
					itemIndex,
				)) as IDataObject;
			});
			const answers = await Promise.allSettled(requests);
			const output: INodeExecutionData[] = [];
			for (const [itemIndex, answer] of answers.entries()) {
				if (answer.status === 'rejected') throw answer.reason;
				output.push({ json: answer.value, pairedItem: { item: itemIndex } });
			}
			return [output];
		},
	};
}

export async function runHttpRequestNode(options: {
	credentialType: ICredentialType;
	store: CredentialStore;
	method?: IHttpRequestMethods;
	url: string;
	items?: number;
}): Promise<NodeRunResult> {
	return await runNode({
		nodeType: httpRequestNodeFor(options.credentialType.name),
		credentialTypes: [options.credentialType],
		store: options.store,
		credentials: [options.credentialType.name],
		parameters: { method: options.method ?? 'GET', url: options.url },
		items: Array.from({ length: options.items ?? 1 }, (_, index) => ({ index })),
	});
}
