import type { IExecuteFunctions } from 'n8n-workflow';

import { executeOperations, type OperationMap } from '../../shared/execute';
import * as account from './account';
import * as receipt from './receipt';
import * as store from './store';

/** Every resource of the node and its operations (the values of the Operation parameter). */
type RollerOperations = {
	account: 'getMe' | 'getOrganization' | 'getOrganizations' | 'login';
	receipt: 'get' | 'getAll';
	store: 'getAll';
};

const operations: OperationMap<RollerOperations> = {
	account: {
		getMe: account.getMe,
		getOrganization: account.getOrganization,
		getOrganizations: account.getOrganizations,
		login: account.login,
	},
	receipt: { get: receipt.get, getAll: receipt.getAll },
	store: { getAll: store.getAll },
};

export async function router(this: IExecuteFunctions) {
	return await executeOperations.call(this, operations);
}
