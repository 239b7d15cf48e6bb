import type { IExecuteFunctions } from 'n8n-workflow';

import { executeOperations, type OperationMap } from '../../shared/execute';
import * as account from './account';
import * as auth from './auth';
import * as custom from './custom';
import * as entity from './entity';

/** Every resource of the node and its operations (the values of the Operation parameter). */
type NextEngineOperations = {
	account: 'getLoginCompany' | 'getLoginUser';
	auth: 'checkPair' | 'exchangeLogin';
	custom: 'call';
	entity: 'count' | 'search';
};

const operations: OperationMap<NextEngineOperations> = {
	account: { getLoginCompany: account.getLoginCompany, getLoginUser: account.getLoginUser },
	auth: { checkPair: auth.checkPair, exchangeLogin: auth.exchangeLogin },
	custom: { call: custom.call },
	entity: { count: entity.count, search: entity.search },
};

export async function router(this: IExecuteFunctions) {
	return await executeOperations.call(this, operations);
}
