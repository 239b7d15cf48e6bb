import { PollContext } from 'n8n-core';
import {
	Workflow,
	type ICredentialType,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IWorkflowExecuteAdditionalData,
	type WorkflowActivateMode,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import type { CredentialStore } from './credentialStore';
import { TestCredentialsHelper } from './credentialsHelper';
import { PACKAGE_PREFIX } from './runNode';

export interface PollTriggerOptions {
	/** Builds a fresh node instance (also after a restart). */
	nodeType: () => INodeType;
	credentialTypes: ICredentialType[];
	store: CredentialStore;
	parameters: INodeParameters;
	credentials: string[];
}

export interface PollResult {
	/** The items the poll emitted (n8n starts an execution only when there are some). */
	items: INodeExecutionData[];
	error?: Error & { description?: string; httpCode?: string };
}

/**
 * An active workflow with one polling trigger, the way n8n runs it: every poll gets n8n-core's
 * real PollContext (parameters, credentials through the test credentials helper, real HTTP),
 * and the node's static data lives on the Workflow object between polls. `restart()` does what
 * an n8n restart does: the static data is saved (as JSON), a new node instance and Workflow are
 * built from it.
 */
export class PollingTrigger {
	private workflow!: Workflow;

	private nodeType!: INodeType;

	private readonly node: INode;

	private readonly credentialsHelper: TestCredentialsHelper;

	polls = 0;

	constructor(private readonly options: PollTriggerOptions) {
		const credentialTypes = new Map(options.credentialTypes.map((type) => [type.name, type]));
		this.credentialsHelper = new TestCredentialsHelper(credentialTypes, options.store);
		const probe = options.nodeType();
		this.node = {
			id: 'trigger-under-test',
			name: probe.description.displayName,
			type: `${PACKAGE_PREFIX}.${probe.description.name}`,
			typeVersion: [probe.description.version].flat().pop()!,
			position: [0, 0],
			parameters: options.parameters,
			credentials: Object.fromEntries(
				options.credentials.map((type) => [type, { id: `cred-${type}`, name: type }]),
			),
		};
		this.build({});
	}

	private build(staticData: IDataObject) {
		this.nodeType = this.options.nodeType();
		const nodeType = this.nodeType;
		const nodeTypes: INodeTypes = {
			getByName: () => nodeType,
			getByNameAndVersion: () => nodeType,
			getKnownTypes: () => ({}),
		};
		this.workflow = new Workflow({
			id: 'trigger-workflow',
			nodes: [this.node],
			connections: {},
			nodeTypes,
			active: true,
			staticData,
		});
	}

	/** The node's static data as n8n would save it. */
	savedStaticData(): IDataObject {
		return JSON.parse(JSON.stringify(this.workflow.staticData)) as IDataObject;
	}

	/** n8n restarts: static data kept (saved and loaded back), a new node instance and workflow. */
	restart() {
		this.build(this.savedStaticData());
	}

	/** Changes a parameter, as when the user edits the active workflow. */
	setParameter(name: string, value: INodeParameters[string]) {
		this.node.parameters[name] = value;
	}

	/** One poll: mode `trigger` is the active workflow's timer, `manual` is "Fetch Test Event". */
	async poll(mode: WorkflowExecuteMode = 'trigger'): Promise<PollResult> {
		this.polls++;
		const additionalData = {
			credentialsHelper: this.credentialsHelper,
			currentNodeParameters: undefined,
			executionId: `poll-${this.polls}`,
			restApiUrl: 'http://localhost/rest',
			instanceBaseUrl: 'http://localhost/',
			formWaitingBaseUrl: 'http://localhost/form-waiting',
			webhookBaseUrl: 'http://localhost/webhook',
			webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
			webhookTestBaseUrl: 'http://localhost/webhook-test',
			variables: {},
			userId: 'owner',
		} as unknown as IWorkflowExecuteAdditionalData;
		const activation: WorkflowActivateMode = mode === 'manual' ? 'manual' : 'activate';
		const context = new PollContext(this.workflow, this.node, additionalData, mode, activation);
		try {
			const output = await this.nodeType.poll!.call(context);
			return { items: output?.[0] ?? [] };
		} catch (error) {
			return { items: [], error: error as PollResult['error'] };
		}
	}
}
