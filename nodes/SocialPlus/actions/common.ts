import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput, requiredString } from '../../shared/validation';

/** Social PLUS ID: at most 40 characters. */
export const IDENTIFIER_MAX_LENGTH = 40;
/** Your own user ID (primary key): at most 255 characters, ASCII 0x21–0x7e. */
export const PRIMARY_KEY_MAX_LENGTH = 255;
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

export type UserIdKind = 'identifier' | 'primaryKey';

export const LOGIN_PROVIDERS = [
	{ name: 'Apple', value: 'apple' },
	{ name: 'Facebook', value: 'facebook' },
	{ name: 'Google (New)', value: 'gplus' },
	{ name: 'Google (Old)', value: 'google' },
	{ name: 'LINE', value: 'line' },
	{ name: 'Twitter', value: 'twitter' },
	{ name: 'Yahoo! JAPAN', value: 'yahoo' },
];

/** "Social PLUS ID", or "Social PLUS ID (Source)" when a node addresses two users. */
function fieldName(name: string, label?: string) {
	return label ? `${name} (${label})` : name;
}

/**
 * "Find User By" + the ID field. `prefix` names a second user on the same node (Merge has a
 * source and a destination user).
 */
export function userSelector(
	options: { prefix?: string; label?: string; description?: string } = {},
): INodeProperties[] {
	const prefix = options.prefix ?? '';
	const by = prefix ? `${prefix}UserIdType` : 'userIdType';
	return [
		{
			displayName: `Find ${options.label ? `${options.label} ` : ''}User By`,
			name: by,
			type: 'options',
			options: [
				{
					name: 'Social PLUS ID',
					value: 'identifier',
					description: 'The ID Social PLUS gave the user ("identifier", up to 40 characters)',
				},
				{
					name: 'Your User ID',
					value: 'primaryKey',
					description:
						'The ID of the user in your own service, linked with Link Own ID ("primary_key")',
				},
			],
			default: 'identifier',
			description: options.description,
		},
		{
			displayName: fieldName('Social PLUS ID', options.label),
			name: prefix ? `${prefix}Identifier` : 'identifier',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 5f8a9b18e6eafc375f756af8d75763d43175a00e',
			displayOptions: { show: { [by]: ['identifier'] } },
		},
		{
			displayName: fieldName('Your User ID', options.label),
			name: prefix ? `${prefix}PrimaryKey` : 'primaryKey',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. user_123',
			displayOptions: { show: { [by]: ['primaryKey'] } },
		},
	];
}

export function validIdentifier(
	this: IExecuteFunctions,
	parameter: string,
	field: string,
	itemIndex: number,
) {
	const value = requiredString.call(this, parameter, field, itemIndex);
	if (value.length > IDENTIFIER_MAX_LENGTH || !PRINTABLE_ASCII.test(value)) {
		throw invalidInput(
			this,
			field,
			`must be a Social PLUS ID of at most ${IDENTIFIER_MAX_LENGTH} characters without spaces (got ${value.length} characters)`,
			itemIndex,
		);
	}
	return value;
}

export function validPrimaryKey(
	this: IExecuteFunctions,
	parameter: string,
	field: string,
	itemIndex: number,
) {
	const value = requiredString.call(this, parameter, field, itemIndex);
	if (value.length > PRIMARY_KEY_MAX_LENGTH) {
		throw invalidInput(
			this,
			field,
			`must be at most ${PRIMARY_KEY_MAX_LENGTH} characters (got ${value.length})`,
			itemIndex,
		);
	}
	if (!PRINTABLE_ASCII.test(value)) {
		throw invalidInput(
			this,
			field,
			'may contain only printable ASCII characters (letters, digits and symbols; no spaces, no Japanese or other non-ASCII characters)',
			itemIndex,
		);
	}
	return value;
}

/**
 * The query parameters that address one user: `identifier` or `primary_key` (prefixed with
 * `source_`/`dest_` for Merge).
 */
export function userQuery(
	this: IExecuteFunctions,
	itemIndex: number,
	options: { prefix?: string; label?: string; queryPrefix?: string } = {},
): IDataObject {
	const prefix = options.prefix ?? '';
	const queryPrefix = options.queryPrefix ?? '';
	const kind = this.getNodeParameter(
		prefix ? `${prefix}UserIdType` : 'userIdType',
		itemIndex,
	) as UserIdKind;
	if (kind === 'primaryKey') {
		const parameter = prefix ? `${prefix}PrimaryKey` : 'primaryKey';
		return {
			[`${queryPrefix}primary_key`]: validPrimaryKey.call(
				this,
				parameter,
				fieldName('Your User ID', options.label),
				itemIndex,
			),
		};
	}
	const parameter = prefix ? `${prefix}Identifier` : 'identifier';
	return {
		[`${queryPrefix}identifier`]: validIdentifier.call(
			this,
			parameter,
			fieldName('Social PLUS ID', options.label),
			itemIndex,
		),
	};
}
