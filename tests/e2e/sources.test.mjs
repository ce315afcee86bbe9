// basic-04 (sources): the same query over each source. The page opens on the file source with
// its files and offset log drawn; every preset plays to the end with no console error; the aha:
// after the crash the socket has lost lines (counted on screen) while Kafka and
// rate-micro-batch read the re-run batch's same rows again; the source control rewrites the
// program's events block and an edit in the editor moves the control; a format the page does
// not simulate shows a located message and no run. Screenshots go to test-results/.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
	EDITOR_READY,
	VIEWPORTS,
	launch,
	openIn,
	openPage,
	settled,
	stepToEnd,
	text
} from './browser.mjs';

const PAGE = '/questions/basic-04-sources';

/** The offset log's rows as [batch, offsets, rows, commit]. */
const logRows = (page) =>
	page
		.locator('[data-testid="source-offset-log"] tbody tr')
		.evaluateAll((rows) =>
			rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent.trim()))
		);

async function copyCode(page) {
	await page.locator('.monaco-editor .view-lines').first().click();
	await page.keyboard.press('Control+A');
	await page.keyboard.press('Control+C');
	return page.evaluate(() => navigator.clipboard.readText());
}

async function pasteCode(page, code) {
	await page.evaluate((t) => navigator.clipboard.writeText(t), code);
	await page.locator('.monaco-editor .view-lines').first().click();
	await page.keyboard.press('Control+A');
	await page.keyboard.press('Control+V');
}

describe('basic-04 sources page', () => {
	let browser;
	const errors = [];
	before(async () => {
		browser = await launch();
	});
	after(async () => browser?.close());

	it('plays the default and every preset; the socket loses lines the others replay', async () => {
		const { context, page } = await openIn(browser, PAGE, {
			errors,
			ready: '[data-testid="source-picture"]'
		});
		// The idea on the first frame: files landed, the batches that took them, offsets/N per batch.
		assert.ok((await page.locator('[data-testid="source-unit"][data-state="read"]').count()) > 0);
		assert.match((await logRows(page))[0][1], /^logOffset 0: part-00000\.json, part-00001\.json$/);
		await page.screenshot({ path: 'test-results/sources-1280-basic-04.png' });
		await stepToEnd(page);
		assert.equal(await page.getByTestId('lost-lines').count(), 0);

		await page.getByTestId('preset-socket-crash').click();
		await settled(page);
		await page.waitForSelector('[data-testid="source-picture"]', { timeout: 20000 });
		await stepToEnd(page);
		const lost = Number((await text(page, 'lost-lines')).split(' ')[0]);
		assert.ok(lost > 0, `socket lines lost: ${lost}`);
		assert.equal(
			await page.locator('[data-testid="source-unit"][data-state="lost"]').count(),
			lost
		);
		const socketLog = await logRows(page);
		assert.ok(
			socketLog.some((r) => r[0] === '4 (again)' && r[2] === '0'),
			'the re-run read nothing'
		);
		await page
			.getByTestId('source-picture')
			.screenshot({ path: 'test-results/sources-socket-picture-1280-basic-04.png' });

		for (const id of ['kafka-partitions', 'rate-micro-batch-deterministic']) {
			await page.getByTestId(`preset-${id}`).click();
			await settled(page);
			await page.waitForSelector('[data-testid="source-picture"]', { timeout: 20000 });
			await stepToEnd(page);
			assert.equal(await page.getByTestId('lost-lines').count(), 0, `${id}: nothing lost`);
			const log = await logRows(page);
			const again = log.find((r) => r[0].endsWith('(again)'));
			assert.ok(again, `${id}: a batch ran again`);
			const first = log.find((r) => r[0] === again[0].replace(' (again)', ''));
			// Still on screen (the log shows the last 8 batches) or not, the re-run read its offsets' rows.
			if (first) assert.deepEqual([first[1], first[2]], [again[1], again[2]]);
			assert.ok(Number(again[2]) > 0, `${id}: the re-run read rows`);
		}
		await page
			.getByTestId('source-picture')
			.screenshot({ path: 'test-results/sources-rmb-picture-1280-basic-04.png' });
		assert.deepEqual(errors, []);
		await context.close();
	});

	it('the source control rewrites the events block; the editor moves the control; an unknown format is refused', async () => {
		const { context, page } = await openIn(browser, PAGE, {
			errors,
			clipboard: true,
			ready: EDITOR_READY
		});
		await page.getByTestId('param-sourceKind').selectOption('kafka');
		await settled(page);
		const code = await copyCode(page);
		assert.match(code, /\.format\("kafka"\)/);
		assert.match(code, /\.option\("subscribe", "sensor-events"\)/);
		assert.doesNotMatch(code, /maxFilesPerTrigger/);
		await page.waitForSelector('[data-testid="kafka-log"]', { timeout: 20000 });
		// The reader writes the socket source in the editor: the control follows.
		const socket = code
			.replace('.format("kafka")', '.format("socket")')
			.replace(
				'.option("kafka.bootstrap.servers", "localhost:9092")',
				'.option("host", "localhost")'
			)
			.replace('.option("subscribe", "sensor-events")', '.option("port", 9999)')
			.replace(/\n\s*\.option\("startingOffsets", "latest"\)[^\n]*/, '')
			.replace('F.col("value").cast("string")', 'F.col("value")');
		await pasteCode(page, socket);
		await page.waitForFunction(
			() => document.querySelector('[data-testid="param-sourceKind"]')?.value === 'socket',
			null,
			{ timeout: 10000 }
		);
		await page.waitForFunction(
			() =>
				/not replayable/.test(
					document.querySelector('[data-testid="source-facts"]')?.textContent ?? ''
				),
			null,
			{ timeout: 15000 }
		);
		await pasteCode(page, socket.replace('.format("socket")', '.format("delta")'));
		await page.getByTestId('sim-error').waitFor({ timeout: 10000 });
		assert.match(await text(page, 'sim-error'), /source format `delta` is not supported/);
		assert.equal(await page.getByTestId('source-picture').count(), 0, 'no run under the error');
		assert.deepEqual(errors, []);
		await context.close();
	});

	it('screenshots at 1920x1080, in presenter mode and at 390x844', async () => {
		for (const [name, viewport] of [
			['1920', VIEWPORTS.projector],
			['390', VIEWPORTS.phone]
		]) {
			const context = await browser.newContext({ viewport });
			const page = await openPage(context, `${PAGE}?preset=socket-crash`, errors);
			await page.waitForSelector('[data-testid="source-picture"]', { timeout: 20000 });
			await page.screenshot({ path: `test-results/sources-${name}-basic-04.png` });
			if (name === '1920') {
				await page.locator('body').click({ position: { x: 5, y: 5 } });
				await page.keyboard.press('p');
				await page.getByTestId('presenter-bar').waitFor();
				await page.screenshot({ path: 'test-results/sources-presenter-1920-basic-04.png' });
			}
			await context.close();
		}
		assert.deepEqual(errors, []);
	});
});
