// Presets and controls that never lie (issue 11), on the built site: presets picked in sequence
// give the last preset's program and rows (the pairs the issue names), a program Spark refuses
// shows its error and no run (nothing plays), and Reset returns the page and its address to the
// defaults. Every ordered pair on every page is covered by tests/unit/sim/preset-pairs.test.ts.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { VIEWPORTS, launch, openPage, stepToEnd } from './browser.mjs';

const text = async (page, id) => ((await page.getByTestId(id).textContent()) ?? '').trim();

async function open(context, path, errors) {
	const page = await openPage(context, path, errors);
	await page.waitForSelector('[data-testid="sim-share"]:not([disabled])', { timeout: 15000 });
	await page.waitForSelector('[data-testid="code-editor"][data-ready="true"]', { timeout: 15000 });
	return page;
}

/** The whole program, copied out of the editor (the DOM holds only the visible lines). */
async function fullProgram(page) {
	await page.locator('.monaco-editor .view-lines').first().click();
	await page.keyboard.press('Control+A');
	await page.keyboard.press('Control+C');
	return page.evaluate(() => navigator.clipboard.readText());
}

async function replaceProgram(page, code) {
	await page.evaluate((t) => navigator.clipboard.writeText(t), code);
	await page.locator('.monaco-editor .view-lines').first().click();
	await page.keyboard.press('Control+A');
	await page.keyboard.press('Control+V');
}

const sinkRows = async (page) =>
	page
		.getByTestId('view-result')
		.locator('tbody tr')
		.evaluateAll((trs) =>
			trs.map((tr) => [...tr.cells].map((c) => c.textContent.trim()).join(' | '))
		);

describe('presets in sequence, refused programs, Reset', () => {
	let browser;
	let context;
	const errors = [];
	before(async () => {
		browser = await launch();
		context = await browser.newContext({ viewport: VIEWPORTS.laptop });
		await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	});
	after(async () => browser?.close());

	it('advanced-07: "No watermark" then each other preset gives that preset’s program, running', async () => {
		const page = await open(context, '/questions/advanced-07-event-time-and-state', errors);
		const fresh = {};
		for (const id of ['state-bounded-by-watermark', 'spread-beyond-delay']) {
			await page.getByTestId(`preset-${id}`).click();
			fresh[id] = await fullProgram(page);
		}
		for (const id of ['state-bounded-by-watermark', 'spread-beyond-delay']) {
			await page.getByTestId('preset-no-watermark').click();
			assert.doesNotMatch(await fullProgram(page), /withWatermark/);
			await page.getByTestId(`preset-${id}`).click();
			const code = await fullProgram(page);
			assert.equal(code, fresh[id], `No watermark then ${id}`);
			assert.match(code, /\.withWatermark\("event_time"/);
			assert.equal(await page.getByTestId('sim-error').count(), 0);
		}
		await page.close();
	});

	it('advanced-14: "No time bound" then "Inner" and "Left semi" are whole programs that run', async () => {
		const page = await open(context, '/questions/advanced-14-joins-aggregations', errors);
		for (const id of ['inner', 'left-semi']) {
			await page.getByTestId(`preset-${id}`).click();
			const fresh = await fullProgram(page);
			await page.getByTestId('preset-no-time-bound').click();
			await page.getByTestId(`preset-${id}`).click();
			assert.equal(await fullProgram(page), fresh, `No time bound then ${id}`);
			assert.equal(await page.getByTestId('sim-error').count(), 0);
		}
		await page.close();
	});

	it('basic-05: "Session windows" then the Spark test gives the test’s rows ([40 s, 51 s) hello 2)', async () => {
		const page = await open(context, '/questions/basic-05-windows', errors);
		await page.getByTestId('preset-session').click();
		await page.getByTestId('preset-spark-sessions').click();
		await stepToEnd(page);
		const rows = await sinkRows(page);
		assert.ok(
			rows.some((r) => /40 s.*51 s.*hello.*\b2\b/.test(r)),
			`the test's hello session: ${rows.join(' / ')}`
		);
		assert.ok(!rows.some((r) => /40 s.*46 s.*hello/.test(r)), 'not the 5 s gap');
		await page.close();
	});

	it('basic-03 "No checkpoint": Spark’s error and no run, nothing plays', async () => {
		const page = await open(context, '/questions/basic-03-dstreams', errors);
		await page.getByTestId('preset-no-checkpoint').click();
		await page.getByTestId('sim-error').waitFor({ timeout: 5000 });
		assert.match(await text(page, 'sim-error'), /checkpoint directory has not been set/);
		await page.getByTestId('sim-play').click();
		await page.waitForTimeout(1500);
		assert.equal(await text(page, 'sim-batch-count'), '0');
		assert.equal(await text(page, 'sim-cursor'), '0.0 s');
		await page.close();
	});

	it('advanced-07 without withWatermark in append mode: the AnalysisException and no run', async () => {
		const page = await open(context, '/questions/advanced-07-event-time-and-state', errors);
		const code = await fullProgram(page);
		await replaceProgram(
			page,
			code
				.split('\n')
				.filter((l) => !l.includes('.withWatermark('))
				.join('\n')
		);
		await page.getByTestId('sim-error').waitFor({ timeout: 5000 });
		assert.match(await text(page, 'sim-error'), /watermark/i);
		await page.getByTestId('view-event-time').waitFor({ state: 'detached', timeout: 5000 });
		assert.equal(await text(page, 'sim-batch-count'), '0');
		await page.close();
	});

	it('Reset: the defaults again, and a bare address', async () => {
		const page = await open(context, '/questions/basic-08-late-data', errors);
		const opening = await fullProgram(page);
		const batches = await text(page, 'sim-batch-count');
		await page.getByTestId('preset-spark-update-mode').click();
		await page.getByTestId('sim-new-seed').click();
		await page.waitForFunction(() => location.search.includes('seed='), null, { timeout: 5000 });
		await page.getByTestId('sim-reset').click();
		assert.equal(await fullProgram(page), opening);
		assert.equal(await text(page, 'sim-batch-count'), batches);
		assert.match(await text(page, 'sim-reset'), /at the defaults/);
		await page.waitForFunction(() => location.search === '', null, { timeout: 5000 });
		await page.close();
	});

	it('logs no console error', () => assert.deepEqual(errors, []));
});
