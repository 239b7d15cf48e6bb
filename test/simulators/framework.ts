import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A clock the tests can move forward, so token expiry is tested rather than assumed. */
export class SimulatedClock {
	private offsetMs = 0;

	now(): number {
		return Date.now() + this.offsetMs;
	}

	date(): Date {
		return new Date(this.now());
	}

	advance(ms: number) {
		this.offsetMs += ms;
	}

	advanceHours(hours: number) {
		this.advance(hours * 3600_000);
	}

	reset() {
		this.offsetMs = 0;
	}
}

/**
 * The tokens a provider has issued, each with its user and end on the simulated clock. With
 * `singleSession`, a new token ends every earlier token of the same user, as providers that allow
 * one session per account do. Counts the calls that came with a token that no longer works.
 */
export class IssuedTokens {
	private readonly tokens = new Map<string, { user: string; expiresAt: number; ended: boolean }>();

	/** Calls refused because their token had been ended by a later login of the same user. */
	endedTokenCalls = 0;

	/** Calls refused because their token had reached its end date. */
	expiredTokenCalls = 0;

	constructor(private readonly clock: SimulatedClock) {}

	issue(user: string, token: string, expiresAt: number, options: { singleSession: boolean }) {
		if (options.singleSession) {
			for (const issued of this.tokens.values()) if (issued.user === user) issued.ended = true;
		}
		this.tokens.set(token, { user, expiresAt, ended: false });
	}

	/** Whether a call with this token is let through; refusals of known tokens are counted. */
	accepts(token: string): boolean {
		const issued = this.tokens.get(token);
		if (!issued) return false;
		if (issued.ended) {
			this.endedTokenCalls++;
			return false;
		}
		if (issued.expiresAt <= this.clock.now()) {
			this.expiredTokenCalls++;
			return false;
		}
		return true;
	}

	/** Calls that came with a token this provider issued but no longer accepts. */
	get staleTokenCalls() {
		return this.endedTokenCalls + this.expiredTokenCalls;
	}

	resetCounts() {
		this.endedTokenCalls = 0;
		this.expiredTokenCalls = 0;
	}

	/** Every token issued so far stops working (as after a password change). */
	clear() {
		this.tokens.clear();
	}

	keys() {
		return this.tokens.keys();
	}
}

export interface SimRequest {
	method: string;
	path: string;
	params: Record<string, string>;
	query: URLSearchParams;
	headers: IncomingMessage['headers'];
	rawBody: string;
	/** Body parsed by its declared content type: JSON, form (URLSearchParams) or undefined. */
	json: unknown;
	form: URLSearchParams | undefined;
	contentType: string;
}

export interface SimResponse {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** Raw bytes instead of JSON. */
	raw?: Buffer;
}

type Handler = (request: SimRequest) => SimResponse | Promise<SimResponse>;

interface Route {
	method: string;
	pattern: RegExp;
	keys: string[];
	name: string;
	handler: Handler;
}

export const json = (
	status: number,
	body: unknown,
	headers?: Record<string, string>,
): SimResponse => ({
	status,
	body,
	headers,
});

function compilePath(path: string) {
	const keys: string[] = [];
	const source = path
		.split('/')
		.map((segment) => {
			if (segment.startsWith(':')) {
				keys.push(segment.slice(1));
				return '([^/]+)';
			}
			return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		})
		.join('/');
	return { pattern: new RegExp(`^${source}/?$`), keys };
}

/**
 * A strict little HTTP server on an ephemeral localhost port. Each provider simulator registers
 * its documented routes; everything else answers 404. Counts calls per route so tests can assert
 * how many logins and API calls a run cost.
 */
export class Simulator {
	readonly clock: SimulatedClock;

	readonly calls = new Map<string, number>();

	/** TCP connections accepted (a client that reuses connections opens few). */
	connections = 0;

	/** Every request seen, newest last (method, path, headers), for assertions on what was sent. */
	readonly log: Array<{
		route: string;
		method: string;
		path: string;
		headers: SimRequest['headers'];
		body: string;
	}> = [];

	private readonly routes: Route[] = [];

	private server?: Server;

	baseUrl = '';

	constructor(
		readonly name: string,
		clock?: SimulatedClock,
	) {
		this.clock = clock ?? new SimulatedClock();
	}

	route(method: string, path: string, name: string, handler: Handler) {
		const { pattern, keys } = compilePath(path);
		this.routes.push({ method, pattern, keys, name, handler });
	}

	count(name: string): number {
		return this.calls.get(name) ?? 0;
	}

	totalCalls(): number {
		let total = 0;
		for (const value of this.calls.values()) total += value;
		return total;
	}

	resetCounters() {
		this.calls.clear();
		this.connections = 0;
		this.log.length = 0;
	}

	/** Back to the seeded state (each simulator says what that means); counters and clock untouched. */
	reset() {}

	async start(port = 0, host = '127.0.0.1'): Promise<string> {
		this.server = createServer((req, res) => {
			this.handle(req, res).catch((error) => {
				res.writeHead(500, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ error: `simulator failure: ${(error as Error).message}` }));
			});
		});
		this.server.on('connection', () => this.connections++);
		this.server.keepAliveTimeout = 30_000;
		await new Promise<void>((resolve) => this.server!.listen(port, host, resolve));
		const { port: actualPort } = this.server.address() as AddressInfo;
		this.baseUrl = `http://${host}:${actualPort}`;
		return this.baseUrl;
	}

	async stop() {
		if (!this.server) return;
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
		this.server = undefined;
	}

	private async handle(req: IncomingMessage, res: ServerResponse) {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks).toString('utf8');
		const url = new URL(req.url ?? '/', 'http://simulator');
		const method = (req.method ?? 'GET').toUpperCase();
		const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();

		let matched: { route: Route; params: Record<string, string> } | undefined;
		let pathMatched = false;
		for (const route of this.routes) {
			const match = route.pattern.exec(url.pathname);
			if (!match) continue;
			pathMatched = true;
			if (route.method !== method) continue;
			const params: Record<string, string> = {};
			route.keys.forEach((key, index) => (params[key] = decodeURIComponent(match[index + 1])));
			matched = { route, params };
			break;
		}

		let response: SimResponse;
		if (!matched) {
			response = pathMatched
				? json(405, { error: 'Method Not Allowed', status: 405 })
				: json(404, { error: 'Not Found', status: 404 });
		} else {
			const { route, params } = matched;
			this.calls.set(route.name, this.count(route.name) + 1);
			this.log.push({
				route: route.name,
				method,
				path: url.pathname,
				headers: req.headers,
				body: rawBody,
			});
			let parsedJson: unknown;
			let form: URLSearchParams | undefined;
			if (contentType === 'application/json' && rawBody) {
				try {
					parsedJson = JSON.parse(rawBody);
				} catch {
					parsedJson = Symbol.for('invalid-json');
				}
			}
			if (contentType === 'application/x-www-form-urlencoded') form = new URLSearchParams(rawBody);
			response = await route.handler({
				method,
				path: url.pathname,
				params,
				query: url.searchParams,
				headers: req.headers,
				rawBody,
				json: parsedJson,
				form,
				contentType,
			});
		}

		const headers: Record<string, string> = {
			date: this.clock.date().toUTCString(),
			...(response.headers ?? {}),
		};
		if (response.raw) {
			res.writeHead(response.status, headers);
			res.end(response.raw);
			return;
		}
		headers['content-type'] ??= 'application/json; charset=utf-8';
		res.writeHead(response.status, headers);
		res.end(response.body === undefined ? '' : JSON.stringify(response.body));
	}
}

export const INVALID_JSON = Symbol.for('invalid-json');

/** Random-looking but reproducible token strings. */
export function makeToken(prefix: string, counter: number) {
	const hex = (counter * 2654435761).toString(16).padStart(8, '0');
	return `${prefix}_${hex}${Math.random().toString(36).slice(2, 12)}`;
}
