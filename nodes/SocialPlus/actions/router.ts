import type { IExecuteFunctions } from 'n8n-workflow';

import { executeOperations, type OperationMap } from '../../shared/execute';
import * as user from './user';

/** Every resource of the node and its operations (the values of the Operation parameter). */
type SocialPlusOperations = {
	user:
		| 'create'
		| 'delete'
		| 'getAll'
		| 'getAttributes'
		| 'getFromLoginToken'
		| 'linkOwnId'
		| 'merge'
		| 'unlinkProvider';
};

const operations: OperationMap<SocialPlusOperations> = {
	user: {
		create: user.create,
		delete: user.delete,
		getAll: user.getAll,
		getAttributes: user.getAttributes,
		getFromLoginToken: user.getFromLoginToken,
		linkOwnId: user.linkOwnId,
		merge: user.merge,
		unlinkProvider: user.unlinkProvider,
	},
};

export async function router(this: IExecuteFunctions) {
	return await executeOperations.call(this, operations);
}
