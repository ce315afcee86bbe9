// Presets that replay one of Spark's own tests (basic-08): the button carries a "Spark test"
// badge naming the test (tooltip and accessible name); picking it runs the test's batches, and at
// the end the sink table holds the test's last answer (EventTimeWatermarkSuite "complete mode":
// windows 10 s → 4, 25 s → 3; "update mode": the late 10 s row changes nothing, 25 s → 2 before).
// basic-02 replays the Structured Streaming guide's Quick Example on its socket: two steps give
// the guide's Batch 0 and Batch 1.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { VIEWPORTS, launch, openIn, openPage, settled, stepToEnd } from './browser.mjs';

const PAGE = '/questions/basic-08-late-data';
const text = async (page, id) => ((await page.getByTestId(id).textContent()) ?? '').trim();

/** The sink table's body rows, cell texts joined by " | ". */
const sinkRows = async (page) =>
	page
		.getByTestId('view-result')
		.locator('tbody tr')
		.evaluateAll((trs) =>
			trs.map((tr) => [...tr.cells].map((c) => c.textContent.trim()).join(' | '))
		);

describe('Spark-test presets (basic-08)', () => {
	let browser;
	const errors = [];
	before(async () => {
		browser = await launch();
	});
	after(async () => browser?.close());

	for (const [name, viewport] of [
		['laptop', VIEWPORTS.laptop],
		['phone', VIEWPORTS.phone]
	]) {
		it(`the badge is visible and names the test (${name})`, async () => {
			const context = await browser.newContext({ viewport });
			const page = await openPage(context, PAGE, errors);
			const badge = page.getByTestId('spark-badge-spark-update-mode');
			await badge.waitFor({ timeout: 15000 });
			assert.ok(await badge.isVisible());
			assert.equal((await badge.textContent())?.trim(), 'Spark test');
			const box = await badge.boundingBox();
			assert.ok(box && box.x >= 0 && box.x + box.width <= viewport.width, 'inside the viewport');
			const button = page.getByTestId('preset-spark-update-mode');
			assert.match(
				(await button.getAttribute('title')) ?? '',
				/EventTimeWatermarkSuite "update mode"/
			);
			const named = page.getByRole('button', {
				name: /Spark test: EventTimeWatermarkSuite "update mode"/
			});
			assert.equal(await named.count(), 1, 'the accessible name carries the test');
			// Presets that do not replay a test have no badge.
			assert.equal(await page.getByTestId('preset-late-data').locator('.spark').count(), 0);
			await context.close();
		});
	}

	it('complete mode: at the end the sink holds the test’s last answer', async () => {
		const { context, page } = await openIn(browser, PAGE, {
			errors,
			ready: '[data-testid="sim-share"]:not([disabled])'
		});
		await page.getByTestId('preset-spark-complete-mode').click();
		await settled(page);
		assert.equal(
			await page.getByTestId('preset-spark-complete-mode').getAttribute('aria-pressed'),
			'true'
		);
		await stepToEnd(page);
		// One data batch per AddData, no no-data batches in complete mode.
		assert.equal(await text(page, 'sim-batch-count'), '5');
		assert.deepEqual((await sinkRows(page)).sort(), [
			'[10 s, 15 s) | d-0 | 4',
			'[25 s, 30 s) | d-0 | 3'
		]);
		await context.close();
	});

	it('update mode: late rows are dropped, the batch that read one emitted 25 s → 2', async () => {
		const { context, page } = await openIn(browser, PAGE, {
			errors,
			ready: '[data-testid="sim-share"]:not([disabled])'
		});
		await page.getByTestId('preset-spark-update-mode').click();
		await settled(page);
		// Picked, the replay names its test and how the page maps onto it, with no tooltip needed.
		assert.match(
			await text(page, 'preset-reproduces'),
			/EventTimeWatermarkSuite "update mode".*EventTimeWatermarkSuite\.scala, test "update mode"/s
		);
		await stepToEnd(page);
		// Four data batches, and a no-data batch each time the watermark moved (to 5 s, to 15 s).
		assert.equal(await text(page, 'sim-batch-count'), '6');
		assert.deepEqual(await sinkRows(page), []);
		assert.equal(await text(page, 'sim-state-rows'), '2');
		assert.equal(await text(page, 'sim-dropped'), '2', 'the 10 s rows of batches 4 and 5');
		// Batch 4 read the late 10 s row (dropped) and another 25 s row.
		for (let i = 0; i < 5 && (await text(page, 'sim-batch-count')) !== '5'; i++) {
			await page.getByTestId('sim-step-back').click();
		}
		assert.equal(await text(page, 'sim-batch-count'), '5');
		assert.deepEqual(await sinkRows(page), ['[25 s, 30 s) | d-0 | 2']);
		await context.close();
	});

	it('logs no console error', () => assert.deepEqual(errors, []));
});

describe('Spark-test presets (basic-02, the guide’s Quick Example)', () => {
	const PAGE02 = '/questions/basic-02-pyspark-streaming-support';
	let browser;
	const errors = [];
	before(async () => {
		browser = await launch();
	});
	after(async () => browser?.close());

	/** The result table's rows as "word | count", without the "sent to sink" column. */
	const resultRows = async (page) =>
		page
			.getByTestId('result-table')
			.locator('tbody tr')
			.evaluateAll((trs) =>
				trs.map((tr) =>
					[...tr.cells]
						.slice(0, 2)
						.map((c) => c.textContent.trim())
						.join(' | ')
				)
			);

	it('the badge is visible; picking the preset and stepping twice gives apache 2, spark 1, hadoop 1', async () => {
		const { context, page } = await openIn(browser, PAGE02, {
			errors,
			ready: '[data-testid="sim-share"]:not([disabled])'
		});
		const badge = page.getByTestId('spark-badge-guide-quick-example');
		assert.ok(await badge.isVisible());
		assert.equal((await badge.textContent())?.trim(), 'Spark test');
		const named = page.getByRole('button', {
			name: /Spark test: Structured Streaming guide, "Quick Example"/
		});
		assert.equal(await named.count(), 1);
		assert.equal(await page.getByTestId('preset-update-mode').locator('.spark').count(), 0);

		await page.getByTestId('preset-guide-quick-example').click();
		assert.equal(
			await page.getByTestId('preset-guide-quick-example').getAttribute('aria-pressed'),
			'true'
		);
		assert.match(await text(page, 'preset-reproduces'), /"Quick Example".*getting-started\.md/s);
		assert.equal(
			await text(page, 'sim-batch-count'),
			'0',
			'the replay starts before its first batch'
		);
		await page.getByTestId('sim-step').click();
		assert.deepEqual((await resultRows(page)).sort(), ['apache | 1', 'spark | 1']);
		await page.getByTestId('sim-step').click();
		assert.equal(await text(page, 'sim-batch-count'), '2');
		assert.deepEqual((await resultRows(page)).sort(), ['apache | 2', 'hadoop | 1', 'spark | 1']);
		// The link carries the replay: opened fresh, it shows the same batch.
		await page.waitForFunction(() => {
			const q = new URLSearchParams(location.search);
			return q.get('preset') === 'guide-quick-example' && q.get('batch') === '1';
		});
		const url = new URL(page.url());
		const again = await openPage(context, url.pathname + url.search, errors);
		await again.waitForSelector('[data-testid="sim-share"]:not([disabled])', { timeout: 15000 });
		await again.waitForFunction(
			() => document.querySelector('[data-testid="sim-batch-count"]')?.textContent?.trim() === '2'
		);
		assert.deepEqual((await resultRows(again)).sort(), ['apache | 2', 'hadoop | 1', 'spark | 1']);
		await context.close();
	});

	it('on a phone the badge stays inside the viewport', async () => {
		const { context, page } = await openIn(browser, PAGE02, { errors, viewport: VIEWPORTS.phone });
		const badge = page.getByTestId('spark-badge-guide-quick-example');
		await badge.waitFor({ timeout: 15000 });
		const box = await badge.boundingBox();
		assert.ok(
			box && box.x >= 0 && box.x + box.width <= VIEWPORTS.phone.width,
			'inside the viewport'
		);
		await context.close();
	});

	it('logs no console error', () => assert.deepEqual(errors, []));
});
