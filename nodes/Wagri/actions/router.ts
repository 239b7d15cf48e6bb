import type { IExecuteFunctions } from 'n8n-workflow';

import { executeOperations, type OperationMap } from '../../shared/execute';
import * as api from './api';
import * as maffApp from './maffApp';
import * as token from './token';

/** Every resource of the node and its operations (the values of the Operation parameter). */
type WagriOperations = {
	api: 'request';
	maffApp: 'login';
	token: 'getAccessToken';
};

const operations: OperationMap<WagriOperations> = {
	api: { request: api.request },
	maffApp: { login: maffApp.login },
	token: { getAccessToken: token.getAccessToken },
};

export async function router(this: IExecuteFunctions) {
	return await executeOperations.call(this, operations);
}
