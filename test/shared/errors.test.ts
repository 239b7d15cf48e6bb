import { describeHttpFailure, ProviderLoginError } from '../../nodes/shared/errors';

describe('ProviderLoginError', () => {
	const details = { provider: 'ROLLER', httpCode: 401, message: 'Invalid credentials' };

	test('its details are found through the cause chain (n8n 2.x keeps the cause when it wraps the error)', () => {
		const wrapped = new Error('wrapped', { cause: new ProviderLoginError(details) });
		expect(describeHttpFailure(wrapped).login).toEqual(details);
	});

	test("its details survive n8n 1.x's NodeApiError, which drops the cause but keeps the context", () => {
		const login = new ProviderLoginError(details);
		const wrappedLike1x = Object.assign(new Error(login.message), { context: login.context, httpCode: null });
		expect(describeHttpFailure(wrappedLike1x).login).toEqual(details);
	});
});
