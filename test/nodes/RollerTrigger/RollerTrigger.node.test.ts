import type { INodeParameters } from 'n8n-workflow';

import { RollerApi } from '../../../credentials/RollerApi.credentials';
import { RollerTrigger } from '../../../nodes/RollerTrigger/RollerTrigger.node';
import { CredentialStore } from '../../harness/credentialStore';
import { PollingTrigger, type PollResult } from '../../harness/runPoll';
import { expectNoSecrets } from '../../harness/secrets';
import { useSimulator } from '../../harness/useSimulator';
import { RollerSimulator } from '../../simulators/roller';

const simulator = useSimulator(new RollerSimulator({ receiptCount: 30 }));

const ROLLER = 'rollerApi';

function newStore(password = simulator.password) {
	return new CredentialStore({
		[ROLLER]: {
			sessionToken: '',
			sessionExpiresAt: '',
			userName: simulator.userName,
			password,
			sessionLifetimeMinutes: 0,
			baseUrl: simulator.baseUrl,
		},
	});
}

function trigger(store: CredentialStore, parameters: INodeParameters = {}) {
	return new PollingTrigger({
		nodeType: () => new RollerTrigger(),
		credentialTypes: [new RollerApi()],
		store,
		credentials: [ROLLER],
		parameters: { organizationId: { __rl: true, mode: 'id', value: 'org-1' }, ...parameters },
	});
}

const ids = (result: PollResult) =>
	result.items.map((item) => String((item.json.receipt as { id: string }).id));

describe('ROLLER Trigger against the ROLLER simulator', () => {
	test('the first activation emits nothing (one call for the newest number); three polls then emit every new receipt exactly once, one call each', async () => {
		const watch = trigger(newStore());
		const first = await watch.poll();
		expect(first.error).toBeUndefined();
		expect(first.items).toHaveLength(0);
		expect(simulator.count('receipts')).toBe(1);

		const emitted: string[] = [];
		const added: string[] = [];
		for (let poll = 1; poll <= 3; poll++) {
			added.push(...simulator.addReceipts(poll + 1));
			const result = await watch.poll();
			expect(result.error).toBeUndefined();
			emitted.push(...ids(result));
			expect(simulator.count('receipts')).toBe(1 + poll);
		}
		expect(emitted).toEqual(added);
		expect(simulator.count('login')).toBe(1);
		const body = JSON.parse(
			simulator.log.filter((entry) => entry.route === 'receipts').pop()!.body,
		);
		expect(body).toMatchObject({ sort: 'transactionId desc', currentPage: 1, itemsPerPage: 1000 });
		expect(await watch.poll()).toEqual({ items: [] });
	});

	test('after a restart (static data kept, new node instance) no receipt is emitted twice and none is lost', async () => {
		const watch = trigger(newStore());
		await watch.poll();
		const before = simulator.addReceipts(2);
		expect(ids(await watch.poll())).toEqual(before);
		watch.restart();
		const after = simulator.addReceipts(3);
		expect(ids(await watch.poll())).toEqual(after);
		expect(ids(await watch.poll())).toEqual([]);
	});

	test('receipts sharing the boundary transaction ID are neither lost nor emitted twice', async () => {
		const watch = trigger(newStore());
		await watch.poll();
		const [first] = simulator.addReceipts(1);
		expect(ids(await watch.poll())).toEqual([first]);
		const boundary = simulator.receipts.find((receipt) => receipt.id === first)!.transactionId;
		const sharing = simulator.addReceipts(2, { sameTransactionId: boundary, storeId: 'store-2' });
		expect(ids(await watch.poll())).toEqual(sharing);
		expect(ids(await watch.poll())).toEqual([]);
		const later = simulator.addReceipts(1);
		expect(ids(await watch.poll())).toEqual(later);
	});

	test('1,500 new receipts in one poll arrive complete with two page calls, oldest first', async () => {
		const watch = trigger(newStore());
		await watch.poll();
		const added = simulator.addReceipts(1500);
		const result = await watch.poll();
		expect(result.error).toBeUndefined();
		expect(ids(result)).toEqual(added);
		expect(simulator.count('receipts')).toBe(3);
	});

	test('Fetch Test Event (manual) returns the 10 newest receipts and leaves the watch untouched', async () => {
		const watch = trigger(newStore());
		const added = simulator.addReceipts(12);
		const result = await watch.poll('manual');
		expect(result.error).toBeUndefined();
		expect(ids(result)).toEqual(added.slice(2).reverse());
		expect(watch.savedStaticData()).toEqual({});
	});

	test('an ended session is renewed by the credential during a poll without losing receipts', async () => {
		const watch = trigger(newStore());
		await watch.poll();
		simulator.revokeAllTokens();
		const added = simulator.addReceipts(2);
		expect(ids(await watch.poll())).toEqual(added);
		expect(simulator.count('login')).toBe(2);
	});

	test('a session that cannot be renewed (password changed) fails the poll clearly; after the fix the next poll emits what arrived meanwhile', async () => {
		const store = newStore();
		const watch = trigger(store);
		await watch.poll();
		simulator.revokeAllTokens();
		store.set(ROLLER, { ...store.get(ROLLER), password: 'an old password' });
		const waiting = simulator.addReceipts(2);
		const failed = await watch.poll();
		expect(failed.error?.message).toMatch(/ROLLER/);
		expect(failed.error?.message).toMatch(/Invalid credentials/);
		expectNoSecrets(failed.error, ['an old password', simulator.password]);

		store.set(ROLLER, { ...store.get(ROLLER), password: simulator.password });
		expect(ids(await watch.poll())).toEqual(waiting);
	});

	test('another organization starts its own watch from now', async () => {
		const watch = trigger(newStore());
		await watch.poll();
		simulator.addReceipts(1);
		watch.setParameter('organizationId', { __rl: true, mode: 'id', value: 'org-2' });
		expect(ids(await watch.poll())).toEqual([]);
		expect(ids(await watch.poll())).toEqual([]);
	});
});
