import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { withoutTokens } from '../../auth/answers';
import { nextEngineApiRequest } from '../../transport';
import { readCallOptions, withItemPair } from '../common';

/** `/api_v1_<entity>/info`: every row of `data` as one item. */
export async function readInfo(this: IExecuteFunctions, entity: string, itemIndex: number) {
	const options = readCallOptions.call(this, itemIndex);
	const path = `/api_v1_${entity}/info`;
	const answer = withoutTokens(await nextEngineApiRequest.call(this, path, {}, itemIndex, options));
	return withItemPair(
		Array.isArray(answer.data) ? (answer.data as IDataObject[]) : [],
		options.itemPair,
	);
}
