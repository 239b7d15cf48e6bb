import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsProperty } from '../../../shared/descriptions';
import { socialPlusLookup, withoutStatus } from '../../transport';
import { userQuery, userSelector } from '../common';

const properties: INodeProperties[] = [
	...userSelector(),
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{
				name: 'One Item per User',
				value: 'user',
				description:
					'The answer as Social PLUS gives it: "user" and "providers" keyed by login provider',
			},
			{
				name: 'One Item per Login Provider',
				value: 'provider',
				description:
					"One item for each linked login provider (provider, the provider's user ID, access_token, refresh_token, expires_at, …) with the user's identifier and primary_key, e.g. to call LINE or Yahoo! in the next step",
			},
		],
		default: 'user',
	},
	optionsProperty([
		{
			displayName: 'Leave Out Provider Tokens',
			name: 'omitTokens',
			type: 'boolean',
			default: false,
			description:
				"Whether to remove the login providers' access tokens, refresh tokens and secrets from the output (their user IDs and dates stay)",
		},
		{
			displayName: 'Return Empty Result If Not Found',
			name: 'emptyIfNotFound',
			type: 'boolean',
			default: false,
			description:
				'Whether an unknown user ("Entity not found.", code 7) gives no output item instead of an error',
		},
	]),
];

const displayOptions = { show: { resource: ['user'], operation: ['getAttributes'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Fields that hold a login provider's credentials (see the seed: access_token, access_secret, …). */
const TOKEN_FIELD = /token|secret|session_handle/i;

function withoutTokens(provider: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(provider).filter(([name]) => !TOKEN_FIELD.test(name)));
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const query = userQuery.call(this, itemIndex);
	const output = this.getNodeParameter('output', itemIndex, 'user') as string;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;

	const answer = await socialPlusLookup.call(
		this,
		'user_attribute',
		query,
		options.emptyIfNotFound === true,
		itemIndex,
	);
	if (!answer) return [];

	const user = (answer.user ?? {}) as IDataObject;
	const providers = (
		answer.providers && typeof answer.providers === 'object' ? answer.providers : {}
	) as Record<string, IDataObject>;
	const clean = (provider: IDataObject) =>
		options.omitTokens === true ? withoutTokens(provider) : provider;

	if (output === 'provider') {
		return Object.entries(providers).map(([provider, details]) => ({
			provider,
			provider_user_id: details[`${provider}_id`] ?? null,
			...clean(details ?? {}),
			identifier: user.identifier ?? null,
			primary_key: user.primary_key ?? null,
		}));
	}
	return [
		{
			...withoutStatus(answer),
			providers: Object.fromEntries(
				Object.entries(providers).map(([name, details]) => [name, clean(details ?? {})]),
			),
		},
	];
}
