import {
	INVALID_JSON,
	IssuedTokens,
	json,
	makeToken,
	Simulator,
	type SimRequest,
	type SimulatedClock,
} from './framework';

/**
 * ROLLER simulator, strict to ../shared/seeds/003 and docs/providers.md §4:
 * JSON login → {token, expire}; Bearer on every other call; {error, status} errors.
 */
export interface RollerSimulatorOptions {
	userName?: string;
	password?: string;
	/** Token lifetime when the client does not ask for one (the real default is not documented). */
	defaultTokenLifetimeMs?: number;
	receiptCount?: number;
	clock?: SimulatedClock;
}

interface Receipt {
	id: string;
	transactionId: number;
	storeId: string;
	terminalId: string;
	issuedAt: string;
	total: number;
	keyword: string;
}

const unauthorized = () => json(401, { error: 'Unauthorized', status: 401 });
const badRequest = (error: string) => json(400, { error, status: 400 });

export class RollerSimulator extends Simulator {
	readonly userName: string;

	readonly password: string;

	/** Every token issued, with its end; counts calls that came with a token no longer accepted. */
	readonly tokens = new IssuedTokens(this.clock);

	/**
	 * One session per account: a new login ends every earlier token of that user (answered 401
	 * afterwards). Off by default and after reset(); ROLLER does not document either way.
	 */
	singleSession = false;

	defaultTokenLifetimeMs: number;

	readonly organizations = [
		{ id: 'org-1', name: 'Roller Shop Shibuya', stores: ['store-1', 'store-2'] },
		{ id: 'org-2', name: 'Roller Cafe Umeda', stores: ['store-9'] },
	];

	readonly receipts: Receipt[] = [];

	private issued = 0;

	constructor(options: RollerSimulatorOptions = {}) {
		super('roller', options.clock);
		this.userName = options.userName ?? 'shop@example.jp';
		this.password = options.password ?? 'correct horse battery';
		this.defaultTokenLifetimeMs = options.defaultTokenLifetimeMs ?? 24 * 3600_000;
		const count = options.receiptCount ?? 1500;
		// Half the receipts fall in the current month (Japan time, by the simulated clock), half in
		// the previous one, between the 2nd and the 27th at 18:00 JST, so "this month's receipts"
		// is the same month in UTC and in Japan whenever the suite runs.
		const japanNow = new Date(this.clock.now() + 9 * 3600_000);
		const year = japanNow.getUTCFullYear();
		const month = japanNow.getUTCMonth();
		for (let index = 1; index <= count; index++) {
			this.receipts.push({
				id: `r-${index}`,
				transactionId: index,
				storeId: index % 3 === 0 ? 'store-2' : 'store-1',
				terminalId: `t-${index % 4}`,
				issuedAt: new Date(
					Date.UTC(year, month - (index % 2), 2 + (index % 26), 9, 0, 0),
				).toISOString(),
				total: 100 + (index % 50) * 10,
				keyword: index % 10 === 0 ? 'coffee' : 'bread',
			});
		}
		this.registerRoutes();
	}

	reset() {
		this.revokeAllTokens();
		this.singleSession = false;
	}

	resetCounters() {
		super.resetCounters();
		this.tokens.resetCounts();
	}

	/** Calls refused because their token had ended (its end date, or a later single-session login). */
	get staleTokenCalls() {
		return this.tokens.staleTokenCalls;
	}

	/** Every token issued so far is invalid from now on (as after a password change). */
	revokeAllTokens() {
		this.tokens.clear();
	}

	/**
	 * A login of the same user by another client (another n8n process, a person in the browser),
	 * counted like one: with singleSession it ends every earlier token.
	 */
	loginElsewhere(): { token: string; expire: string } {
		this.calls.set('login', this.count('login') + 1);
		return this.issueToken(this.clock.now() + this.defaultTokenLifetimeMs);
	}

	private issueToken(expiresAt: number) {
		const token = makeToken('roller', ++this.issued);
		this.tokens.issue(this.userName, token, expiresAt, { singleSession: this.singleSession });
		return { token, expire: new Date(expiresAt).toISOString() };
	}

	private authorized(request: SimRequest): boolean {
		const header = request.headers.authorization ?? '';
		const match = /^Bearer (\S+)$/.exec(header);
		if (!match) return false;
		return this.tokens.accepts(match[1]);
	}

	private registerRoutes() {
		this.route('POST', '/account/login', 'login', (request) => {
			if (request.contentType !== 'application/json')
				return badRequest('Content-Type must be application/json');
			const body = request.json as Record<string, unknown> | undefined;
			if (!body || body === (INVALID_JSON as unknown) || typeof body !== 'object')
				return badRequest('Invalid request body');
			if (typeof body.userName !== 'string' || typeof body.password !== 'string') {
				return badRequest('userName and password are required');
			}
			if (body.userName !== this.userName || body.password !== this.password) {
				return json(401, { error: 'Invalid credentials', status: 401 });
			}
			let expiresAt = this.clock.now() + this.defaultTokenLifetimeMs;
			if (body.expire !== undefined) {
				const requested = Date.parse(String(body.expire));
				if (Number.isNaN(requested)) return badRequest('expire must be an ISO 8601 date-time');
				if (requested > this.clock.now()) expiresAt = requested;
			}
			return json(200, this.issueToken(expiresAt));
		});

		this.route('GET', '/account/me', 'me', (request) => {
			if (!this.authorized(request)) return unauthorized();
			return json(200, { id: '12345', userName: 'shop_owner', email: this.userName });
		});

		this.route('GET', '/account/organizations', 'organizations', (request) => {
			if (!this.authorized(request)) return unauthorized();
			return json(
				200,
				this.organizations.map(({ id, name }) => ({ id, name })),
			);
		});

		this.route('GET', '/account/organization/:id', 'organization', (request) => {
			if (!this.authorized(request)) return unauthorized();
			const organization = this.organizations.find((entry) => entry.id === request.params.id);
			if (!organization) return json(404, { error: 'Organization not found', status: 404 });
			return json(200, {
				id: organization.id,
				name: organization.name,
				storeCount: organization.stores.length,
			});
		});

		this.route('POST', '/:organizationId/receipts', 'receipts', (request) => {
			if (!this.authorized(request)) return unauthorized();
			const organization = this.organizations.find(
				(entry) => entry.id === request.params.organizationId,
			);
			if (!organization) return json(404, { error: 'Organization not found', status: 404 });
			if (request.contentType !== 'application/json')
				return badRequest('Content-Type must be application/json');
			const body = (request.json ?? {}) as Record<string, unknown>;
			const currentPage = Number(body.currentPage ?? 1);
			const itemsPerPage = Number(body.itemsPerPage ?? 20);
			if (!Number.isInteger(currentPage) || currentPage < 1)
				return badRequest('currentPage must be 1 or more');
			if (!Number.isInteger(itemsPerPage) || itemsPerPage < 1 || itemsPerPage > 1000) {
				return badRequest('itemsPerPage must be between 1 and 1000');
			}
			const sort = String(body.sort ?? 'transactionId asc');
			if (!['transactionId asc', 'transactionId desc'].includes(sort))
				return badRequest('Invalid sort');
			let list = organization.id === 'org-1' ? this.receipts : [];
			if (body.storeId) list = list.filter((receipt) => receipt.storeId === body.storeId);
			if (body.terminalId) list = list.filter((receipt) => receipt.terminalId === body.terminalId);
			if (body.keyword)
				list = list.filter((receipt) => receipt.keyword.includes(String(body.keyword)));
			if (body.year)
				list = list.filter(
					(receipt) => new Date(receipt.issuedAt).getUTCFullYear() === Number(body.year),
				);
			if (body.month)
				list = list.filter(
					(receipt) => new Date(receipt.issuedAt).getUTCMonth() + 1 === Number(body.month),
				);
			if (sort.endsWith('desc')) list = [...list].reverse();
			const start = (currentPage - 1) * itemsPerPage;
			return json(200, {
				items: list.slice(start, start + itemsPerPage).map((receipt) => ({
					receipt,
					itemDetailLines: [{ name: receipt.keyword, quantity: 1, price: receipt.total }],
					subscriptions: [],
				})),
				currentPage,
				itemsPerPage,
				totalItems: list.length,
				totalPages: Math.ceil(list.length / itemsPerPage),
				keyword: body.keyword ?? null,
				sort,
			});
		});

		this.route('GET', '/:organizationId/:yyyyMM/:storeId/receipt/:id', 'receipt', (request) => {
			if (!this.authorized(request)) return unauthorized();
			const { organizationId, yyyyMM, storeId, id } = request.params;
			if (!/^\d{6}$/.test(yyyyMM)) return badRequest('yyyyMM must be six digits');
			const receipt =
				organizationId === 'org-1'
					? this.receipts.find((entry) => entry.id === id && entry.storeId === storeId)
					: undefined;
			if (!receipt || receipt.issuedAt.slice(0, 7).replace('-', '') !== yyyyMM) {
				return json(404, { error: 'Receipt not found', status: 404 });
			}
			return json(200, { receipt, itemDetailLines: [], subscriptions: [] });
		});

		this.route('POST', '/:organizationId/stores', 'stores', (request) => {
			if (!this.authorized(request)) return unauthorized();
			const organization = this.organizations.find(
				(entry) => entry.id === request.params.organizationId,
			);
			if (!organization) return json(404, { error: 'Organization not found', status: 404 });
			if (request.contentType !== 'application/json')
				return badRequest('Content-Type must be application/json');
			const body = (request.json ?? {}) as Record<string, unknown>;
			const currentPage = Number(body.currentPage ?? 1);
			const itemsPerPage = Number(body.itemsPerPage ?? 20);
			if (itemsPerPage > 1000 || itemsPerPage < 1)
				return badRequest('itemsPerPage must be between 1 and 1000');
			let stores = organization.stores.map((id) => ({
				id,
				name: `Store ${id}`,
				organizationId: organization.id,
			}));
			if (body.keyword)
				stores = stores.filter((store) => store.name.includes(String(body.keyword)));
			const start = (currentPage - 1) * itemsPerPage;
			return json(200, {
				items: stores.slice(start, start + itemsPerPage),
				currentPage,
				itemsPerPage,
				totalItems: stores.length,
				totalPages: Math.ceil(stores.length / itemsPerPage),
			});
		});
	}
	// ── Receipts arriving, for the trigger tests ───────────────────────────────────────────

	/**
	 * `count` new receipts of org-1 issued now on the simulator's clock, with the next
	 * transaction IDs, or all with `sameTransactionId` (receipts of different stores sharing a
	 * number). Returns their receipt IDs.
	 */
	addReceipts(count: number, options: { sameTransactionId?: number; storeId?: string } = {}) {
		let last = this.receipts.reduce((max, receipt) => Math.max(max, receipt.transactionId), 0);
		const ids: string[] = [];
		for (let index = 0; index < count; index++) {
			const id = `r-new-${this.receipts.length + 1}`;
			this.receipts.push({
				id,
				transactionId: options.sameTransactionId ?? ++last,
				storeId: options.storeId ?? 'store-1',
				terminalId: 't-1',
				issuedAt: this.clock.date().toISOString(),
				total: 500,
				keyword: 'bread',
			});
			ids.push(id);
		}
		return ids;
	}
}
