import { describeHttpFailure, ProviderLoginError } from '../../nodes/shared/errors';

describe('ProviderLoginError', () => {
	const details = { provider: 'ROLLER', httpCode: 401, message: 'Invalid credentials' };

	test('its details are found through the cause chain (n8n 2.x keeps the cause when it wraps the error)', () => {
		const wrapped = new Error('wrapped', { cause: new ProviderLoginError(details) });
		expect(describeHttpFailure(wrapped).login).toEqual(details);
	});

	test("its details survive n8n 1.x's NodeApiError, which drops the cause but keeps the context", () => {
		const login = new ProviderLoginError(details);
		const wrappedLike1x = Object.assign(new Error(login.message), {
			context: login.context,
			httpCode: null,
		});
		expect(describeHttpFailure(wrappedLike1x).login).toEqual(details);
	});
});

describe('describeHttpFailure', () => {
	test("reads the status and body that n8n 1.x's NodeApiError keeps after dropping the request's cause", () => {
		const wrappedLike1x = Object.assign(new Error('401 - "..."'), {
			httpCode: '401',
			context: {
				data: {
					status: 'failed',
					error: { code: 1, message: 'Invalid API key or key not found.' },
				},
			},
		});
		expect(describeHttpFailure(wrappedLike1x)).toEqual({
			status: 401,
			body: { status: 'failed', error: { code: 1, message: 'Invalid API key or key not found.' } },
		});
	});

	test('prefers the response of the cause when there is one (n8n 2.x)', () => {
		const cause = Object.assign(new Error('x'), {
			response: { status: 404, data: '{"error":"Not Found"}' },
		});
		const wrapped = Object.assign(new Error('wrapped', { cause }), { httpCode: '500' });
		expect(describeHttpFailure(wrapped)).toEqual({ status: 404, body: { error: 'Not Found' } });
	});
});
