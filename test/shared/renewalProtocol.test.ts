import { NodeApiError, type INode } from 'n8n-workflow';

import {
	activeClaimTime,
	dataFingerprint,
	NODE_RENEWS_KEY,
	newRenewalClaim,
	RENEW_NOW_KEY,
	RenewalStopped,
	renewalStopIn,
	tokenRenewalProperty,
} from '../../nodes/shared/renewalProtocol';

const node: INode = {
	id: '1',
	name: 'ROLLER',
	type: 'n8n-nodes-jp-connect.roller',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

describe('renewal protocol between the nodes and the token credentials', () => {
	test('the fingerprint changes with any stored field, not with the claim or the protocol keys', () => {
		const stored = {
			sessionToken: 'a',
			sessionExpiresAt: '2026-01-01T00:00:00Z',
			tokenRenewal: '',
		};
		const base = dataFingerprint(stored);
		expect(dataFingerprint({ ...stored, tokenRenewal: 'p.1@1' })).toBe(base);
		expect(dataFingerprint({ ...stored, [NODE_RENEWS_KEY]: true, [RENEW_NOW_KEY]: 'x' })).toBe(
			base,
		);
		expect(dataFingerprint({ ...stored, sessionToken: 'b' })).not.toBe(base);
		expect(dataFingerprint({ sessionExpiresAt: stored.sessionExpiresAt, sessionToken: 'a' })).toBe(
			dataFingerprint({ sessionToken: 'a', sessionExpiresAt: stored.sessionExpiresAt }),
		);
	});

	test('a claim is in force for 30 s after it was made; claims are unique per process and call', () => {
		const claim = newRenewalClaim();
		expect(activeClaimTime(claim)).toBeGreaterThan(Date.now() - 1000);
		expect(newRenewalClaim()).not.toBe(claim);
		expect(activeClaimTime(`other.1@${Date.now() - 31_000}`)).toBeUndefined();
		expect(activeClaimTime('')).toBeUndefined();
	});

	test("a stop is recognised inside n8n's NodeApiError, also when n8n 1.x kept only its message", () => {
		const stop = new RenewalStopped('refused');
		expect(renewalStopIn(new NodeApiError(node, stop as never))).toBe('refused');
		expect(renewalStopIn({ message: stop.message })).toBe('refused');
		expect(renewalStopIn(new Error('ROLLER: Unauthorized (HTTP 401)'))).toBeUndefined();
	});

	test('the claim field is hidden, empty by default and not the expirable field', () => {
		expect(tokenRenewalProperty).toEqual({
			displayName: 'Token Renewal',
			name: 'tokenRenewal',
			type: 'hidden',
			default: '',
		});
	});
});
