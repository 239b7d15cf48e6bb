import { sleep, type IDataObject } from 'n8n-workflow';

import { providerApiError } from '../../shared/errors';
import { NE_OVERLOAD_CODE, NE_PROVIDER, nextEngineErrorIn } from '../auth/answers';
import {
	attachItemPair,
	callWithItemPair,
	callWithStoredPair,
	itemLabel,
	type ItemPair,
	type NodeContext,
} from './calls';

export { itemPairOutput, type ItemPair } from './calls';

/** How often a 003002 (overloaded) answer is retried unless the node's options say otherwise. */
export const DEFAULT_OVERLOAD_RETRIES = 3;
/** The wait before the first overload retry, doubled on every further retry. */
export const DEFAULT_OVERLOAD_RETRY_DELAY_MS = 2000;

export interface NextEngineCallOptions {
	/** Use this pair (from the input item) instead of the credential's. */
	itemPair?: ItemPair;
	/** `wait_flag=1`: Next Engine waits on overload instead of answering 003002. */
	waitFlag?: boolean;
	/** How often to retry a 003002 overload answer. */
	overloadRetries?: number;
	/** First retry delay; doubled on each retry. */
	overloadRetryDelayMs?: number;
}

/**
 * The one way the node calls Next Engine's token APIs: wait_flag, 003002 retry with backoff,
 * result error/redirect turned into errors with Next Engine's code and message.
 */
export async function nextEngineApiRequest(
	this: NodeContext,
	path: string,
	form: IDataObject,
	itemIndex: number,
	options: NextEngineCallOptions = {},
): Promise<IDataObject> {
	const body: IDataObject = { ...form };
	if (options.waitFlag) body.wait_flag = '1';
	const retries = options.overloadRetries ?? DEFAULT_OVERLOAD_RETRIES;
	const delay = options.overloadRetryDelayMs ?? DEFAULT_OVERLOAD_RETRY_DELAY_MS;
	for (let attempt = 0; ; attempt++) {
		const answer = options.itemPair
			? await callWithItemPair.call(this, path, body, itemIndex, options.itemPair)
			: await callWithStoredPair.call(this, path, body, itemIndex);
		const overloaded = answer.result === 'error' && String(answer.code) === NE_OVERLOAD_CODE;
		if (overloaded && attempt < retries) {
			await sleep(delay * 2 ** attempt);
			continue;
		}
		const inBody = nextEngineErrorIn(answer);
		if (inBody) {
			const message = `${inBody.message}${itemLabel(options.itemPair, itemIndex)}`;
			const error = providerApiError(
				this.getNode(),
				{ provider: NE_PROVIDER, ...inBody, message },
				itemIndex,
			);
			if (options.itemPair) attachItemPair(error, options.itemPair);
			throw error;
		}
		return answer;
	}
}
