import {
	NodeApiError,
	NodeOperationError,
	type JsonObject,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

export type OperationExecute = (
	this: IExecuteFunctions,
	itemIndex: number,
) => Promise<IDataObject | IDataObject[] | INodeExecutionData[]>;

/** resource → module exporting one `{ description, execute }` module per operation. */
export type OperationMap = Record<string, Record<string, unknown>>;

function isExecutionItem(value: unknown): value is INodeExecutionData {
	return !!value && typeof value === 'object' && 'json' in value && typeof (value as INodeExecutionData).json === 'object';
}

/**
 * The per-item loop every node uses: one operation call per input item, pairedItem on every
 * output, continueOnFail honoured with an error item for the failing input only.
 */
export async function executeOperations(this: IExecuteFunctions, operations: OperationMap) {
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = operations[resource]?.[operation] as { execute?: OperationExecute } | undefined;
	if (typeof handler?.execute !== 'function') {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await handler.execute!.call(this, itemIndex);
			const list = Array.isArray(result) ? result : [result];
			for (const entry of list) {
				const item = isExecutionItem(entry) ? entry : { json: entry as IDataObject };
				returnData.push({ ...item, pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			if (this.continueOnFail()) {
				returnData.push({
					json: {
						error: error.message,
						...(error.description ? { errorDescription: error.description } : {}),
						...(error.httpCode ? { httpCode: error.httpCode } : {}),
					},
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			if (error instanceof NodeApiError) {
				error.context.itemIndex ??= itemIndex;
				throw new NodeApiError(this.getNode(), error as unknown as JsonObject);
			}
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
		}
	}
	return [returnData];
}
