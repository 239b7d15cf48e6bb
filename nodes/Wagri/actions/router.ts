import type { IExecuteFunctions } from 'n8n-workflow';

import { executeOperations } from '../../shared/execute';
import * as api from './api';
import * as maffApp from './maffApp';
import * as token from './token';

export async function router(this: IExecuteFunctions) {
	return await executeOperations.call(this, { api, maffApp, token });
}
