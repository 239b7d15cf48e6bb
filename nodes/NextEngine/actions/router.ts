import type { IExecuteFunctions } from 'n8n-workflow';

import { executeOperations } from '../../shared/execute';
import * as account from './account';
import * as auth from './auth';
import * as custom from './custom';
import * as entity from './entity';

export async function router(this: IExecuteFunctions) {
	return await executeOperations.call(this, { account, auth, custom, entity });
}
