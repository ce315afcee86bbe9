// URL state on an event-time page (basic-08): a link restores the parameters (and the program
// line they rewrite), the seed and the batch; out-of-range and malformed values are clamped or
// ignored with a visible notice; changing the state rewrites the address; a reload restores it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { editorText, launch, openPage } from './browser.mjs';

const PAGE = '/questions/basic-08-late-data';
const NOTICES = '[data-testid="sim-event-time"] .notice';
const text = async (page, id) => ((await page.getByTestId(id).textContent()) ?? '').trim();
const waitReady = async (page) => {
	const editor = '[data-testid="code-editor"][data-ready="true"]';
	await page.waitForSelector(editor, { timeout: 15000 });
	await page.waitForSelector('[data-testid="sim-share"]:not([disabled])', { timeout: 15000 });
};

describe('URL state and share links (basic-08)', () => {
	let browser;
	let context;
	const errors = [];
	before(async () => {
		browser = await launch();
		context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
		await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	});
	after(async () => browser?.close());

	it('a link sets the parameter, its program line, the seed and the batch', async () => {
		const page = await openPage(context, `${PAGE}?watermarkDelay=20&seed=7&batch=6`, errors);
		await waitReady(page);
		assert.equal(await page.getByTestId('param-watermarkDelay').inputValue(), '20');
		assert.match(await editorText(page), /withWatermark\("event_time", "20 seconds"\)/);
		assert.match(await text(page, 'sim-event-time'), /seed 7\b/);
		assert.equal(await text(page, 'sim-batch-count'), '7', 'batches 0..6 are done');
		assert.equal(await page.locator(NOTICES).count(), 0);
		await page.close();
	});

	it('an out-of-range delay is clamped, a bad seed refused, each with a notice', async () => {
		const page = await openPage(context, `${PAGE}?watermarkDelay=999&seed=abc`, errors);
		await waitReady(page);
		assert.equal(await page.getByTestId('param-watermarkDelay').inputValue(), '60');
		assert.match(await editorText(page), /withWatermark\("event_time", "60 seconds"\)/);
		const notices = await page.locator(NOTICES).allTextContents();
		const clamped = /watermark delay: 999 is outside 0–60 s; using 60/;
		assert.ok(
			notices.some((n) => clamped.test(n)),
			notices.join(' | ')
		);
		assert.ok(
			notices.some((n) => /Seed “abc”/.test(n)),
			notices.join(' | ')
		);
		assert.match(await text(page, 'sim-event-time'), /seed 1\b/);
		await page.close();
	});

	it('changing the state rewrites the address; a reload restores the same state', async () => {
		const page = await openPage(context, PAGE, errors);
		await waitReady(page);
		const input = page.getByTestId('param-watermarkDelay');
		await input.fill('12');
		await input.dispatchEvent('change');
		const hasDelay = () => location.search.includes('watermarkDelay=12');
		await page.waitForFunction(hasDelay, null, { timeout: 5000 });
		await page.getByTestId('sim-step').click();
		await page.getByTestId('sim-step').click();
		// The address follows the cursor once it rests (writes are debounced).
		const last = Number(await text(page, 'sim-batch-count')) - 1;
		const atBatch = (b) => new URLSearchParams(location.search).get('batch') === String(b);
		await page.waitForFunction(atBatch, last, { timeout: 5000 });
		const search = await page.evaluate(() => location.search);
		assert.match(search, /seed=1\b/);
		const before = {
			watermark: await text(page, 'sim-watermark'),
			dropped: await text(page, 'sim-dropped'),
			batches: await text(page, 'sim-batch-count'),
			cursor: await text(page, 'sim-cursor')
		};
		await page.reload({ waitUntil: 'load' });
		await waitReady(page);
		assert.equal(await page.evaluate(() => location.search), search);
		assert.equal(await input.inputValue(), '12');
		const after = {
			watermark: await text(page, 'sim-watermark'),
			dropped: await text(page, 'sim-dropped'),
			batches: await text(page, 'sim-batch-count'),
			cursor: await text(page, 'sim-cursor')
		};
		assert.deepEqual(after, before);
		await page.close();
	});

	it('"Copy link" copies the exact state, with the preset and its scripted rows', async () => {
		const page = await openPage(context, PAGE, errors);
		await waitReady(page);
		await page.getByTestId('preset-inside-vs-beyond-delay').click();
		await page.getByTestId('sim-step').click();
		await page.getByTestId('sim-step').click();
		await page.getByTestId('sim-step').click();
		await page.getByTestId('sim-share').click();
		const copied = page.getByTestId('sim-share-status').filter({ hasText: 'Link copied' });
		await copied.waitFor({ timeout: 5000 });
		const link = await page.evaluate(() => navigator.clipboard.readText());
		// The program was not edited by hand, so the link carries everything: no caveat.
		assert.equal(await text(page, 'sim-share-status'), 'Link copied.');
		const url = new URL(link);
		assert.equal(url.pathname, PAGE);
		assert.equal(url.searchParams.get('preset'), 'inside-vs-beyond-delay');
		assert.equal(url.searchParams.get('batch'), '2');
		const shown = {
			watermark: await text(page, 'sim-watermark'),
			batches: await text(page, 'sim-batch-count'),
			code: await editorText(page)
		};
		const copy = await openPage(context, url.pathname + url.search, errors);
		await waitReady(copy);
		assert.deepEqual(
			{
				watermark: await text(copy, 'sim-watermark'),
				batches: await text(copy, 'sim-batch-count'),
				code: await editorText(copy)
			},
			shown
		);
		assert.equal(await copy.locator(NOTICES).count(), 0);
		await copy.close();
		await page.close();
	});

	it('SIM-1 (basic-11) reads and writes the same URL state', async () => {
		const page = await openPage(
			context,
			'/questions/basic-11-micro-batches?seed=5&batch=3',
			errors
		);
		await page.waitForSelector('[data-testid="sim-share"]:not([disabled])', { timeout: 15000 });
		// The link's run comes from the engine worker: its cursor is placed once the run lands.
		await page.waitForFunction(
			() => document.querySelector('[data-testid="sim-batch-count"]')?.textContent?.trim() === '4',
			null,
			{ timeout: 15000 }
		);
		assert.match(await text(page, 'sim-micro-batch'), /seed 5\b/);
		await page.getByTestId('sim-step').click();
		const atBatch = () => new URLSearchParams(location.search).get('batch') === '4';
		await page.waitForFunction(atBatch, null, { timeout: 5000 });
		assert.match(await page.evaluate(() => location.search), /seed=5/);
		await page.close();
	});

	it('logs no console error', () => assert.deepEqual(errors, []));
});
