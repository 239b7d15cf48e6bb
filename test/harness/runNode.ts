import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	Workflow,
	type ICredentialType,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IRunExecutionData,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import type { CredentialStore } from './credentialStore';
import { TestCredentialsHelper } from './credentialsHelper';

export const PACKAGE_PREFIX = 'n8n-nodes-jp-connect';

export interface RunNodeOptions {
	nodeType: INodeType;
	credentialTypes: ICredentialType[];
	store: CredentialStore;
	parameters: INodeParameters;
	/** Credential types the node instance uses (must be in the store). */
	credentials?: string[];
	/** Input items: plain JSON objects or full execution items. Defaults to one empty item. */
	items?: Array<IDataObject | INodeExecutionData>;
	continueOnFail?: boolean;
	typeVersion?: number;
	/** Run preAuthentication as n8n does while testing a credential. */
	testingCredentials?: boolean;
}

export interface NodeRunResult {
	items: INodeExecutionData[];
	/** The error that stopped the node, when it stopped. */
	error?: Error & { description?: string; httpCode?: string; context?: IDataObject };
	preAuthenticationRuns: number;
}

function toExecutionItems(items: Array<IDataObject | INodeExecutionData>): INodeExecutionData[] {
	return items.map((item) =>
		item && typeof item === 'object' && 'json' in item && typeof item.json === 'object'
			? (item as INodeExecutionData)
			: { json: item as IDataObject },
	);
}

/**
 * Runs one node through n8n-core's real WorkflowExecute: parameters, expressions, pairedItem,
 * continueOnFail and httpRequestWithAuthentication all behave as inside n8n.
 */
export async function runNode(options: RunNodeOptions): Promise<NodeRunResult> {
	const typeName = `${PACKAGE_PREFIX}.${options.nodeType.description.name}`;
	const version = options.typeVersion ?? [options.nodeType.description.version].flat().pop()!;
	const nodeTypes: INodeTypes = {
		getByName: () => options.nodeType,
		getByNameAndVersion: () => options.nodeType,
		getKnownTypes: () => ({}),
	};
	const credentialTypes = new Map(options.credentialTypes.map((type) => [type.name, type]));
	const credentialsHelper = new TestCredentialsHelper(credentialTypes, options.store);
	credentialsHelper.testingCredentials = options.testingCredentials ?? false;

	const node: INode = {
		id: 'node-under-test',
		name: options.nodeType.description.displayName,
		type: typeName,
		typeVersion: version,
		position: [0, 0],
		parameters: options.parameters,
		credentials: Object.fromEntries(
			(options.credentials ?? []).map((type) => [type, { id: `cred-${type}`, name: type }]),
		),
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};

	const workflow = new Workflow({
		id: 'test',
		nodes: [node],
		connections: {},
		nodeTypes,
		active: false,
	});

	const hooks = new ExecutionLifecycleHooks('manual', '1', {
		id: 'test',
		name: 'test',
		active: false,
		isArchived: false,
		nodes: [node],
		connections: {},
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	});
	let finish: (run: IRun) => void = () => {};
	const finished = new Promise<IRun>((resolve) => (finish = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => finish(run));

	const additionalData = {
		hooks,
		credentialsHelper,
		currentNodeParameters: undefined,
		executionId: '1',
		restApiUrl: 'http://localhost/rest',
		instanceBaseUrl: 'http://localhost/',
		formWaitingBaseUrl: 'http://localhost/form-waiting',
		webhookBaseUrl: 'http://localhost/webhook',
		webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost/webhook-test',
		variables: {},
		userId: 'owner',
		setExecutionStatus: () => {},
		logAiEvent: () => {},
		getRunExecutionData: async () => undefined,
	} as unknown as IWorkflowExecuteAdditionalData;

	const runExecutionData: IRunExecutionData = {
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [
				{
					node,
					data: { main: [toExecutionItems(options.items ?? [{}])] },
					source: null,
				},
			],
		},
	} as unknown as IRunExecutionData;

	const execution = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	await execution.processRunExecutionData(workflow);
	const run = await finished;

	const taskData = run.data.resultData.runData[node.name]?.[0];
	const error = (taskData?.error ?? run.data.resultData.error) as NodeRunResult['error'];
	return {
		items: taskData?.data?.main?.[0] ?? [],
		error,
		preAuthenticationRuns: credentialsHelper.preAuthenticationRuns,
	};
}
