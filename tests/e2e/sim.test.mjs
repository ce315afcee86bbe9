// The micro-batch simulation plays, pauses, steps one batch at a time, changes speed, restarts,
// a parameter change rewrites the program beside it, and the scrubber's markers seek to what
// they name while the code behind it is highlighted.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { editorShows, launch, openIn } from './browser.mjs';

const num = async (page, id) => parseFloat((await page.getByTestId(id).textContent()) ?? 'NaN');

describe('micro-batch simulation (basic-11)', () => {
	let browser;
	let page;
	const errors = [];
	before(async () => {
		browser = await launch();
		({ page } = await openIn(browser, '/questions/basic-11-micro-batches', {
			errors,
			viewport: { width: 1280, height: 800 }
		}));
		await page.getByTestId('sim-play').waitFor();
	});
	after(async () => browser?.close());

	it('plays: the cursor moves forward', async () => {
		const t0 = await num(page, 'sim-cursor');
		if ((await page.getByTestId('sim-play').getAttribute('aria-pressed')) !== 'true')
			await page.getByTestId('sim-play').click();
		await page.waitForTimeout(1200);
		const t1 = await num(page, 'sim-cursor');
		assert.ok(t1 > t0, `cursor moved from ${t0} to ${t1}`);
	});

	it('pauses: the cursor stays put', async () => {
		await page.getByTestId('sim-play').click();
		assert.equal(await page.getByTestId('sim-play').getAttribute('aria-pressed'), 'false');
		const t0 = await num(page, 'sim-cursor');
		await page.waitForTimeout(600);
		assert.equal(await num(page, 'sim-cursor'), t0);
	});

	it('steps one batch at a time', async () => {
		const b0 = await num(page, 'sim-batch-count');
		await page.getByTestId('sim-step').click();
		const b1 = await num(page, 'sim-batch-count');
		assert.equal(b1, b0 + 1);
		await page.getByTestId('sim-step').click();
		assert.equal(await num(page, 'sim-batch-count'), b0 + 2);
	});

	it('the keyboard steps forward and back (→ and ←)', async () => {
		await page.locator('body').click({ position: { x: 5, y: 5 } });
		const b0 = await num(page, 'sim-batch-count');
		await page.keyboard.press('ArrowRight');
		assert.equal(await num(page, 'sim-batch-count'), b0 + 1);
		await page.keyboard.press('ArrowLeft');
		assert.equal(await num(page, 'sim-batch-count'), b0);
	});

	it('restarts from the beginning', async () => {
		await page.getByTestId('sim-restart').click();
		assert.equal(await num(page, 'sim-batch-count'), 0);
		assert.equal(await num(page, 'sim-cursor'), 0);
	});

	it('a faster speed moves the cursor further in the same wall time', async () => {
		const speed = page.getByTestId('sim-speed');
		const tag = await speed.evaluate((el) => el.tagName);
		if (tag === 'SELECT') await speed.selectOption('20');
		else await speed.fill('20');
		await page.getByTestId('sim-play').click();
		await page.waitForTimeout(1000);
		await page.getByTestId('sim-play').click();
		assert.ok(
			(await num(page, 'sim-cursor')) > 5,
			'at 20x, one second of wall time is many seconds'
		);
	});

	it('changing the trigger interval rewrites the program', async () => {
		const input = page.getByTestId('param-triggerInterval');
		await input.fill('5');
		await input.dispatchEvent('change');
		await editorShows(page, /processingTime="5 seconds"/);
		const code = (await page.getByTestId('code-editor').textContent()) ?? '';
		assert.match(code.replace(/\u00a0/g, ' '), /processingTime="5 seconds"/);
	});

	it('the scrubber has SIM-1 markers; a commit marker seeks there and the sink’s outputMode line lights up', async () => {
		await page.waitForSelector('[data-testid="code-editor"][data-ready="true"]', {
			timeout: 15000
		});
		for (const kind of ['trigger', 'offsets', 'emitted', 'commit']) {
			assert.ok((await page.getByTestId(`scrub-marker-${kind}`).count()) > 0, kind);
		}
		await page.getByTestId('scrub-marker-commit').nth(2).click();
		assert.match((await page.getByTestId('scrub-tip').textContent()) ?? '', /commits\/2 written/);
		await page
			.locator('.monaco-editor .sim-code-focus-outputMode')
			.first()
			.waitFor({ timeout: 5000 });
		await page.getByTestId('scrub-marker-trigger').nth(3).click();
		await page.locator('.monaco-editor .sim-code-focus-trigger').first().waitFor({ timeout: 5000 });
	});

	it('logs no console error', () => assert.deepEqual(errors, []));
});
