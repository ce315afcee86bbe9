// "Compare" on an event-time page: the same input under two settings, side by side at one
// playback cursor, with the sink rows that differ listed. On basic-08, append vs update: update
// re-emits every window a batch changed, append only once the watermark closes it, so the diff
// lists rows only the update sink received.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { drawn, launch, openIn, settled } from './browser.mjs';

const text = async (loc) => ((await loc.textContent()) ?? '').replace(/\s+/g, ' ').trim();

describe('compare mode (basic-08)', () => {
	let browser;
	let page;
	const errors = [];
	before(async () => {
		browser = await launch();
		({ page } = await openIn(browser, '/questions/basic-08-late-data', {
			errors,
			viewport: { width: 1280, height: 900 }
		}));
		const ready = '[data-testid="code-editor"][data-ready="true"]';
		await page.waitForSelector(ready, { timeout: 15000 });
	});
	after(async () => browser?.close());

	it('opens two sides, append vs update by default, each drawn by the views', async () => {
		await page.getByTestId('sim-compare').click();
		const a = page.getByTestId('compare-side-A');
		const b = page.getByTestId('compare-side-B');
		await b.waitFor({ timeout: 5000 });
		assert.match(await text(a.locator('h3').first()), /output mode = append/);
		assert.match(await text(b.locator('h3').first()), /output mode = update/);
		for (const side of [a, b]) {
			for (const id of ['view-event-time', 'view-windows', 'view-result']) {
				assert.ok(await side.getByTestId(id).isVisible(), id);
			}
		}
		assert.match(await text(b.getByTestId('view-result')), /update: only the rows that changed/);
		assert.match(await text(page.getByTestId('compare-code')), /outputMode\("update"\)/);
	});

	it('lists the sink rows only the update side received', async () => {
		const diff = page.getByTestId('compare-diff');
		assert.ok(await diff.isVisible());
		const onlyB = Number(await text(page.getByTestId('compare-only-b')));
		assert.ok(onlyB > 0, `rows only in B: ${onlyB}`);
		const rows = diff.getByTestId('compare-only-b-row');
		assert.equal(await rows.count(), onlyB);
		const row = /window=\[\d+ s, \d+ s\) · device=d-\d · count=\d+/;
		assert.match(await text(rows.first()), row);
	});

	it('one cursor drives both sides: a step moves both sinks to the same batch', async () => {
		const sinkOf = (name) =>
			text(page.getByTestId(`compare-side-${name}`).getByTestId('view-result').locator('h3'));
		const before = await sinkOf('A');
		const compared = await text(page.getByTestId('compare-summary'));
		await page.getByTestId('sim-step').click();
		await drawn(page);
		const [a, b] = [await sinkOf('A'), await sinkOf('B')];
		assert.notEqual(a, before, 'the cursor moved');
		assert.equal(a, b, 'both sinks show the same batch');
		const now = await text(page.getByTestId('compare-summary'));
		assert.notEqual(now, compared, 'the diff follows the cursor');
	});

	it('another setting: the watermark delay, B rewrites only its span', async () => {
		await page.getByTestId('compare-param').selectOption('watermarkDelay');
		const value = page.getByTestId('compare-value');
		await value.fill('20');
		await value.dispatchEvent('change');
		// B's program is rewritten with the change, then its run lands.
		await page
			.waitForFunction(
				() =>
					document
						.querySelector('[data-testid="compare-code"]')
						?.textContent?.includes('"20 seconds"'),
				null,
				{ timeout: 10000 }
			)
			.catch(() => {});
		await settled(page);
		const code = await text(page.getByTestId('compare-code'));
		assert.match(code, /withWatermark\("event_time", "20 seconds"\)/);
		assert.match(code, /outputMode\("append"\)/);
		const heading = page.getByTestId('compare-side-B').locator('h3').first();
		assert.match(await text(heading), /watermark delay = 20 s/);
	});

	it('closes back to the single view, with no console errors', async () => {
		await page.getByTestId('sim-compare').click();
		assert.equal(await page.getByTestId('compare-side-B').count(), 0);
		assert.equal(await page.getByTestId('view-event-time').count(), 1);
		assert.deepEqual(errors, []);
	});
});
