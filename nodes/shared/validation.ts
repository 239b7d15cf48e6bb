import {
	NodeOperationError,
	type IExecuteFunctions,
	type INodeParameterResourceLocator,
} from 'n8n-workflow';

/** Bad input is reported before any call, naming the field as the user sees it. */
export function invalidInput(
	context: Pick<IExecuteFunctions, 'getNode'>,
	field: string,
	problem: string,
	itemIndex: number,
) {
	return new NodeOperationError(context.getNode(), `${field}: ${problem}`, {
		itemIndex,
		description: `Fix the "${field}" field of this node (or the expression that fills it) and run again.`,
	});
}

export function requiredString(
	this: IExecuteFunctions,
	parameter: string,
	field: string,
	itemIndex: number,
): string {
	const raw = this.getNodeParameter(parameter, itemIndex, '') as
		string | INodeParameterResourceLocator;
	const value = typeof raw === 'object' && raw !== null ? raw.value : raw;
	const text = value === undefined || value === null ? '' : String(value).trim();
	if (!text) throw invalidInput(this, field, 'is required but empty', itemIndex);
	return text;
}

export function integerInRange(
	context: Pick<IExecuteFunctions, 'getNode'>,
	value: unknown,
	field: string,
	range: { min: number; max: number },
	itemIndex: number,
): number {
	const number = Number(value);
	if (!Number.isInteger(number) || number < range.min || number > range.max) {
		throw invalidInput(
			context,
			field,
			`must be a whole number from ${range.min} to ${range.max} (got ${JSON.stringify(value)})`,
			itemIndex,
		);
	}
	return number;
}
