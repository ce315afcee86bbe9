// The keyed-state pages (basic-07, advanced-08): every preset plays to the end with no console
// error; advanced-08's aha (a session is emitted by a call with hasTimedOut = True, at a trigger
// after its deadline; with NoTimeout nothing times out and the store only grows); basic-07's
// (update mode writes only the users a batch touched, the store keeps one row per user; the
// arbitrary-state preset calls the program's own function per user); the timeout control
// rewrites the program in its three places and an edit of the program moves a control; a mode
// Spark refuses shows Spark's error.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { VIEWPORTS, launch, openPage, settled, stepToEnd, text } from './browser.mjs';

const A08 = '/questions/advanced-08-stateful-transformations';
const B07 = '/questions/basic-07-stateful-operations';
/** The whole program as the page downloads it (Monaco renders only the lines in view). */
async function programText(page) {
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('code-download').click()
	]);
	const chunks = [];
	for await (const c of await download.createReadStream()) chunks.push(c);
	return Buffer.concat(chunks).toString('utf8');
}

/** Restarts, then steps to the end calling `each` at every stop. */
const stepEach = (page, each) => stepToEnd(page, { restart: true, each });

describe('keyed-state pages', () => {
	let browser;
	const errors = [];
	before(async () => {
		browser = await launch();
	});
	after(async () => browser?.close());

	it('advanced-08: a session is emitted by a timed-out call, after its deadline', async () => {
		const context = await browser.newContext({ viewport: VIEWPORTS.laptop, acceptDownloads: true });
		const page = await openPage(context, A08, errors);
		await page.getByTestId('keyed-timeline').waitFor({ timeout: 20000 });
		assert.equal(await text(page, 'timeout-conf'), 'ProcessingTimeTimeout');
		let timedOut = 0;
		await stepEach(page, async () => {
			const n = await page.locator('[data-testid="call"].timedout').count();
			if (n > 0) {
				timedOut += n;
				const call = await page.locator('[data-testid="call"].timedout').first().textContent();
				assert.match(call ?? '', /hasTimedOut = True, no rows/);
				assert.match(call ?? '', /→ removed/);
				assert.match(call ?? '', /emitted/);
			}
		});
		assert.ok(timedOut > 0, 'some session timed out');
		for (const id of ['event-time-timeout', 'no-timeout', 'sessions-with-timeouts']) {
			await page.getByTestId(`preset-${id}`).click();
			await settled(page);
			let fired = 0;
			await stepEach(page, async () => {
				fired += await page.locator('[data-testid="call"].timedout').count();
			});
			if (id === 'no-timeout') {
				assert.equal(fired, 0, 'NoTimeout: never called with hasTimedOut');
				assert.equal(await text(page, 'state-rows'), '20', 'every user stays in state');
			} else assert.ok(fired > 0, `${id}: sessions time out`);
		}
		assert.deepEqual(errors, []);
		await context.close();
	});

	it('advanced-08: the timeout control rewrites the program; an edit moves a control', async () => {
		const context = await browser.newContext({ viewport: VIEWPORTS.laptop, acceptDownloads: true });
		const page = await openPage(context, A08, errors);
		await page.waitForSelector('[data-testid="code-editor"][data-ready="true"]', {
			timeout: 20000
		});
		await page.getByTestId('param-timeoutKind').selectOption('EventTimeTimeout');
		await settled(page);
		const code = await programText(page);
		assert.match(code, /\.withWatermark\("event_time", "10 seconds"\)/);
		assert.match(code, /state\.setTimeoutTimestamp\(/);
		assert.match(code, /GroupStateTimeout\.EventTimeTimeout/);
		assert.equal(await text(page, 'timeout-conf'), 'EventTimeTimeout');
		// The editor follows the code focus (the function): back to the top, where the constant is.
		await page.locator('.monaco-editor .view-lines').first().click();
		await page.keyboard.press('Control+Home');
		const line = page.locator('.monaco-editor .view-line', { hasText: 'SESSION_TIMEOUT_MS = ' });
		await line
			.locator('span span', { hasText: /^10000$/ })
			.first()
			.dblclick();
		await page.keyboard.type('5000');
		await page.waitForFunction(
			() =>
				/** @type {HTMLInputElement | null} */ (
					document.querySelector('[data-testid="param-sessionTimeout"]')
				)?.value === '5000',
			null,
			{ timeout: 5000 }
		);
		assert.deepEqual(errors, []);
		await context.close();
	});

	it('basic-07: built-in state keeps a row per user; update mode writes the touched ones', async () => {
		const context = await browser.newContext({ viewport: VIEWPORTS.laptop, acceptDownloads: true });
		const page = await openPage(context, B07, errors);
		await page.getByTestId('state-table').waitFor({ timeout: 20000 });
		let fewer = 0;
		await stepEach(page, async () => {
			const state = Number(await text(page, 'state-rows'));
			const sent = await page.getByTestId('sink-rows').locator('tbody tr').count();
			assert.ok(sent <= state, 'update mode never writes more rows than the store holds');
			if (sent < state) fewer++;
		});
		assert.ok(fewer > 0, 'some batch wrote fewer rows than the store holds');
		assert.equal(await text(page, 'state-rows'), '8', 'one state row per user');
		await page.getByTestId('preset-complete-mode').click();
		await settled(page);
		await stepEach(page, async () => {
			const state = Number(await text(page, 'state-rows'));
			const sent = await page.getByTestId('sink-rows').locator('tbody tr').count();
			assert.equal(sent, state, 'complete mode writes every row in state');
		});
		await page.getByTestId('preset-arbitrary-state').click();
		await settled(page);
		assert.match(await programText(page), /applyInPandasWithState\(/);
		await stepToEnd(page, { restart: true });
		assert.ok((await page.getByTestId('call').count()) > 0, 'running_total is called per user');
		assert.equal(await text(page, 'state-rows'), '8');
		// Spark refuses complete mode without an aggregation: its error, no run.
		await page.getByTestId('param-outputMode').selectOption('complete');
		await settled(page);
		assert.match(await text(page, 'sim-error'), /Complete output mode not supported/);
		assert.deepEqual(errors, []);
		await context.close();
	});
});
