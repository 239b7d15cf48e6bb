import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

export type OperationExecute = (
	this: IExecuteFunctions,
	itemIndex: number,
) => Promise<IDataObject | IDataObject[] | INodeExecutionData[]>;

/** One `<operation>.operation.ts` file: its description (built once) and its execute. */
export interface OperationModule {
	description: INodeProperties[];
	execute: OperationExecute;
}

/** A resource's operations, by operation value. */
export type ResourceOperations<Operation extends string = string> = Record<
	Operation,
	OperationModule
>;

/**
 * A node's resources → operations, typed per node, e.g.
 * `OperationMap<{ account: 'getMe' | 'login'; receipt: 'get' | 'getAll' }>`.
 */
export type OperationMap<Shape extends Record<string, string> = Record<string, string>> = {
	[Resource in keyof Shape]: ResourceOperations<Shape[Resource]>;
};

function isExecutionItem(value: unknown): value is INodeExecutionData {
	return (
		!!value &&
		typeof value === 'object' &&
		'json' in value &&
		typeof (value as INodeExecutionData).json === 'object'
	);
}

/** Upper bound for Options → Parallel Requests. */
export const MAX_PARALLEL_REQUESTS = 20;

/**
 * The per-item loop every node uses: one operation call per input item, pairedItem on every
 * output, continueOnFail honoured with an error item for the failing input only. Items run one
 * after another unless the operation's Options → Parallel Requests asks for more; the output
 * order is the input order either way.
 */
export async function executeOperations<Shape extends Record<string, string>>(
	this: IExecuteFunctions,
	operations: OperationMap<Shape>,
) {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = (
		operations as Record<string, Record<string, OperationModule | undefined> | undefined>
	)[resource]?.[operation];
	if (typeof handler?.execute !== 'function') {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	const execute = handler.execute;
	const parallel = Math.min(
		MAX_PARALLEL_REQUESTS,
		Math.max(1, Math.floor(Number(this.getNodeParameter('options.parallelRequests', 0, 1)) || 1)),
	);

	const outputs: INodeExecutionData[][] = new Array(items.length);
	let failure: { itemIndex: number; error: any } | undefined;
	let next = 0;

	const runItem = async (itemIndex: number) => {
		try {
			const result = await execute.call(this, itemIndex);
			const list = Array.isArray(result) ? result : [result];
			outputs[itemIndex] = list.map((entry) => {
				const item = isExecutionItem(entry) ? entry : { json: entry as IDataObject };
				return { ...item, pairedItem: { item: itemIndex } };
			});
		} catch (error) {
			if (!this.continueOnFail()) {
				if (!failure || itemIndex < failure.itemIndex) failure = { itemIndex, error };
				return;
			}
			outputs[itemIndex] = [
				{
					json: {
						error: error.message,
						...(error.description ? { errorDescription: error.description } : {}),
						...(error.httpCode ? { httpCode: error.httpCode } : {}),
						// fields an operation must not lose even on failure (e.g. a rotated token pair it outputs)
						...(error.jpConnectItemFields ?? {}),
					},
					pairedItem: { item: itemIndex },
				},
			];
		}
	};
	const worker = async () => {
		while (!failure && next < items.length) await runItem(next++);
	};
	await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));

	if (failure) throw asNodeError(this, failure.error, failure.itemIndex);
	const returnData: INodeExecutionData[] = [];
	for (const output of outputs) if (output) for (const item of output) returnData.push(item);
	return [returnData];
}

function asNodeError(context: IExecuteFunctions, error: any, itemIndex: number) {
	if (error instanceof NodeApiError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}
