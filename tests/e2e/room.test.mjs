// Built for a room (issue 11): each batch narrated on screen and in a live region, the preset's
// story on screen, presenter mode by keyboard (p, → / PageDown, a, n, Escape) with two windows
// kept in step over BroadcastChannel, predict-then-reveal (pause, answer, the engine's
// explanation, future markers hidden), SVG and PNG export with the SVG reopening its frame when
// dropped, and the index marking the live simulations. Screenshots go to test-results/.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { launch, openPage, VIEWPORTS } from './browser.mjs';

const PAGE = '/questions/basic-08-late-data';
const num = async (page, id) => parseFloat((await page.getByTestId(id).textContent()) ?? 'NaN');

async function ready(page) {
	await page.getByTestId('sim-play').waitFor();
	await page.waitForFunction(
		() => !document.querySelector('[data-testid=sim-play]')?.hasAttribute('disabled')
	);
}

describe('built for a room', () => {
	let browser;
	before(async () => {
		browser = await launch();
		mkdirSync('test-results', { recursive: true });
	});
	after(async () => browser?.close());

	it('narrates each batch in words in a visible live region, and shows the preset’s story', async () => {
		const context = await browser.newContext({ viewport: VIEWPORTS.laptop });
		const errors = [];
		const page = await openPage(context, PAGE, errors);
		await ready(page);
		const narration = page.getByTestId('sim-description');
		assert.equal(await narration.getAttribute('aria-live'), 'polite');
		assert.ok(await narration.isVisible());
		await page.getByTestId('sim-restart').click();
		assert.match(await narration.textContent(), /^No batch has finished yet/);
		await page.getByTestId('sim-step').click();
		await page.getByTestId('sim-step').click();
		assert.match(
			await narration.textContent(),
			/^Batch \d+: \d+ rows? in, .*rows? to the sink \(append mode\); watermark -?[\d.]+ s\.$/
		);
		const preset = page.locator('[data-testid^=preset-]').first();
		await preset.click();
		const story = page.getByTestId('preset-story');
		assert.ok(await story.isVisible());
		assert.ok((await story.textContent()).length > 20);
		assert.deepEqual(errors, []);
		await context.close();
	});

	it('presenter mode: p enters, keys step and show notes, n moves on, Escape leaves', async () => {
		const context = await browser.newContext({ viewport: VIEWPORTS.projector });
		const errors = [];
		const page = await openPage(context, PAGE, errors);
		await ready(page);
		await page.locator('body').click({ position: { x: 5, y: 5 } });
		await page.keyboard.press('p');
		await page.getByTestId('presenter-bar').waitFor();
		assert.ok(await page.locator('.question.presenting').isVisible());
		// The drawing is on the first screen, beside the code, its labels at least twice 10px.
		const plot = await page.getByTestId('view-event-time').boundingBox();
		assert.ok(plot && plot.y < 700, `plot starts at ${plot?.y}px`);
		const tick = await page
			.locator('[data-testid=view-event-time] text.tick')
			.first()
			.boundingBox();
		assert.ok(tick && tick.height >= 20, `tick label is ${tick?.height}px tall`);
		await page.screenshot({ path: 'test-results/presenter-1920-basic-08.png' });
		const b0 = await num(page, 'sim-batch-count');
		await page.keyboard.press('ArrowRight');
		assert.equal(await num(page, 'sim-batch-count'), b0 + 1);
		await page.keyboard.press('PageDown');
		assert.equal(await num(page, 'sim-batch-count'), b0 + 2);
		await page.keyboard.press('PageUp');
		assert.equal(await num(page, 'sim-batch-count'), b0 + 1);
		assert.ok(!(await page.getByTestId('answer-col').isVisible()));
		await page.keyboard.press('a');
		assert.ok(await page.getByTestId('answer-col').isVisible());
		await page.keyboard.press('n');
		await page.waitForURL(/basic-09-kafka-integration/);
		await page.getByTestId('presenter-bar').waitFor();
		await page.keyboard.press('p');
		await page.waitForURL(/basic-08-late-data/);
		await page.getByTestId('presenter-bar').waitFor();
		await page.keyboard.press('Escape');
		await page.getByTestId('presenter-enter').waitFor();
		assert.equal(await page.locator('.question.presenting').count(), 0);
		assert.deepEqual(errors, []);
		await context.close();
	});

	it('keeps a second presenting window in step over BroadcastChannel', async () => {
		const context = await browser.newContext({ viewport: VIEWPORTS.laptop });
		const errors = [];
		const a = await openPage(context, PAGE, errors);
		await ready(a);
		await a.getByTestId('presenter-enter').click();
		const b = await openPage(context, PAGE, errors);
		await ready(b);
		await b.getByTestId('presenter-enter').click();
		await b.waitForTimeout(600);
		await a.getByTestId('sim-restart').click();
		await a.getByTestId('sim-step').click();
		await a.getByTestId('sim-step').click();
		await b.waitForFunction(
			() => document.querySelector('[data-testid=sim-batch-count]')?.textContent === '2'
		);
		const preset = a.locator('[data-testid^=preset-]').nth(2);
		const id = await preset.getAttribute('data-testid');
		await preset.click();
		await b.waitForFunction(
			(tid) =>
				document.querySelector(`[data-testid="${tid}"]`)?.getAttribute('aria-pressed') === 'true',
			id
		);
		// And back: the second window steps, the first follows.
		await b.getByTestId('sim-step').click();
		const want = String(await num(b, 'sim-batch-count'));
		await a.waitForFunction(
			(n) => document.querySelector('[data-testid=sim-batch-count]')?.textContent === n,
			want
		);
		assert.deepEqual(errors, []);
		await context.close();
	});

	it('predict, then reveal: pauses at a question, hides future markers, explains the answer', async () => {
		const context = await browser.newContext({ viewport: VIEWPORTS.laptop });
		const errors = [];
		const page = await openPage(context, PAGE, errors);
		await ready(page);
		const markers = page.locator('[data-testid^=scrub-marker-]');
		const all = await markers.count();
		await page.getByTestId('predict-toggle').click();
		assert.equal(await num(page, 'sim-cursor'), 0);
		assert.ok((await markers.count()) < all, 'markers after the cursor are hidden');
		await page.getByTestId('sim-speed').selectOption('5');
		await page.getByTestId('sim-play').click();
		const question = page.getByTestId('predict-question');
		await question.waitFor({ timeout: 15000 });
		assert.equal(await page.getByTestId('sim-play').getAttribute('aria-pressed'), 'false');
		const asked = await num(page, 'sim-cursor');
		await page.waitForTimeout(400);
		assert.equal(await num(page, 'sim-cursor'), asked, 'the simulation waits for an answer');
		await page.screenshot({ path: 'test-results/predict-1280-basic-08.png' });
		const choice = page.locator('[data-testid^=predict-choice-]').first();
		await choice.click();
		const verdict = page.getByTestId('predict-verdict');
		await verdict.waitFor({ timeout: 15000 });
		assert.match(await verdict.textContent(), /(Right|Not this time|The answer)/);
		assert.ok((await num(page, 'sim-cursor')) > asked, 'the batch played');
		assert.deepEqual(errors, []);
		await context.close();
	});

	it('predict in presenter mode is a show-of-hands tally', async () => {
		const context = await browser.newContext({ viewport: VIEWPORTS.projector });
		const page = await openPage(context, PAGE, []);
		await ready(page);
		await page.getByTestId('presenter-enter').click();
		await page.getByTestId('predict-toggle').click();
		await page.getByTestId('sim-speed').selectOption('5');
		await page.keyboard.press(' ');
		await page.getByTestId('predict-question').waitFor({ timeout: 15000 });
		const first = page.locator('[data-testid^=predict-tally-]').first();
		const id = (await first.getAttribute('data-testid')).replace('predict-tally-', '');
		await first.click();
		await first.click();
		assert.equal(await page.getByTestId(`predict-count-${id}`).textContent(), '2');
		await page.screenshot({ path: 'test-results/presenter-predict-1920-basic-08.png' });
		await page.getByTestId('predict-reveal').click();
		await page.getByTestId('predict-verdict').waitFor({ timeout: 15000 });
		assert.match(await page.getByTestId('predict-verdict').textContent(), /The answer/);
		await context.close();
	});

	it('exports the frame as SVG carrying its state (dropping it reopens the frame) and as PNG', async () => {
		const context = await browser.newContext({ viewport: VIEWPORTS.laptop, acceptDownloads: true });
		const errors = [];
		const page = await openPage(context, PAGE, errors);
		await ready(page);
		await page.getByTestId('sim-restart').click();
		for (let i = 0; i < 3; i++) await page.getByTestId('sim-step').click();
		const [svgDownload] = await Promise.all([
			page.waitForEvent('download'),
			page.getByTestId('export-svg').click()
		]);
		assert.match(svgDownload.suggestedFilename(), /^basic-08-late-data-t.*\.svg$/);
		const svg = readFileSync(await svgDownload.path(), 'utf8');
		assert.match(svg, /<metadata id="pyspark-playground-frame">/);
		assert.match(svg, /<circle/);
		const [pngDownload] = await Promise.all([
			page.waitForEvent('download'),
			page.getByTestId('export-png').click()
		]);
		const png = readFileSync(await pngDownload.path());
		assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47]); // "PNG"
		// Elsewhere, then drop the SVG: the frame comes back.
		await page.getByTestId('sim-restart').click();
		assert.equal(await num(page, 'sim-batch-count'), 0);
		const drop = async (text, name) =>
			page.evaluate(
				([t, n]) => {
					const dt = new DataTransfer();
					dt.items.add(new File([t], n, { type: 'image/svg+xml' }));
					window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, cancelable: true }));
				},
				[text, name]
			);
		await drop(svg, 'frame.svg');
		await page.waitForFunction(
			() => document.querySelector('[data-testid=sim-batch-count]')?.textContent === '3'
		);
		// A file that is not an exported frame gets a sentence, not an exception.
		await drop('<svg xmlns="http://www.w3.org/2000/svg"/>', 'other.svg');
		await page.getByText(/carries no frame/).waitFor();
		await drop('not svg at all', 'notes.txt');
		await page.getByText(/not an SVG image/).waitFor();
		assert.deepEqual(errors, []);
		await context.close();
	});

	it('the index marks every question with a live simulation', async () => {
		// The registry's slugs (simulations/registry.ts), read as text: this file runs in plain node.
		const registry = readFileSync(
			new URL('../../simulations/registry.ts', import.meta.url),
			'utf8'
		);
		const live = [...registry.matchAll(/^\t'([a-z0-9-]+)': \{/gm)].length;
		assert.ok(live >= 9, `registry slugs read (${live})`);
		const context = await browser.newContext({ viewport: VIEWPORTS.laptop });
		const page = await openPage(context, '/', []);
		assert.equal(await page.getByTestId('live-badge').count(), live);
		const card = page.locator('[data-testid=question-card]', { hasText: 'basic-08-late-data' });
		assert.equal(await card.getByTestId('live-badge').count(), 1);
		// A page with no simulation yet, while there is one (each session brings more pages live).
		const slugs = new Set([...registry.matchAll(/^\t'([a-z0-9-]+)': \{/gm)].map((m) => m[1]));
		const notLive = ['basic-14-fault-tolerance', 'advanced-12-testing-debugging'].find(
			(s) => !slugs.has(s)
		);
		if (notLive !== undefined) {
			const none = page.locator('[data-testid=question-card]', { hasText: notLive });
			assert.equal(await none.getByTestId('live-badge').count(), 0);
		}
		await context.close();
	});
});
