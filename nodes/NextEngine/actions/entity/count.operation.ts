import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { withoutTokens } from '../../auth/answers';
import { nextEngineApiRequest } from '../../transport';
import {
	callOptionsProperty,
	readCallOptions,
	tokenSourceProperties,
	withItemPair,
} from '../common';
import { conditionsProperty, entityProperties, readConditions, readEntity } from './common';

const properties: INodeProperties[] = [
	...tokenSourceProperties,
	...entityProperties,
	conditionsProperty,
	callOptionsProperty(),
];

const displayOptions = { show: { resource: ['entity'], operation: ['count'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const entity = readEntity.call(this, itemIndex);
	const conditions = readConditions.call(this, itemIndex);
	const options = readCallOptions.call(this, itemIndex);
	const path = `/api_v1_${entity}/count`;
	const answer = await nextEngineApiRequest.call(this, path, conditions, itemIndex, options);
	return withItemPair({ entity, count: withoutTokens(answer).count }, options.itemPair);
}
