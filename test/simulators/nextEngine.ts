import {
	json,
	makeToken,
	Simulator,
	type SimRequest,
	type SimResponse,
	type SimulatedClock,
} from './framework';

/**
 * Next Engine simulator, strict to ../shared/seeds/000 and docs/providers.md §1:
 * every call POST + form-urlencoded; HTTP 200 with `result` success / error / redirect;
 * access token 1 day, refresh token 3 days on the simulator's clock; the first call after the
 * access token expired (with a valid refresh token) rotates the pair and answers the new one;
 * the old pair is dead afterwards (002004). Choices where the documents are silent are marked
 * "simulator choice".
 *
 * `redirect` (docs: access token expired and no refresh token sent, or refresh token ended) is an
 * answer without tokens; the documents say it asks for a new login but not that it ends the
 * pair. Simulator choice, by default: the pair is left as it was (a later call with its refresh
 * token still rotates it), since the documents only ever end a pair by rotating it.
 * `redirectEndsPair` takes the pessimistic reading: a redirect for an expired access token ends
 * the pair for good (002004 afterwards), for tests that must not depend on the choice.
 */
export interface NextEngineSimulatorOptions {
	clientId?: string;
	clientSecret?: string;
	/** Orders of the default company (the search test uses 23,450). */
	orderCount?: number;
	clock?: SimulatedClock;
	/**
	 * A pair of the default company issued at start, as if the first login had been done: the
	 * demo and the end-to-end suite put it into their ready credential.
	 */
	firstPair?: { accessToken: string; refreshToken: string };
	/** A redirect for an expired access token ends the pair (see the top of this file). */
	redirectEndsPair?: boolean;
}

/** The first pair of the demo / end-to-end simulators (test/e2e/providers/next-engine.mjs). */
export const NE_DEMO_FIRST_PAIR = {
	accessToken: 'ne_access_demo_first_login',
	refreshToken: 'ne_refresh_demo_first_login',
};

export const NE_ACCESS_LIFETIME_MS = 24 * 3600_000;
export const NE_REFRESH_LIFETIME_MS = 3 * 24 * 3600_000;
const STATE_LIFETIME_MS = 5 * 60_000;
export const NE_MAX_LIMIT = 10000;

export const NE_OPERATORS = [
	'eq',
	'neq',
	'gt',
	'gte',
	'lt',
	'lte',
	'in',
	'nin',
	'like',
	'nlike',
	'null',
	'nnull',
	'blank',
	'nblank',
];

type Row = Record<string, string>;

export interface NeCompany {
	companyId: string;
	companyNeId: string;
	companyName: string;
	companyKana: string;
	appHeader: string;
	user: Row;
	tables: Record<string, Row[]>;
}

interface NePair {
	companyId: string;
	accessToken: string;
	refreshToken: string;
	accessEnd: number;
	refreshEnd: number;
	dead: boolean;
}

/** `YYYY-MM-DD HH:MM:SS` in Japan time (UTC+9, no daylight saving). */
export function formatJst(epochMs: number): string {
	const jst = new Date(epochMs + 9 * 3600_000);
	const pad = (value: number) => String(value).padStart(2, '0');
	return `${jst.getUTCFullYear()}-${pad(jst.getUTCMonth() + 1)}-${pad(jst.getUTCDate())} ${pad(jst.getUTCHours())}:${pad(jst.getUTCMinutes())}:${pad(jst.getUTCSeconds())}`;
}

const success = (body: Record<string, unknown>) => json(200, { result: 'success', ...body });
const neError = (code: string, message: string) => json(200, { result: 'error', code, message });

function likeToRegExp(pattern: string) {
	const source = pattern
		.split('')
		.map((char) =>
			char === '%' ? '.*' : char === '_' ? '.' : char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
		)
		.join('');
	return new RegExp(`^${source}$`, 's');
}

function compare(a: string, b: string) {
	const na = Number(a);
	const nb = Number(b);
	if (a !== '' && b !== '' && !Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
	return a < b ? -1 : a > b ? 1 : 0;
}

function matches(value: string | undefined, op: string, wanted: string): boolean {
	const text = value ?? '';
	switch (op) {
		case 'eq':
			return text === wanted;
		case 'neq':
			return text !== wanted;
		case 'gt':
			return compare(text, wanted) > 0;
		case 'gte':
			return compare(text, wanted) >= 0;
		case 'lt':
			return compare(text, wanted) < 0;
		case 'lte':
			return compare(text, wanted) <= 0;
		case 'in':
			return wanted.split(',').includes(text);
		case 'nin':
			return !wanted.split(',').includes(text);
		case 'like':
			return likeToRegExp(wanted).test(text);
		case 'nlike':
			return !likeToRegExp(wanted).test(text);
		case 'null':
			return value === undefined;
		case 'nnull':
			return value !== undefined;
		case 'blank':
			return text === '';
		case 'nblank':
			return text !== '';
		default:
			return false;
	}
}

export class NextEngineSimulator extends Simulator {
	readonly clientId: string;

	readonly clientSecret: string;

	readonly companies = new Map<string, NeCompany>();

	readonly defaultCompanyId = 'NE0001';

	/** uid → state and when it was issued (the browser login's redirect). */
	private readonly logins = new Map<
		string,
		{ state: string; companyId: string; issuedAt: number }
	>();

	private readonly pairs = new Map<string, NePair>();

	private issued = 0;

	/** How many times a pair was rotated (the first call after the access token expired). */
	rotations = 0;

	/** The next N API calls (without wait_flag=1) answer 003002 overload. */
	overloadNext = 0;

	/** Calls answered `redirect` because the access token had expired and no refresh token came. */
	redirects = 0;

	redirectEndsPair: boolean;

	private readonly redirectEndsPairByDefault: boolean;

	constructor(options: NextEngineSimulatorOptions = {}) {
		super('nextEngine', options.clock);
		this.clientId = options.clientId ?? 'ne-client-id-0001';
		this.clientSecret = options.clientSecret ?? 'ne-client-secret-very-secret';
		this.redirectEndsPairByDefault = options.redirectEndsPair ?? false;
		this.redirectEndsPair = this.redirectEndsPairByDefault;
		this.addCompany(this.defaultCompanyId, options.orderCount ?? 23450);
		if (options.firstPair) {
			const now = this.clock.now();
			this.pairs.set(options.firstPair.accessToken, {
				companyId: this.defaultCompanyId,
				...options.firstPair,
				accessEnd: now + NE_ACCESS_LIFETIME_MS,
				refreshEnd: now + NE_REFRESH_LIFETIME_MS,
				dead: false,
			});
		}
		this.registerRoutes();
	}

	resetCounters() {
		super.resetCounters();
		this.rotations = 0;
		this.redirects = 0;
	}

	/** Issued pairs stay (tests hold them); injected overloads and reading choices are dropped. */
	reset() {
		this.overloadNext = 0;
		this.redirectEndsPair = this.redirectEndsPairByDefault;
	}

	addCompany(companyId: string, orderCount = 3): NeCompany {
		const number = this.companies.size + 1;
		const orders: Row[] = [];
		for (let index = 1; index <= orderCount; index++) {
			const day = 1 + (index % 28);
			orders.push({
				receive_order_id: String(index),
				receive_order_shop_id: String(1 + (index % 3)),
				receive_order_date: `2026-11-${String(day).padStart(2, '0')} 10:00:00`,
				receive_order_total_amount: String(1000 + (index % 97) * 10),
				receive_order_order_status_id: index % 5 === 0 ? '50' : '20',
				receive_order_purchaser_name: `${companyId} customer ${index}`,
				receive_order_note: index % 4 === 0 ? '' : `note ${index}`,
			});
		}
		const company: NeCompany = {
			companyId,
			companyNeId: `${companyId}-ne`,
			companyName: `Shop ${companyId}`,
			companyKana: `ショップ${number}`,
			appHeader: `app-header-${companyId}`,
			user: {
				uid: `uid-${companyId}`,
				pic_id: String(number),
				pic_ne_id: `pic-${companyId}`,
				pic_name: `Operator ${companyId}`,
				pic_kana: 'オペレーター',
				pic_mail_address: `ops+${companyId.toLowerCase()}@example.jp`,
			},
			tables: {
				receiveorder_base: orders,
				master_goods: [
					{ goods_id: 'tshirt-red', goods_name: 'T-shirt red', stock_quantity: '4' },
					{ goods_id: 'tshirt-blue', goods_name: 'T-shirt blue', stock_quantity: '0' },
					{ goods_id: 'cap-red', goods_name: 'Cap red', stock_quantity: '12' },
				],
				master_shop: [
					{ shop_id: '1', shop_name: 'Rakuten' },
					{ shop_id: '2', shop_name: 'Amazon' },
					{ shop_id: '3', shop_name: 'Yahoo' },
				],
			},
		};
		this.companies.set(companyId, company);
		return company;
	}

	/** What the browser login hands the Redirect URI: `uid` + `state`, valid 5 minutes. */
	issueLogin(companyId = this.defaultCompanyId) {
		const uid = makeToken('uid', ++this.issued);
		const state = makeToken('state', ++this.issued);
		this.logins.set(uid, { state, companyId, issuedAt: this.clock.now() });
		return { uid, state };
	}

	/** A fresh pair for a company, as the first login gives it. */
	issuePair(companyId = this.defaultCompanyId) {
		const pair: NePair = {
			companyId,
			accessToken: makeToken('ne_access', ++this.issued),
			refreshToken: makeToken('ne_refresh', ++this.issued),
			accessEnd: this.clock.now() + NE_ACCESS_LIFETIME_MS,
			refreshEnd: this.clock.now() + NE_REFRESH_LIFETIME_MS,
			dead: false,
		};
		this.pairs.set(pair.accessToken, pair);
		return this.pairFields(pair);
	}

	/** The company a token (access or refresh, live or dead) was issued for. */
	companyOf(token: string): string | undefined {
		for (const pair of this.pairs.values()) {
			if (pair.accessToken === token || pair.refreshToken === token) return pair.companyId;
		}
		return undefined;
	}

	/** Whether this access token is the live one of its company (not rotated away, not unknown). */
	isLive(accessToken: string) {
		const pair = this.pairs.get(accessToken);
		return !!pair && !pair.dead && pair.refreshEnd > this.clock.now();
	}

	private pairFields(pair: NePair) {
		return {
			access_token: pair.accessToken,
			access_token_end_date: formatJst(pair.accessEnd),
			refresh_token: pair.refreshToken,
			refresh_token_end_date: formatJst(pair.refreshEnd),
		};
	}

	/**
	 * Strict request checks shared by every API route. Returns the company and the pair to
	 * answer with (rotated when due), or the documented error answer.
	 */
	private authorize(
		request: SimRequest,
	): { response: SimResponse } | { company: NeCompany; pair: NePair } {
		if (request.contentType !== 'application/x-www-form-urlencoded' || !request.form) {
			// simulator choice: the documents do not say what a wrong content type answers
			return {
				response: neError('001001', 'Content-Type must be application/x-www-form-urlencoded'),
			};
		}
		const form = request.form;
		const accessToken = form.get('access_token') ?? '';
		const refreshToken = form.get('refresh_token');
		if (!accessToken) return { response: neError('002001', 'access_token is required') };
		const pair = this.pairs.get(accessToken);
		if (!pair) return { response: neError('002002', 'The access_token is invalid') };
		if (pair.dead)
			return {
				response: neError('002004', 'The access_token and refresh_token are no longer valid'),
			};
		const now = this.clock.now();
		if (pair.accessEnd > now) {
			if (refreshToken !== null && refreshToken !== pair.refreshToken) {
				return {
					response: neError('002002', 'The refresh_token does not belong to the access_token'),
				};
			}
			return { company: this.companies.get(pair.companyId)!, pair };
		}
		if (refreshToken === null || refreshToken === '') {
			this.redirects++;
			if (this.redirectEndsPair) pair.dead = true;
			return {
				response: json(200, {
					result: 'redirect',
					message: 'The access_token has expired. Log in again.',
				}),
			};
		}
		if (refreshToken !== pair.refreshToken) {
			return { response: neError('002002', 'The refresh_token is invalid') };
		}
		if (pair.refreshEnd <= now) {
			return {
				response: json(200, {
					result: 'redirect',
					message: 'The refresh_token has expired. Log in again.',
				}),
			};
		}
		pair.dead = true;
		this.rotations++;
		const fresh: NePair = {
			companyId: pair.companyId,
			accessToken: makeToken('ne_access', ++this.issued),
			refreshToken: makeToken('ne_refresh', ++this.issued),
			accessEnd: now + NE_ACCESS_LIFETIME_MS,
			refreshEnd: now + NE_REFRESH_LIFETIME_MS,
			dead: false,
		};
		this.pairs.set(fresh.accessToken, fresh);
		return { company: this.companies.get(pair.companyId)!, pair: fresh };
	}

	/** Authorized API route: strict checks, overload injection, then the handler's answer + tokens. */
	private apiRoute(
		path: string,
		name: string,
		handler: (request: SimRequest, company: NeCompany) => SimResponse,
	) {
		this.route('POST', path, name, (request) => {
			const auth = this.authorize(request);
			if ('response' in auth) return auth.response;
			if (this.overloadNext > 0 && request.form?.get('wait_flag') !== '1') {
				this.overloadNext--;
				// an overload answer still carries the (possibly rotated) pair: it must not be lost
				return json(200, {
					result: 'error',
					code: '003002',
					message: 'The main function is overloaded. Try again later.',
					...this.pairFields(auth.pair),
				});
			}
			if (this.overloadNext > 0) this.overloadNext--;
			const answer = handler(request, auth.company);
			return json(
				answer.status,
				{ ...(answer.body as object), ...this.pairFields(auth.pair) },
				answer.headers,
			);
		});
	}

	private registerRoutes() {
		this.route('POST', '/api_neauth', 'neauth', (request) => {
			if (request.contentType !== 'application/x-www-form-urlencoded' || !request.form) {
				return neError('001001', 'Content-Type must be application/x-www-form-urlencoded');
			}
			const form = request.form;
			for (const key of ['uid', 'state', 'client_id', 'client_secret']) {
				if (!form.get(key)) return neError('001002', `${key} is required`);
			}
			if (
				form.get('client_id') !== this.clientId ||
				form.get('client_secret') !== this.clientSecret
			) {
				return neError('001003', 'client_id or client_secret is invalid');
			}
			const login = this.logins.get(form.get('uid')!);
			if (!login || login.state !== form.get('state'))
				return neError('001004', 'uid or state is invalid');
			if (login.issuedAt + STATE_LIFETIME_MS <= this.clock.now()) {
				this.logins.delete(form.get('uid')!);
				return json(200, { result: 'redirect', message: 'The state has expired. Log in again.' });
			}
			this.logins.delete(form.get('uid')!);
			const company = this.companies.get(login.companyId)!;
			const pair = this.issuePair(company.companyId);
			return success({
				...pair,
				company_app_header: company.appHeader,
				company_ne_id: company.companyNeId,
				company_name: company.companyName,
				company_kana: company.companyKana,
				uid: company.user.uid,
				pic_ne_id: company.user.pic_ne_id,
				pic_name: company.user.pic_name,
				pic_kana: company.user.pic_kana,
				pic_mail_address: company.user.pic_mail_address,
			});
		});

		this.apiRoute('/api_v1_login_user/info', 'login_user_info', (_request, company) =>
			success({ count: '1', data: [{ ...company.user }] }),
		);

		this.apiRoute('/api_v1_login_company/info', 'login_company_info', (_request, company) =>
			success({
				count: '1',
				data: [
					{
						company_id: company.companyId,
						company_ne_id: company.companyNeId,
						company_name: company.companyName,
						company_kana: company.companyKana,
						company_host: 'base.next-engine.org',
					},
				],
			}),
		);

		this.apiRoute('/:endpoint/search', 'search', (request, company) => {
			const table = this.table(request, company);
			if ('response' in table) return table.response;
			const form = request.form!;
			const fields = (form.get('fields') ?? '')
				.split(',')
				.map((field) => field.trim())
				.filter(Boolean);
			if (fields.length === 0) return neError('003003', 'fields is required'); // simulator choice of code
			const known = new Set(table.rows.flatMap((row) => Object.keys(row)));
			const unknown = fields.find((field) => !known.has(field));
			if (unknown) return neError('003004', `Unknown field: ${unknown}`);
			const filtered = this.filter(form, table.rows, known);
			if ('response' in filtered) return filtered.response;
			const offset = Number(form.get('offset') ?? 0);
			const limit = Number(form.get('limit') ?? NE_MAX_LIMIT);
			if (!Number.isInteger(offset) || offset < 0)
				return neError('003005', 'offset must be 0 or more');
			if (!Number.isInteger(limit) || limit < 1 || limit > NE_MAX_LIMIT) {
				return neError('003005', `limit must be from 1 to ${NE_MAX_LIMIT}`);
			}
			const page = filtered.rows.slice(offset, offset + limit);
			const data = page.map((row) =>
				Object.fromEntries(fields.map((field) => [field, row[field] ?? ''])),
			);
			return success({ count: String(data.length), data });
		});

		this.apiRoute('/:endpoint/count', 'count', (request, company) => {
			const table = this.table(request, company);
			if ('response' in table) return table.response;
			const known = new Set(table.rows.flatMap((row) => Object.keys(row)));
			const filtered = this.filter(request.form!, table.rows, known);
			if ('response' in filtered) return filtered.response;
			return success({ count: String(filtered.rows.length) });
		});
	}

	private table(
		request: SimRequest,
		company: NeCompany,
	): { response: SimResponse } | { rows: Row[] } {
		const match = /^api_v1_(\w+)$/.exec(request.params.endpoint);
		const rows = match ? company.tables[match[1]] : undefined;
		if (!rows)
			return { response: json(404, { result: 'error', code: '000404', message: 'Not Found' }) };
		return { rows };
	}

	private filter(
		form: URLSearchParams,
		rows: Row[],
		known: Set<string>,
	): { response: SimResponse } | { rows: Row[] } {
		const reserved = new Set([
			'access_token',
			'refresh_token',
			'wait_flag',
			'fields',
			'offset',
			'limit',
		]);
		const conditions: Array<{ field: string; op: string; value: string }> = [];
		for (const [key, value] of form.entries()) {
			if (reserved.has(key)) continue;
			const match = /^(.+)-([a-z]+)$/.exec(key);
			if (!match || !NE_OPERATORS.includes(match[2]))
				return { response: neError('003006', `Invalid condition: ${key}`) };
			if (!known.has(match[1]))
				return { response: neError('003004', `Unknown field: ${match[1]}`) };
			conditions.push({ field: match[1], op: match[2], value });
		}
		return {
			rows: rows.filter((row) =>
				conditions.every((condition) =>
					matches(row[condition.field], condition.op, condition.value),
				),
			),
		};
	}
	// ── Orders arriving, for the trigger tests ─────────────────────────────────────────────
	// Orders get a creation and a last-modified date (Japan time, on the simulator's clock).

	private readonly arrivedOrderIds = new Set<string>();

	/** Gives every order of a company its dates (the seeded ones: 30 days ago). */
	stampOrderDates(companyId = this.defaultCompanyId) {
		const monthAgo = formatJst(this.clock.now() - 30 * 24 * 3600_000);
		for (const order of this.companies.get(companyId)!.tables.receiveorder_base) {
			order.receive_order_creation_date ??= monthAgo;
			order.receive_order_last_modified_date ??= monthAgo;
		}
	}

	/** `count` new orders created now on the simulator's clock; returns their IDs. */
	addOrders(count: number, companyId = this.defaultCompanyId): string[] {
		const orders = this.companies.get(companyId)!.tables.receiveorder_base;
		const now = formatJst(this.clock.now());
		const ids: string[] = [];
		let lastId = orders.reduce((max, order) => Math.max(max, Number(order.receive_order_id)), 0);
		for (let index = 0; index < count; index++) {
			const id = String(++lastId);
			orders.push({
				receive_order_id: id,
				receive_order_shop_id: '1',
				receive_order_date: now,
				receive_order_total_amount: '3000',
				receive_order_order_status_id: '20',
				receive_order_purchaser_name: `${companyId} new customer ${id}`,
				receive_order_note: '',
				receive_order_creation_date: now,
				receive_order_last_modified_date: now,
			});
			this.arrivedOrderIds.add(`${companyId}/${id}`);
			ids.push(id);
		}
		return ids;
	}

	/** An existing order changed now on the simulator's clock. */
	updateOrder(id: string, companyId = this.defaultCompanyId) {
		const order = this.companies
			.get(companyId)!
			.tables.receiveorder_base.find((row) => row.receive_order_id === id)!;
		order.receive_order_last_modified_date = formatJst(this.clock.now());
	}

	/** Removes the orders addOrders added (each test starts from the seeded orders). */
	removeArrivedOrders() {
		for (const company of this.companies.values()) {
			const table = company.tables.receiveorder_base;
			company.tables.receiveorder_base = table.filter(
				(order) => !this.arrivedOrderIds.has(`${company.companyId}/${order.receive_order_id}`),
			);
		}
		this.arrivedOrderIds.clear();
	}
}
