import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { providerErrorFrom } from '../../../shared/request';
import { loginToRoller, ROLLER_CREDENTIAL } from '../../auth';
import { ROLLER } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName:
			"Logs in with the credential's e-mail and password and outputs the new token. Other operations do not need this: the credential logs in by itself.",
		name: 'loginNotice',
		type: 'notice',
		default: '',
	},
];

const displayOptions = { show: { resource: ['account'], operation: ['login'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const credentials = await this.getCredentials(ROLLER_CREDENTIAL, itemIndex);
	try {
		const login = await loginToRoller(this.helpers, credentials);
		return { token: login.token, expire: login.expire };
	} catch (error) {
		throw providerErrorFrom(this, ROLLER, error, itemIndex);
	}
}
