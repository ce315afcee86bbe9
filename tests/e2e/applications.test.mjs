// advanced-15 (real-world applications): three cases behind a switch (fraud detection and IoT
// analytics on the event-time kind, anomaly detection on keyed state), each with an alert pane
// listing the rows its sink received. The page opens on fraud with alerts already listed; every
// case plays its default and each preset to the end with no console error; the program in the
// editor at every preset passes the PySpark stub check; the aha of each case at seed 1 (retries
// counted twice raise more alerts, a tighter lateness drops more readings, no warm-up floods the
// pane, a timeout removes the quiet sensor); a control rewrites the program and an edit moves it;
// a program Spark refuses shows Spark's error.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VIEWPORTS, launch, openPage, settled, stepToEnd, text } from './browser.mjs';

const PAGE = '/questions/advanced-15-real-world-applications';
const alerts = async (page) =>
	Number(await page.getByTestId('alert-count').locator('strong').first().textContent());

/** The whole program of the tab on screen, as the page downloads it. */
async function programText(page) {
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('code-download').click()
	]);
	const chunks = [];
	for await (const c of await download.createReadStream()) chunks.push(c);
	return Buffer.concat(chunks).toString('utf8');
}

/** Replaces the whole program in the editor (Monaco renders only the lines in view). */
async function paste(page, code) {
	await page.waitForSelector('[data-testid="code-editor"][data-ready="true"]', { timeout: 20000 });
	const lines = page.locator('.monaco-editor .view-lines').first();
	await page.evaluate((t) => navigator.clipboard.writeText(t), code);
	await lines.click();
	await page.keyboard.press('Control+A');
	await page.keyboard.press('Control+V');
}

const CASES = {
	main: ['fraud', 'no-dedup', 'tumbling-misses'],
	iot: ['iot', 'tight-lateness', 'low-threshold'],
	anomaly: ['anomaly', 'no-warmup', 'idle-timeout']
};

describe('advanced-15 real-world applications', () => {
	let browser;
	let context;
	let page;
	const errors = [];
	const programs = [];
	before(async () => {
		browser = await launch();
		context = await browser.newContext({ viewport: VIEWPORTS.laptop, acceptDownloads: true });
		await context.grantPermissions(['clipboard-read', 'clipboard-write']);
		page = await openPage(context, PAGE, errors);
		await page.getByTestId('alert-pane').waitFor({ timeout: 20000 });
	});
	after(async () => browser?.close());

	it('opens on fraud detection with alerts the sink received already listed', async () => {
		assert.equal(await page.getByTestId('api-main').getAttribute('aria-checked'), 'true');
		assert.equal(await page.getByTestId('api-toggle').locator('button').count(), 3);
		assert.ok((await alerts(page)) > 0, 'alerts at the opening stop');
		const row = (await page.getByTestId('alert-row').first().textContent()) ?? '';
		assert.match(row, /card-\d\d/);
		assert.match(await text(page, 'sim-description'), /\S/);
	});

	it('plays every case and preset to the end with its story, each program passing the stubs', async () => {
		const total = {};
		for (const [tab, presets] of Object.entries(CASES)) {
			await page.getByTestId(`api-${tab}`).click();
			await settled(page);
			await page.getByTestId('alert-pane').waitFor({ timeout: 20000 });
			for (const id of presets) {
				await page.getByTestId(`preset-${id}`).click();
				await settled(page);
				// From the start, step by step to the end; anomaly reads what each stop removed (one
				// round trip a step), the others only the end (the steps run inside the page).
				let removed = '';
				await stepToEnd(page, {
					restart: true,
					each:
						tab === 'anomaly'
							? async () => {
									if ((await page.getByTestId('state-removed').count()) > 0)
										removed += await text(page, 'state-removed');
								}
							: undefined
				});
				total[id] = {
					alerts: await alerts(page),
					dropped: tab === 'iot' ? Number(await text(page, 'sim-dropped')) : 0,
					removed
				};
				programs.push({ name: `${tab}-${id}`, code: await programText(page) });
			}
		}
		assert.ok(total.fraud.alerts > 0);
		assert.ok(total['no-dedup'].alerts > total.fraud.alerts, 'retries counted twice alert more');
		assert.ok(total['tumbling-misses'].alerts < total.fraud.alerts, 'one window per payment');
		assert.ok(total.iot.alerts > 0 && total.iot.dropped > 0);
		assert.ok(total['tight-lateness'].dropped > total.iot.dropped, 'tighter lateness drops more');
		assert.ok(total['low-threshold'].alerts > total.iot.alerts);
		assert.ok(total.anomaly.alerts > 0 && total.anomaly.removed === '');
		assert.ok(total['no-warmup'].alerts > total.anomaly.alerts, 'no warm-up: false alarms');
		assert.match(total['idle-timeout'].removed, /pump-4/);
		assert.deepEqual(errors, []);
	});

	it('the program at every preset passes the PySpark stub check', () => {
		assert.equal(programs.length, 9);
		const dir = mkdtempSync(join(tmpdir(), 'advanced-15-'));
		try {
			for (const p of programs) writeFileSync(join(dir, `${p.name}.py`), p.code);
			const r = spawnSync('bash', ['tools/pyspark-stubs/check.sh', dir], { encoding: 'utf8' });
			assert.equal(r.stdout.trim().split('\n').at(-1), '9 passed, 0 failed', r.stdout + r.stderr);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('a control rewrites the program; an edit of the program moves the control', async () => {
		await page.getByTestId('api-main').click();
		await settled(page);
		await page.getByTestId('preset-fraud').click();
		await settled(page);
		await page.getByTestId('param-dedup').selectOption('off');
		await settled(page);
		assert.doesNotMatch(await programText(page), /dropDuplicatesWithinWatermark/);
		await page.getByTestId('param-dedup').selectOption('on');
		await settled(page);
		const code = await programText(page);
		assert.match(code, /dropDuplicatesWithinWatermark\(\["txn_id"\]\)/);
		await paste(page, code.replace('MAX_TXN_PER_WINDOW = 5', 'MAX_TXN_PER_WINDOW = 9'));
		await page.waitForFunction(
			() =>
				/** @type {HTMLInputElement | null} */ (
					document.querySelector('[data-testid="param-maxTxnPerWindow"]')
				)?.value === '9',
			null,
			{ timeout: 10000 }
		);
		await settled(page);
		assert.deepEqual(errors, []);
	});

	it('a program Spark refuses shows its error and no animation', async () => {
		await page.getByTestId('api-anomaly').click();
		await settled(page);
		const code = await programText(page);
		await paste(page, code.replace('outputMode="append"', 'outputMode="complete"'));
		await page.getByTestId('sim-error').waitFor({ timeout: 15000 });
		assert.match(
			await text(page, 'sim-error'),
			/Line \d+:[\s\S]*(Append|append)[\s\S]*(Update|update)/
		);
		assert.equal(await page.getByTestId('alert-pane').count(), 0, 'no run on screen');
		assert.deepEqual(errors, []);
	});
});
