// ROLLER in a real n8n. The shape of this file is what every provider file gives; see README.md
// beside it.
import assert from 'node:assert/strict';

const USER = 'shop@example.jp'; // the simulator's account (test/simulators/roller.ts)
const PASSWORD = 'correct horse battery';
const WRONG_PASSWORD = 'not-the-password-7731';
const REAL_BASE_URL = 'https://api.receiptroller.com';

/** Japan's current year and month (1-12): the month the example workflow asks for. */
function japanMonth(now = Date.now()) {
	const japan = new Date(now + 9 * 3600_000);
	return { year: japan.getUTCFullYear(), month: japan.getUTCMonth() + 1 };
}

export default {
	name: 'ROLLER',
	/** key of test/simulators/index.ts createAllSimulators() */
	simulator: 'roller',

	/** Credential records for `n8n import:credentials` (data in plain form; n8n encrypts it). */
	credentials: ({ url }) => [
		{
			id: 'jpcRollerCred001',
			name: 'ROLLER account',
			type: 'rollerApi',
			data: {
				userName: USER,
				password: PASSWORD,
				sessionLifetimeMinutes: 0,
				baseUrl: url,
				sessionToken: '',
				sessionExpiresAt: '',
			},
		},
		{
			id: 'jpcRollerCred002',
			name: 'ROLLER account (wrong password)',
			type: 'rollerApi',
			e2eOnly: true,
			data: {
				userName: USER,
				password: WRONG_PASSWORD,
				sessionLifetimeMinutes: 0,
				baseUrl: url,
				sessionToken: '',
				sessionExpiresAt: '',
			},
		},
	],

	/**
	 * The example workflows (examples/*.json) to import. Each node's credential is pointed at the
	 * first credential of its type above, unless `credentials` names another; `replace` rewrites
	 * text (the real API host → the simulator, for the HTTP Request node's absolute URL).
	 */
	workflows: ({ url }) => [
		{ key: 'receipts', id: 'jpcRollerWf00001', example: 'roller-this-months-receipts.json' },
		{
			key: 'http',
			id: 'jpcRollerWf00002',
			example: 'roller-http-request-organizations.json',
			replace: { [REAL_BASE_URL]: url },
		},
		{
			key: 'wrongPassword',
			id: 'jpcRollerWf00003',
			example: 'roller-this-months-receipts.json',
			name: 'ROLLER: wrong password (e2e only)',
			credentials: { rollerApi: 'ROLLER account (wrong password)' },
			e2eOnly: true,
		},
	],

	/** `npm run screenshots`: the workflow (key above) and the node shown open. */
	screenshot: { workflow: 'receipts', node: "This month's receipts" },

	/** One readable line per executed example, for `npm run demo -- --run`. */
	summary(key, result) {
		if (key === 'receipts') {
			const [totals] = result.items('Count and total');
			return `${result.items("This month's receipts").length} receipts this month, total ¥${totals?.sum_receipt_total}`;
		}
		if (key === 'http') {
			return `organizations: ${result
				.items('GET /account/organizations')
				.map((org) => org.name)
				.join(', ')}`;
		}
		return undefined;
	},

	/** The end-to-end checks; each `check` counts as one in `e2e: N passed, M failed`. */
	async checks({ n8n, sim, plan, check }) {
		const wf = Object.fromEntries(plan.workflows.map((entry) => [entry.key, entry.id]));
		const credentialId = plan.credentials['ROLLER account'].id;
		const logins = () => sim.calls('roller', 'login');
		const storedSession = async () => (await n8n.exportCredentials())[credentialId].data;
		const { year, month } = japanMonth();
		let firstToken;
		let renewedToken;
		let receiptsRun;

		await check(
			"ROLLER node in n8n: this month's receipts workflow outputs the 750 receipts of this month (Japan time)",
			async () => {
				receiptsRun = await n8n.execute(wf.receipts);
				assert.ok(receiptsRun.ok, receiptsRun.error?.message ?? receiptsRun.output.slice(-2000));
				const receipts = receiptsRun.items("This month's receipts");
				assert.equal(receipts.length, 750);
				const prefix = `${year}-${String(month).padStart(2, '0')}`;
				assert.deepEqual(
					receipts.filter((item) => !item.receipt.issuedAt.startsWith(prefix)),
					[],
				);
			},
		);

		await check(
			'Summarize after the ROLLER node counts the receipts and sums their totals',
			async () => {
				const receipts = receiptsRun.items("This month's receipts");
				const [totals] = receiptsRun.items('Count and total');
				assert.equal(totals.count_receipt_id, receipts.length);
				assert.equal(
					totals.sum_receipt_total,
					receipts.reduce((sum, item) => sum + item.receipt.total, 0),
				);
			},
		);

		await check(
			'first execution: one login, and the token is stored in the credential (export:credentials --decrypted)',
			async () => {
				assert.equal(await logins(), 1);
				const session = await storedSession();
				assert.match(session.sessionToken, /^roller_/);
				assert.ok(
					Date.parse(session.sessionExpiresAt) > Date.now(),
					`sessionExpiresAt ${session.sessionExpiresAt}`,
				);
				assert.equal(session.password, PASSWORD);
				firstToken = session.sessionToken;
			},
		);

		await check(
			'second execution reuses the stored token: still one login, same token stored',
			async () => {
				const run = await n8n.execute(wf.receipts);
				assert.ok(run.ok, run.error?.message);
				assert.equal(await logins(), 1);
				assert.equal((await storedSession()).sessionToken, firstToken);
			},
		);

		await check(
			"n8n's HTTP Request node with Predefined Credential Type ROLLER API gets the organizations with the stored token",
			async () => {
				const run = await n8n.execute(wf.http);
				assert.ok(run.ok, run.error?.message ?? run.output.slice(-2000));
				assert.deepEqual(
					run.items('GET /account/organizations').map((org) => org.id),
					['org-1', 'org-2'],
				);
				assert.equal(await logins(), 1);
				assert.equal(await sim.calls('roller', 'organizations'), 1);
			},
		);

		await check(
			'after the simulator clock passes the token end (+25 h): one new login, the run succeeds, the new token replaces the old in the store',
			async () => {
				await sim.advanceHours(25);
				const run = await n8n.execute(wf.receipts);
				assert.ok(run.ok, run.error?.message ?? run.output.slice(-2000));
				assert.equal(run.items("This month's receipts").length, 750);
				assert.equal(await logins(), 2);
				renewedToken = (await storedSession()).sessionToken;
				assert.match(renewedToken, /^roller_/);
				assert.notEqual(renewedToken, firstToken);
			},
		);

		await check('the renewed token is reused by the next execution: no further login', async () => {
			const run = await n8n.execute(wf.receipts);
			assert.ok(run.ok, run.error?.message);
			assert.equal(await logins(), 2);
			assert.equal((await storedSession()).sessionToken, renewedToken);
		});

		await check(
			'HTTP Request node after the token ended (+25 h): one new login, stored, and the request succeeds',
			async () => {
				await sim.advanceHours(25);
				const run = await n8n.execute(wf.http);
				assert.ok(run.ok, run.error?.message ?? run.output.slice(-2000));
				assert.equal(run.items('GET /account/organizations').length, 2);
				assert.equal(await logins(), 3);
				const stored = (await storedSession()).sessionToken;
				assert.notEqual(stored, renewedToken);
				renewedToken = stored;
			},
		);

		await check(
			"a wrong password fails the execution with ROLLER's own message, and no password or token appears in n8n's output",
			async () => {
				const run = await n8n.execute(wf.wrongPassword);
				assert.equal(run.ok, false, 'the execution should fail');
				const message = `${run.error?.message ?? ''} ${run.error?.description ?? ''}`;
				assert.match(
					message,
					/Invalid credentials/,
					JSON.stringify(run.error, null, 1)?.slice(0, 3000),
				);
				for (const secret of [WRONG_PASSWORD, PASSWORD, firstToken, renewedToken]) {
					assert.ok(!run.output.includes(secret), 'a secret appears in the output');
				}
			},
		);
	},
};
