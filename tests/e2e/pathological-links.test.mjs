// Shared links whose programs once froze or crashed a tab (issue 10): each opens with the page
// answering input within 100 ms while the engine works in its worker, and ends with a clear,
// located message (Spark's or PySpark's own, or the run budget's naming the limit and the value)
// instead of a freeze, a crash or a JavaScript error text.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, openPage } from './browser.mjs';

const INTERNAL = /RangeError|Maximum call stack|Invalid time value|undefined|is not a function/;

/** The page's program as prerendered (the main tab's fallback text, before the editor loads). */
async function pageProgram(path) {
	const html = await (await fetch(BASE + path)).text();
	const m = /data-testid="code-pre">([\s\S]*?)<\/pre>/.exec(html);
	assert.ok(m, `${path} prerenders its program`);
	return m[1]
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&');
}

/** A link carrying `code` as the page's program (program-url.ts: UTF-8 as base64url). */
const linkTo = (path, code) => `${path}?code=${Buffer.from(code, 'utf8').toString('base64url')}`;

/** Clicks a button for real and returns how long the page took to start handling the input
 *  (handler time minus the event's creation time, measured in the page). */
async function inputDelay(page, selector) {
	await page.evaluate((sel) => {
		const w = /** @type {any} */ (window);
		w.__delay = null;
		document.querySelector(sel)?.addEventListener(
			'pointerdown',
			(e) => {
				w.__delay = performance.now() - e.timeStamp;
			},
			{ capture: true, once: true }
		);
	}, selector);
	await page.click(selector, { timeout: 5000 });
	return page.evaluate(() => /** @type {any} */ (window).__delay);
}

/** The page's own start-up (hydration, the editor) is not the engine's to answer for. */
const settle = (page) =>
	page.waitForSelector('[data-testid="code-editor"][data-ready="true"]', { timeout: 30000 });

const W = 'F.window("event_time", "10 seconds")';
const B08 = '/questions/basic-08-late-data';
const B03 = '/questions/basic-03-dstreams';
const CASES = [
	{
		name: 'basic-08: a 1-hour window sliding every millisecond',
		path: B08,
		edit: (c) => c.replace(W, 'F.window("event_time", "1 hour", "1 millisecond")'),
		message: 'this window puts each row in 3,600,000 windows',
		testid: 'sim-error'
	},
	{
		name: 'basic-08: a 10-minute window sliding every 10 milliseconds',
		path: B08,
		edit: (c) => c.replace(W, 'F.window("event_time", "10 minutes", "10 milliseconds")'),
		message: 'this window puts each row in 60,000 windows',
		testid: 'sim-error'
	},
	{
		name: 'basic-08: CAST(9e15 AS TIMESTAMP) overflows as Spark says',
		path: B08,
		edit: (c) =>
			c.replace(
				'.select("e.*")',
				'.select("e.*").withColumn("event_time", F.expr("CAST(9e15 AS TIMESTAMP)"))'
			),
		message: '[CAST_OVERFLOW] The value 9.0E21D of the type "DOUBLE" cannot be cast to "BIGINT"',
		testid: 'sim-error'
	},
	{
		name: 'basic-03: a per-word function summing range(999999)',
		path: B03,
		edit: (c) =>
			c.replace('.map(lambda word: (word, 1))', '.map(lambda word: (word, sum(range(999999))))'),
		message: "this run's Python took more than 5,000,000 steps",
		testid: 'sim-error'
	},
	{
		name: 'basic-03: countByWindow(1.5, -1) meets PySpark’s own check at the call',
		path: B03,
		edit: (c) => c.replace('per_batch = ', 'lines.countByWindow(1.5, -1).pprint()\nper_batch = '),
		message: 'ValueError: windowDuration must be multiple of the parent dstream',
		testid: 'sim-error'
	}
];

describe('pathological links leave the page responsive with a clear message', () => {
	let browser;
	let context;
	before(async () => {
		browser = await launch();
		context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	});
	after(async () => browser?.close());

	for (const c of CASES) {
		it(c.name, async () => {
			const errors = [];
			const code = c.edit(await pageProgram(c.path));
			assert.notEqual(code, await pageProgram(c.path), 'the edit applies to the page program');
			const page = await openPage(context, linkTo(c.path, code), errors);
			await settle(page);
			const delay = await inputDelay(page, '[data-testid="code-copy"]');
			assert.ok(delay !== null && delay < 100, `input answered in ${delay} ms`);
			const alert = page.getByTestId(c.testid);
			await alert.waitFor({ timeout: 30000 });
			const text = (await alert.textContent()) ?? '';
			assert.ok(text.includes(c.message), `shows “${c.message}”: ${text}`);
			assert.match(text, /^\s*Line \d+:/);
			assert.doesNotMatch(text, INTERNAL);
			assert.ok((await inputDelay(page, '[data-testid="code-copy"]')) < 100);
			assert.deepEqual(errors, []);
			await page.close();
		});
	}

	it('basic-08: event times past the year 275760 run (Spark’s range, not Date’s)', async () => {
		const errors = [];
		const code = (await pageProgram(B08)).replace(
			'.select("e.*")',
			'.select("e.*").withColumn("event_time", F.expr("event_time + INTERVAL 100100000 DAYS"))'
		);
		const page = await openPage(context, linkTo(B08, code), errors);
		await page.waitForFunction(
			() =>
				/Batch \d+/.test(
					document.querySelector('[data-testid="sim-description"]')?.textContent ?? ''
				),
			null,
			{ timeout: 30000 }
		);
		await settle(page);
		assert.equal(await page.getByTestId('sim-error').count(), 0);
		const described = (await page.getByTestId('sim-description').textContent()) ?? '';
		assert.doesNotMatch(described, INTERNAL);
		assert.ok((await inputDelay(page, '[data-testid="code-copy"]')) < 100);
		assert.deepEqual(errors, []);
		await page.close();
	});

	it('basic-08: a window in 1,000 slides (the most a row may fall in) works in the worker while the page answers', async () => {
		const errors = [];
		const code = (await pageProgram(B08)).replace(
			W,
			'F.window("event_time", "10 seconds", "10 milliseconds")'
		);
		const page = await openPage(context, B08, errors);
		await settle(page);
		// The same program as a link opened in this tab: the run takes seconds in the worker.
		await page.goto(BASE + linkTo(B08, code), { waitUntil: 'load' });
		await settle(page);
		const running = await page.getByTestId('sim-running').count();
		const delay = await inputDelay(page, '[data-testid="code-copy"]');
		assert.ok(delay !== null && delay < 100, `input answered in ${delay} ms (running: ${running})`);
		await page.waitForFunction(
			() =>
				/Batch \d+/.test(
					document.querySelector('[data-testid="sim-description"]')?.textContent ?? ''
				),
			null,
			{ timeout: 60000 }
		);
		assert.equal(await page.getByTestId('sim-error').count(), 0);
		assert.deepEqual(errors, []);
		await page.close();
	});

	it('basic-08: 10,000 nested parentheses (too long for a link) typed in the editor: Python’s own message', async () => {
		const errors = [];
		await context.grantPermissions(['clipboard-read', 'clipboard-write']);
		const code = (await pageProgram(B08)).replace(
			'counts = (',
			`x = ${'('.repeat(10_000)}1${')'.repeat(10_000)}\ncounts = (`
		);
		const page = await openPage(context, B08, errors);
		await settle(page);
		await page.evaluate((t) => navigator.clipboard.writeText(t), code);
		await page.locator('.monaco-editor .view-lines').first().click();
		await page.keyboard.press('Control+A');
		await page.keyboard.press('Control+V');
		const alert = page.getByTestId('sim-error');
		await alert.waitFor({ timeout: 30000 });
		const text = (await alert.textContent()) ?? '';
		assert.match(text, /Line \d+: SyntaxError: too many nested parentheses/);
		assert.doesNotMatch(text, INTERNAL);
		assert.ok((await inputDelay(page, '[data-testid="code-copy"]')) < 100);
		assert.deepEqual(errors, []);
		await page.close();
	});
});
