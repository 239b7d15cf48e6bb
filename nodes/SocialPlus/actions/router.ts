import type { IExecuteFunctions } from 'n8n-workflow';

import { executeOperations } from '../../shared/execute';
import * as user from './user';

export async function router(this: IExecuteFunctions) {
	return await executeOperations.call(this, { user });
}
