import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { SOCIAL_PLUS_MAX_PAGE_SIZE, socialPlusUserPages } from '../SocialPlus/transport';
import { integerInRange } from '../shared/validation';

/** Fetch Test Event looks this far back when "Also the Last N Hours" is 0. */
const TEST_EVENT_HOURS = 24;
/** Fetch Test Event shows at most this many users. */
const TEST_EVENT_USERS = 10;

/**
 * What the node keeps between polls (workflow static data, survives restarts): when the last
 * successful poll asked, and the users it got. `users` only filters by a period relative to
 * Social PLUS's clock (`created_within`), so every poll asks for the time since the last one
 * plus a clock allowance; users that fall in the overlap were in the last answer and are not
 * emitted again.
 */
interface WatchState {
	askedAt?: number;
	lastAnswer?: string[];
}

function readSettings(poll: IPollFunctions) {
	const options = poll.getNodeParameter('options', {}) as IDataObject;
	const allowance = integerInRange(
		poll,
		options.clockAllowanceSeconds ?? 120,
		'Clock Allowance (Seconds)',
		{ min: 0, max: 86400 },
		0,
	);
	const lookbackHours = integerInRange(
		poll,
		options.lookbackHours ?? 0,
		'Also the Last N Hours',
		{ min: 0, max: 24 * 90 },
		0,
	);
	return { allowanceMs: allowance * 1000, lookbackMs: lookbackHours * 3600_000 };
}

/** Identifiers of the users created within the last `periodMs` (one call per 100 users). */
async function usersCreatedWithin(poll: IPollFunctions, periodMs: number, limit?: number) {
	const created_within = `${Math.ceil(periodMs / 1000)}s`;
	const list = limit ? { returnAll: false, limit } : { returnAll: true, limit: 0 };
	return await socialPlusUserPages.call(
		poll,
		{ created_within },
		list,
		Math.min(limit ?? SOCIAL_PLUS_MAX_PAGE_SIZE, SOCIAL_PLUS_MAX_PAGE_SIZE),
		0,
	);
}

export async function pollUsers(this: IPollFunctions): Promise<IDataObject[] | null> {
	const settings = readSettings(this);
	const now = Date.now();

	if (this.getMode() === 'manual') {
		const period = settings.lookbackMs || TEST_EVENT_HOURS * 3600_000;
		const identifiers = await usersCreatedWithin(this, period, TEST_EVENT_USERS);
		return identifiers.map((identifier) => ({ identifier }));
	}

	const state = this.getWorkflowStaticData('node') as WatchState;
	const firstPoll = state.askedAt === undefined;
	const period = firstPoll
		? settings.lookbackMs || settings.allowanceMs
		: now - state.askedAt! + settings.allowanceMs;
	const identifiers = period > 0 ? await usersCreatedWithin(this, period) : [];
	const lastAnswer = new Set(state.lastAnswer);
	const emit = firstPoll && settings.lookbackMs === 0 ? [] : identifiers;
	const fresh = [...new Set(emit)].filter((identifier) => !lastAnswer.has(identifier));

	// Only a poll that succeeded moves on: a failed one leaves its period to the next poll.
	Object.assign(state, { askedAt: now, lastAnswer: identifiers });
	return fresh.length > 0 ? fresh.map((identifier) => ({ identifier })) : null;
}
