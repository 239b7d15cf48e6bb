import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { nextEngineApiRequest, withoutTokens } from '../../transport';
import {
	callOptionsDescription,
	conditionsDescription,
	entityDescription,
	readCallOptions,
	readConditions,
	readEntity,
	tokenSourceDescription,
	withItemPair,
} from '../common';

const show = { resource: ['entity'], operation: ['count'] };

export const description: INodeProperties[] = [
	...tokenSourceDescription(show),
	...entityDescription(show),
	conditionsDescription(show),
	callOptionsDescription(show),
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const entity = readEntity.call(this, itemIndex);
	const conditions = readConditions.call(this, itemIndex);
	const options = readCallOptions.call(this, itemIndex);
	const answer = withoutTokens(
		await nextEngineApiRequest.call(this, `/api_v1_${entity}/count`, conditions, itemIndex, options),
	);
	return withItemPair({ entity, count: answer.count }, options.itemPair);
}
