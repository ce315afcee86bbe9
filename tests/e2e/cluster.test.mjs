// advanced-10 on the cluster kind: the DStream side opens (its program is the main tab) with the
// story charts, the cores' Gantt, the PID terms and the Spark UI's Streaming tab; a click on a
// chart point moves the cursor to that batch; a control rewrites the program and an edit of the
// program moves the control; every preset of both sides plays to the end with no console error.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { editorText, launch, openIn } from './browser.mjs';
import { playToEnd } from './cluster-play.mjs';

const PAGE = '/questions/advanced-10-backpressure';
const text = async (page, id) => ((await page.getByTestId(id).textContent()) ?? '').trim();

/** Double-click a number token on the editor line that holds `lineText`, and type over it. */
async function retypeNumber(page, lineText, number, replacement) {
	const line = page.locator('.monaco-editor .view-line', { hasText: lineText });
	await line
		.locator('span span', { hasText: new RegExp(`^${number}$`) })
		.first()
		.dblclick();
	await page.keyboard.type(replacement);
}

describe('cluster under load (advanced-10)', () => {
	let browser;
	let page;
	const errors = [];
	before(async () => {
		browser = await launch();
		({ page } = await openIn(browser, PAGE, {
			errors,
			viewport: { width: 1280, height: 900 },
			clipboard: true
		}));
		await page.getByTestId('sim-cluster').waitFor();
		await page.waitForSelector('[data-testid="code-editor"][data-ready="true"]', {
			timeout: 15000
		});
		await page.waitForSelector('[data-testid="sim-share"]:not([disabled])', { timeout: 15000 });
	});
	after(async () => browser?.close());

	it('opens on the DStream side with every part of the view', async () => {
		assert.equal(await page.getByTestId('api-dstream').getAttribute('aria-checked'), 'true');
		for (const id of ['cluster-story', 'cluster-gantt', 'cluster-pid', 'cluster-spark-ui'])
			assert.ok(await page.getByTestId(id).isVisible(), id);
		const titles = await page
			.getByTestId('cluster-spark-ui')
			.locator('figcaption strong')
			.allTextContents();
		assert.deepEqual(titles, ['Input Rate', 'Scheduling Delay', 'Processing Time', 'Total Delay']);
		assert.match(await text(page, 'cluster-facts'), /backpressure on/);
	});

	it('clicking a chart point moves the cursor to that batch', async () => {
		const dot = page.locator('[data-chart="delays"] circle[data-batch="3"]').first();
		await dot.click();
		// Batch 3 (due at 8 s) ends before 10 s: the cursor sits at its end.
		const t = parseFloat(await text(page, 'sim-cursor'));
		assert.ok(t > 8 && t < 10, `cursor at ${t}`);
		assert.match(await text(page, 'cluster-facts'), /batch 3:/);
	});

	it('a control rewrites the program; an edit of the program moves the control', async () => {
		await page.getByTestId('param-backpressureEnabled').selectOption('off');
		await page.getByTestId('cluster-pid').waitFor({ state: 'detached', timeout: 5000 });
		assert.match(await editorText(page), /backpressure\.enabled", "false"/);
		await page.getByTestId('preset-backpressure').click();
		await page.getByTestId('cluster-pid').waitFor({ timeout: 5000 });
		assert.match(await editorText(page), /backpressure\.enabled", "true"/);
		// The editor → controls direction: replace the batch interval in the program.
		await retypeNumber(page, 'StreamingContext(sc, 2)', '2', '3');
		await page.waitForFunction(
			() =>
				/** @type {HTMLInputElement | null} */ (
					document.querySelector('[data-testid="param-batchInterval"]')
				)?.value === '3',
			null,
			{ timeout: 5000 }
		);
		assert.match(await text(page, 'cluster-facts'), /batch interval 3 s/);
		await page.getByTestId('preset-backpressure').click();
	});

	for (const id of ['backpressure', 'backpressure-off', 'min-rate-floor']) {
		it(`DStream preset ${id} plays to the end`, async () => {
			await page.getByTestId(`preset-${id}`).click();
			await playToEnd(page, 150);
			assert.ok(await page.getByTestId('cluster-story').isVisible());
		});
	}

	it('the Structured side: maxOffsetsPerTrigger and no limit, with lastProgress', async () => {
		await page.getByTestId('api-structured').click();
		await page.getByTestId('cluster-last-progress').waitFor({ timeout: 10000 });
		const titles = await page
			.getByTestId('cluster-spark-ui')
			.locator('figcaption strong')
			.allTextContents();
		for (const t of [
			'Input Rate',
			'Process Rate',
			'Input Rows',
			'Batch Duration',
			'Operation Duration'
		])
			assert.ok(titles.includes(t), t);
		for (const id of ['structured-maxOffsets', 'structured-unbounded']) {
			await page.getByTestId(`preset-${id}`).click();
			await playToEnd(page, 150);
			assert.match(await text(page, 'cluster-last-progress'), /"batchId": \d+/);
		}
		assert.match(await text(page, 'cluster-facts'), /no maxOffsetsPerTrigger/);
	});

	it('logs no console error', () => assert.deepEqual(errors, []));
});
