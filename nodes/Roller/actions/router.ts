import type { IExecuteFunctions } from 'n8n-workflow';

import { executeOperations } from '../../shared/execute';
import * as account from './account';
import * as receipt from './receipt';
import * as store from './store';

export async function router(this: IExecuteFunctions) {
	return await executeOperations.call(this, { account, receipt, store });
}
