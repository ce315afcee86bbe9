// basic-03's controls, the same as on every simulation page: step forward and back, a scrubber
// whose markers name the DStream rule that fired, the code behind the cursor highlighted in the
// editor, and the whole state in the URL (a copied link restores it; a malformed one is refused
// value by value, with a notice each, and the page still runs).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openIn, openPage } from './browser.mjs';

const PAGE = '/questions/basic-03-dstreams';
const text = async (page, id) => ((await page.getByTestId(id).textContent()) ?? '').trim();
const num = async (page, id) => parseFloat(await text(page, id));
const waitReady = async (page) => {
	await page.getByTestId('sim-dstream').waitFor();
	await page.waitForSelector('[data-testid="code-editor"][data-ready="true"]', { timeout: 15000 });
	await page.waitForSelector('[data-testid="sim-share"]:not([disabled])', { timeout: 15000 });
};
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

describe('DStream controls (basic-03)', () => {
	let browser;
	let context;
	let page;
	const errors = [];
	before(async () => {
		browser = await launch();
		({ context, page } = await openIn(browser, PAGE, {
			errors,
			viewport: { width: 1280, height: 900 },
			clipboard: true
		}));
		await waitReady(page);
	});
	after(async () => browser?.close());

	it('steps one batch forward and one back, stopping at batch ends', async () => {
		await page.getByTestId('sim-restart').click();
		await page.getByTestId('sim-step').click();
		await page.getByTestId('sim-step').click();
		assert.equal(await num(page, 'sim-batch-count'), 2);
		const second = await text(page, 'sim-cursor');
		await page.getByTestId('sim-step-back').click();
		assert.equal(await num(page, 'sim-batch-count'), 1);
		await page.keyboard.press('ArrowRight');
		assert.equal(await text(page, 'sim-cursor'), second, '→ steps like the button');
		await page.keyboard.press('ArrowLeft');
		assert.equal(await num(page, 'sim-batch-count'), 1, '← steps back like the button');
	});

	it('draws a lane per DStream event, from the engine’s run', async () => {
		const count = async (kind) => page.getByTestId(`scrub-marker-${kind}`).count();
		const batches = await count('batch');
		assert.ok(batches >= 10, `batches: ${batches}`);
		assert.equal(await count('output'), batches, 'the outputs ran once per batch');
		assert.ok((await count('block')) > batches, 'several blocks per batch at 200 ms');
		assert.ok((await count('window')) > 0 && (await count('state')) > 0);
		assert.ok((await count('checkpoint')) > batches, 'metadata every batch plus RDD checkpoints');
	});

	it('the range scrubs the cursor; hovering a marker names the DStream rule', async () => {
		await page.getByTestId('scrub-range').fill('3000');
		assert.equal(await text(page, 'sim-cursor'), '3.0 s');
		await page.getByTestId('scrub-marker-state').nth(2).hover();
		const tip = await text(page, 'scrub-tip');
		assert.match(tip, /totals at \d+ s: updateStateByKey made a new state RDD of \d+ keys?/);
		assert.match(tip, /R8\.4: updateStateByKey calls the update function for every key/);
		await page.getByTestId('scrub-marker-block').first().hover();
		assert.match(
			await text(page, 'scrub-tip'),
			/R8\.2: .*spark\.streaming\.blockInterval \(here 200 ms\)/
		);
	});

	it('clicking a window marker seeks there and highlights the reduceByKeyAndWindow call', async () => {
		const marker = page.getByTestId('scrub-marker-window').nth(3);
		const at = Number(await marker.getAttribute('data-at'));
		await marker.click();
		assert.equal(await text(page, 'sim-cursor'), seconds(at));
		const focus = page.locator('.monaco-editor .sim-code-focus-window').first();
		await focus.waitFor({ timeout: 5000 });
		const line = page
			.locator('.monaco-editor .view-line', { hasText: 'reduceByKeyAndWindow(' })
			.first();
		const [lineTop, focusTop] = [(await line.boundingBox())?.y, (await focus.boundingBox())?.y];
		assert.ok(
			lineTop !== undefined && focusTop !== undefined && Math.abs(lineTop - focusTop) < 2,
			`${lineTop} vs ${focusTop}`
		);
		assert.ok(
			(await page.locator('.monaco-editor .sim-code-focus-batch').count()) > 0,
			'StreamingContext line'
		);
		// Before the first batch time nothing has happened, so nothing is highlighted.
		await page.getByTestId('scrub-range').fill('0');
		await page
			.locator('.monaco-editor .sim-code-focus')
			.first()
			.waitFor({ state: 'detached', timeout: 5000 });
	});

	it('Copy link, opened in a new page, restores parameters, seed, batch and the side-by-side view', async () => {
		const input = page.getByTestId('param-windowLength');
		await input.fill('8');
		await input.dispatchEvent('change');
		await page.getByTestId('sim-new-seed').click();
		await page.getByTestId('sim-restart').click();
		for (let i = 0; i < 3; i++) await page.getByTestId('sim-step').click();
		await page.getByTestId('sim-structured-toggle').click();
		await page.getByTestId('sim-structured').waitFor();
		const seed = (await text(page, 'sim-dstream')).match(/seed (\d+)/)?.[1];
		const before = {
			batches: await text(page, 'sim-batch-count'),
			cursor: await text(page, 'sim-cursor'),
			seed
		};
		await page.getByTestId('sim-share').click();
		await page
			.getByTestId('sim-share-status')
			.filter({ hasText: 'Link copied' })
			.waitFor({ timeout: 5000 });
		const link = await page.evaluate(() => navigator.clipboard.readText());
		assert.match(link, new RegExp(`windowLength=8&seed=${seed}&batch=2&structured=1$`));

		const fresh = await openPage(context, link.replace(/^https?:\/\/[^/]+/, ''), errors);
		await waitReady(fresh);
		assert.equal(await fresh.getByTestId('param-windowLength').inputValue(), '8');
		const code = ((await fresh.getByTestId('code-editor').textContent()) ?? '').replace(
			/\u00a0/g,
			' '
		);
		assert.match(code, /8,\s+# <- windowLength/);
		const after = {
			batches: await text(fresh, 'sim-batch-count'),
			cursor: await text(fresh, 'sim-cursor'),
			seed: (await text(fresh, 'sim-dstream')).match(/seed (\d+)/)?.[1]
		};
		assert.deepEqual(after, before);
		assert.ok(await fresh.getByTestId('sim-structured').isVisible(), 'the Structured side is open');
		assert.equal(await fresh.getByTestId('sim-notice').count(), 0);
		await fresh.close();
	});

	it('a malformed link shows a notice per value and the page still runs', async () => {
		const bad = await openPage(context, `${PAGE}?windowLength=abc&seed=-5&batch=9999`, errors);
		await waitReady(bad);
		const notices = await bad.getByTestId('sim-notice').allTextContents();
		const has = (re) =>
			assert.ok(
				notices.some((n) => re.test(n)),
				notices.join(' | ')
			);
		has(/window length: “abc” is not a number; using 6/);
		has(/Seed “-5” is not a positive whole number; using seed 1/);
		has(/Batch 9999 is not in this run \(the run ends with batch (\d+)\); showing batch \1/);
		assert.equal(await bad.getByTestId('param-windowLength').inputValue(), '6');
		assert.match(await text(bad, 'sim-dstream'), /seed 1\b/);
		const last = await num(bad, 'sim-batch-count');
		assert.ok(last >= 10, `cursor at the last batch: ${last} done`);
		await bad.getByTestId('sim-step-back').click();
		assert.equal(await num(bad, 'sim-batch-count'), last - 1);
		await bad.close();
	});

	it('logs no console error', () => assert.deepEqual(errors, []));
});
