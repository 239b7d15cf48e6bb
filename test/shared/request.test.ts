import { prepareBinaryData } from 'n8n-core';
import type { IExecuteFunctions, IN8nHttpFullResponse } from 'n8n-workflow';

import { decodeAnswer } from '../../nodes/shared/request';

/** n8n-core's own prepareBinaryData, as a node's helpers hand it over. */
const context = {
	helpers: {
		prepareBinaryData: async (data: Buffer, fileName?: string, mimeType?: string) =>
			await prepareBinaryData(data, 'execution-1', 'workflow-1', fileName, mimeType),
	},
} as unknown as Pick<IExecuteFunctions, 'helpers'>;

const decoding = { binaryPropertyName: 'data', splitArrays: true, fallbackFileName: 'Weather' };

function answer(
	body: string,
	headers: Record<string, string>,
	statusCode = 200,
): IN8nHttpFullResponse {
	return { body: Buffer.from(body), headers, statusCode };
}

describe('decodeAnswer', () => {
	test('an answer without a body gives its status code', async () => {
		const items = await decodeAnswer.call(context, answer('', {}, 204), decoding);
		expect(items).toEqual([{ json: { statusCode: 204 } }]);
	});

	test('a JSON list gives one item per entry; entries that are not objects become { value }', async () => {
		const json = answer('[{"code":"01"},7]', { 'Content-Type': 'application/json; charset=utf-8' });
		expect(await decodeAnswer.call(context, json, decoding)).toEqual([
			{ json: { code: '01' } },
			{ json: { value: 7 } },
		]);
		const whole = await decodeAnswer.call(context, json, { ...decoding, splitArrays: false });
		expect(whole).toEqual([{ json: { data: [{ code: '01' }, 7] } }]);
	});

	test('a +json type counts as JSON', async () => {
		const problem = answer('{"title":"Bad"}', { 'content-type': 'application/problem+json' });
		expect(await decodeAnswer.call(context, problem, decoding)).toEqual([
			{ json: { title: 'Bad' } },
		]);
	});

	test('JSON that does not parse is kept as a file, bytes unchanged', async () => {
		const broken = answer('{"cut off', { 'content-type': 'application/json' });
		const [item] = await decodeAnswer.call(context, broken, decoding);
		expect(item.json).toEqual({ fileName: 'Weather', mimeType: 'application/json', fileSize: 9 });
		expect(Buffer.from(item.binary!.data.data, 'base64').toString()).toBe('{"cut off');
	});

	test("the file name is Content-Disposition's filename* (UTF-8, percent-encoded) before filename", async () => {
		const file = answer('a,b', {
			'content-type': 'text/csv',
			'content-disposition': `attachment; filename="fields.csv"; filename*=UTF-8''%E5%9C%83%E5%A0%B4.csv`,
		});
		const [item] = await decodeAnswer.call(context, file, {
			...decoding,
			binaryPropertyName: 'csv',
		});
		expect(item.json).toEqual({ fileName: '圃場.csv', mimeType: 'text/csv', fileSize: 3 });
		expect(Object.keys(item.binary ?? {})).toEqual(['csv']);
	});

	test('without a file name in the answer, the fallback name is used', async () => {
		const [item] = await decodeAnswer.call(
			context,
			answer('x', { 'content-type': 'text/plain' }),
			decoding,
		);
		expect(item.json).toMatchObject({ fileName: 'Weather', mimeType: 'text/plain' });
	});
});
