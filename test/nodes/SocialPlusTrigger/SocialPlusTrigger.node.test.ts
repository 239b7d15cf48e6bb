import type { INodeParameters } from 'n8n-workflow';

import { SocialPlusApi } from '../../../credentials/SocialPlusApi.credentials';
import { SocialPlusTrigger } from '../../../nodes/SocialPlusTrigger/SocialPlusTrigger.node';
import { CredentialStore } from '../../harness/credentialStore';
import { PollingTrigger, type PollResult } from '../../harness/runPoll';
import { expectNoSecrets } from '../../harness/secrets';
import { useSimulator } from '../../harness/useSimulator';
import { SocialPlusSimulator } from '../../simulators/socialPlus';
import { fakeDateOnly } from '../NextEngine/helpers';

const simulator = useSimulator(new SocialPlusSimulator({ userCount: 20 }));

beforeEach(() => fakeDateOnly());
afterEach(() => jest.useRealTimers());

/** Moves this machine's clock and with it the simulator's (Date.now + offset). */
const minutesLater = (minutes: number) => jest.setSystemTime(Date.now() + minutes * 60_000);

const SP = 'socialPlusApi';
const newStore = (apiKey = simulator.apiKey) =>
	new CredentialStore({ [SP]: { apiKey, baseUrl: simulator.baseUrl } });

function trigger(store: CredentialStore, parameters: INodeParameters = {}) {
	return new PollingTrigger({
		nodeType: () => new SocialPlusTrigger(),
		credentialTypes: [new SocialPlusApi()],
		store,
		credentials: [SP],
		parameters,
	});
}

const ids = (result: PollResult) => result.items.map((item) => String(item.json.identifier));
const createdWithin = () =>
	simulator.requestQueries('users').map((query) => query.get('created_within'));

describe('Social PLUS Trigger against the Social PLUS simulator', () => {
	test('the first activation emits nothing; three polls then emit every new user exactly once, one users call each, asking only for the time since the last poll', async () => {
		minutesLater(-1);
		simulator.addUsers(1); // created a minute before activation: never emitted
		minutesLater(1);
		const watch = trigger(newStore());
		const first = await watch.poll();
		expect(first.error).toBeUndefined();
		expect(first.items).toHaveLength(0);

		const emitted: string[] = [];
		const added: string[] = [];
		for (let poll = 1; poll <= 3; poll++) {
			minutesLater(1);
			added.push(...simulator.addUsers(poll + 1));
			minutesLater(4);
			const result = await watch.poll();
			expect(result.error).toBeUndefined();
			emitted.push(...ids(result));
		}
		expect(emitted).toEqual(added);
		expect(simulator.count('users')).toBe(4);
		// 5 minutes since the last poll + 120 s clock allowance; the first poll only the allowance.
		expect(createdWithin()).toEqual(['120s', '420s', '420s', '420s']);
	});

	test('after a restart (static data kept, new node instance) no user is emitted twice and none is lost', async () => {
		const watch = trigger(newStore());
		await watch.poll();
		minutesLater(1);
		const before = simulator.addUsers(2);
		expect(ids(await watch.poll())).toEqual(before);
		watch.restart();
		const after = simulator.addUsers(2); // same second as the last poll
		minutesLater(1);
		expect(ids(await watch.poll())).toEqual(after);
		minutesLater(1);
		expect(ids(await watch.poll())).toEqual([]);
	});

	test('users created in the overlap of two polls (the boundary) are neither lost nor emitted twice', async () => {
		const watch = trigger(newStore());
		await watch.poll();
		minutesLater(1);
		const atBoundary = simulator.addUsers(2);
		expect(ids(await watch.poll())).toEqual(atBoundary);
		const sameSecond = simulator.addUsers(1);
		minutesLater(1);
		expect(ids(await watch.poll())).toEqual(sameSecond);
		minutesLater(1);
		expect(ids(await watch.poll())).toEqual([]);
	});

	test('250 new users in one poll arrive complete with three page calls', async () => {
		const watch = trigger(newStore());
		await watch.poll();
		minutesLater(1);
		const added = simulator.addUsers(250);
		const result = await watch.poll();
		expect(new Set(ids(result))).toEqual(new Set(added));
		expect(result.items).toHaveLength(250);
		expect(simulator.count('users')).toBe(1 + 3);
	});

	test('"Also the Last N Hours" emits the users created in the last N hours at activation', async () => {
		const watch = trigger(newStore(), { options: { lookbackHours: 3 } });
		const since = Date.now() - 3 * 3600_000;
		const recent = simulator.users
			.filter((user) => Date.parse(user.created_at) >= since)
			.map((user) => user.identifier);
		expect(recent.length).toBeGreaterThanOrEqual(2); // seeded one per hour before now
		expect(ids(await watch.poll())).toEqual(recent);
		expect(createdWithin()).toEqual(['10800s']);
		minutesLater(1);
		expect(ids(await watch.poll())).toEqual([]);
	});

	test('Fetch Test Event (manual) returns up to 10 users of the last 24 hours and leaves the watch untouched', async () => {
		const watch = trigger(newStore());
		const result = await watch.poll('manual');
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(10);
		expect(createdWithin()).toEqual(['86400s']);
		expect(watch.savedStaticData()).toEqual({});
	});

	test('a revoked API key fails the poll clearly; after the fix the next poll emits what arrived meanwhile', async () => {
		const store = newStore();
		const watch = trigger(store);
		await watch.poll();
		store.set(SP, { ...store.get(SP), apiKey: 'sp-revoked-key-000' });
		minutesLater(1);
		const waiting = simulator.addUsers(2);
		minutesLater(10);
		const failed = await watch.poll();
		expect(failed.error?.message).toMatch(/^Social PLUS: Invalid API key/);
		expectNoSecrets(failed.error, ['sp-revoked-key-000', simulator.apiKey]);

		store.set(SP, { ...store.get(SP), apiKey: simulator.apiKey });
		minutesLater(10);
		expect(ids(await watch.poll())).toEqual(waiting);
	});
});
