import type { INodeParameters } from 'n8n-workflow';

import { NextEngineApi } from '../../../credentials/NextEngineApi.credentials';
import { NextEngineTrigger } from '../../../nodes/NextEngineTrigger/NextEngineTrigger.node';
import type { CredentialStore } from '../../harness/credentialStore';
import { PollingTrigger } from '../../harness/runPoll';
import { expectNoSecrets } from '../../harness/secrets';
import { useSimulator } from '../../harness/useSimulator';
import { NextEngineSimulator } from '../../simulators/nextEngine';
import { fakeDateOnly, NE, secretsOf, storeFor } from '../NextEngine/helpers';

const simulator = useSimulator(new NextEngineSimulator({ orderCount: 40 }));

beforeAll(() => simulator.stampOrderDates());
beforeEach(() => {
	simulator.removeArrivedOrders();
	fakeDateOnly();
});
afterEach(() => jest.useRealTimers());

const minutesLater = (minutes: number) => jest.setSystemTime(Date.now() + minutes * 60_000);

function trigger(store: CredentialStore, parameters: INodeParameters = {}) {
	return new PollingTrigger({
		nodeType: () => new NextEngineTrigger(),
		credentialTypes: [new NextEngineApi()],
		store,
		credentials: [NE],
		parameters: {
			event: 'newOrUpdated',
			fields: 'receive_order_id,receive_order_total_amount',
			...parameters,
		},
	});
}

const ids = (result: { items: Array<{ json: Record<string, unknown> }> }) =>
	result.items.map((item) => String(item.json.receive_order_id));

describe('Next Engine Trigger against the Next Engine simulator', () => {
	test('the first activation emits nothing and calls nothing; three polls then emit every new order exactly once, one search call each', async () => {
		const watch = trigger(storeFor(simulator));
		const first = await watch.poll();
		expect(first.error).toBeUndefined();
		expect(first.items).toHaveLength(0);
		expect(simulator.count('search')).toBe(0);

		const emitted: string[] = [];
		const added: string[] = [];
		for (let poll = 1; poll <= 3; poll++) {
			minutesLater(1);
			added.push(...simulator.addOrders(poll + 1));
			minutesLater(1);
			const result = await watch.poll();
			expect(result.error).toBeUndefined();
			emitted.push(...ids(result));
			expect(simulator.count('search')).toBe(poll);
		}
		expect(emitted).toEqual(added);
		expect(new Set(emitted).size).toBe(9);
		minutesLater(1);
		simulator.addOrders(1);
		const [item] = (await watch.poll()).items;
		expect(Object.keys(item.json).sort()).toEqual([
			'receive_order_id',
			'receive_order_last_modified_date',
			'receive_order_total_amount',
		]);
	});

	test('after a restart (static data kept, new node instance) no order is emitted twice and none is lost', async () => {
		const watch = trigger(storeFor(simulator));
		await watch.poll();
		minutesLater(1);
		const before = simulator.addOrders(2);
		expect(ids(await watch.poll())).toEqual(before);

		watch.restart();
		minutesLater(1);
		const after = simulator.addOrders(3);
		expect(ids(await watch.poll())).toEqual(after);
		expect(ids(await watch.poll())).toEqual([]);
		expect(watch.savedStaticData()).toEqual({
			'node:Next Engine Trigger': expect.objectContaining({ idsAtCursor: after }) as unknown,
		});
	});

	test('orders sharing the boundary second are neither lost nor emitted twice', async () => {
		const watch = trigger(storeFor(simulator));
		await watch.poll();
		minutesLater(1);
		const early = simulator.addOrders(2);
		expect(ids(await watch.poll())).toEqual(early);
		// Same second as the newest order the last poll saw (Date is frozen between the calls).
		const sameSecond = simulator.addOrders(2);
		expect(ids(await watch.poll())).toEqual(sameSecond);
		expect(ids(await watch.poll())).toEqual([]);
		minutesLater(1);
		const later = simulator.addOrders(1);
		expect(ids(await watch.poll())).toEqual(later);
	});

	test('an order updated after it was emitted comes again for "New or Updated Order", not for "New Order"', async () => {
		const updates = trigger(storeFor(simulator));
		const creations = trigger(storeFor(simulator), { event: 'new' });
		await updates.poll();
		await creations.poll();
		minutesLater(1);
		const [id] = simulator.addOrders(1);
		expect(ids(await updates.poll())).toEqual([id]);
		expect(ids(await creations.poll())).toEqual([id]);
		minutesLater(5);
		simulator.updateOrder(id);
		expect(ids(await updates.poll())).toEqual([id]);
		expect(ids(await creations.poll())).toEqual([]);
	});

	test('conditions narrow the watch like the Search operation, and changing them starts the watch again from now', async () => {
		const watch = trigger(storeFor(simulator), {
			conditions: { condition: [{ field: 'receive_order_shop_id', operator: 'eq', value: '2' }] },
		});
		await watch.poll();
		minutesLater(1);
		simulator.addOrders(2); // shop 1
		expect(ids(await watch.poll())).toEqual([]);
		const form = new URLSearchParams(
			simulator.log.filter((entry) => entry.route === 'search').pop()!.body,
		);
		expect(form.get('receive_order_shop_id-eq')).toBe('2');
		expect(form.get('receive_order_last_modified_date-gte')).toMatch(
			/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/,
		);

		minutesLater(1);
		watch.setParameter('conditions', {});
		expect(ids(await watch.poll())).toEqual([]);
		minutesLater(1);
		const next = simulator.addOrders(1);
		expect(ids(await watch.poll())).toEqual(next);
	});

	test('"Also the Last N Hours" emits the recent orders at activation, then only new ones', async () => {
		minutesLater(-180);
		const old = simulator.addOrders(1);
		minutesLater(120);
		const recent = simulator.addOrders(2);
		minutesLater(60);
		const watch = trigger(storeFor(simulator), { options: { lookbackHours: 2 } });
		expect(ids(await watch.poll())).toEqual(recent);
		expect(ids(await watch.poll())).toEqual([]);
		expect(recent).not.toContain(old[0]);
	});

	test('Return All within a poll: 10,001 new orders arrive in one poll with two search calls', async () => {
		const watch = trigger(storeFor(simulator));
		await watch.poll();
		minutesLater(1);
		const added = simulator.addOrders(10_001);
		const result = await watch.poll();
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(10_001);
		expect(new Set(ids(result)).size).toBe(10_001);
		expect(simulator.count('search')).toBe(2);
		expect(ids(result)[10_000]).toBe(added[10_000]);
	});

	test('Fetch Test Event (manual) returns the newest orders of the last 24 hours and leaves the watch untouched', async () => {
		const watch = trigger(storeFor(simulator));
		minutesLater(-60);
		const older = simulator.addOrders(1);
		minutesLater(30);
		const newer = simulator.addOrders(1);
		minutesLater(30);
		const result = await watch.poll('manual');
		expect(result.error).toBeUndefined();
		expect(ids(result)).toEqual([...newer, ...older]);
		expect(watch.savedStaticData()).toEqual({});
	});

	test('an expired access token is renewed during a poll, the rotated pair is stored in the credential, and the static data holds no token', async () => {
		const store = storeFor(simulator);
		const watch = trigger(store);
		await watch.poll();
		minutesLater(25 * 60);
		const added = simulator.addOrders(1);
		const before = store.get(NE).accessToken;
		expect(ids(await watch.poll())).toEqual(added);
		expect(simulator.rotations).toBe(1);
		expect(store.get(NE).accessToken).not.toBe(before);
		expect(simulator.isLive(String(store.get(NE).accessToken))).toBe(true);
		expectNoSecrets(watch.savedStaticData(), secretsOf(store, String(before)));
	});

	test('an ended pair fails the poll with a clear error; after a new login the next poll emits what arrived meanwhile', async () => {
		const store = storeFor(simulator);
		const watch = trigger(store);
		await watch.poll();
		minutesLater(4 * 24 * 60);
		const waiting = simulator.addOrders(2);
		const failed = await watch.poll();
		expect(failed.error?.message).toMatch(/^Next Engine: the token pair was refused/);
		expect(failed.error?.description).toMatch(/Log in again/);
		expectNoSecrets(failed.error, secretsOf(store));

		store.set(NE, { ...storeFor(simulator).get(NE) });
		expect(ids(await watch.poll())).toEqual(waiting);
		expect(ids(await watch.poll())).toEqual([]);
	});
});
