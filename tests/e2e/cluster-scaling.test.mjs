// advanced-06 on the cluster kind: the Structured side opens with the executors chart and the
// Spark UI's statistics; each preset of both sides (core dynamic allocation, DStreams' ratio
// rule) plays to the end with no console error; a control rewrites its span of the program.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { editorShows, editorText, openForSuite } from './browser.mjs';
import { jumpToEnd, playToEnd } from './cluster-play.mjs';

const PAGE = '/questions/advanced-06-dynamic-scaling';

describe('cluster scaling (advanced-06)', () => {
	let page;
	const errors = openForSuite(PAGE, { viewport: { width: 1280, height: 900 } }, async (o) => {
		({ page } = o);
		await page.getByTestId('sim-cluster').waitFor();
		await page.waitForSelector('[data-testid="sim-share"]:not([disabled])', { timeout: 15000 });
	});

	it('opens on core dynamic allocation with the executors chart', async () => {
		assert.equal(await page.getByTestId('api-structured').getAttribute('aria-checked'), 'true');
		assert.ok(await page.locator('[data-chart="executors"]').isVisible());
		assert.ok(await page.getByTestId('cluster-last-progress').isVisible());
	});

	it('a control rewrites its span of the program', async () => {
		const input = page.getByTestId('param-maxExecutors');
		await input.fill('12');
		await input.dispatchEvent('change');
		await editorShows(page, /maxExecutors", "12"/);
		assert.match(await editorText(page), /maxExecutors", "12"/);
	});

	for (const id of ['spike-scaling', 'capped-by-partitions', 'with-rate-cap', 'slow-start']) {
		it(`preset ${id} reaches its end`, async () => {
			await page.getByTestId(`preset-${id}`).click();
			// One run plays through at 20x; the others jump to the same last frame.
			if (id === 'spike-scaling') await playToEnd(page, 300);
			else await jumpToEnd(page, 300);
			assert.ok(await page.locator('[data-chart="executors"]').isVisible());
		});
	}

	it('the DStream side: the ratio rule against its 0.9 and 0.3 lines', async () => {
		await page.getByTestId('api-dstream').click();
		await page.locator('[data-chart="ratio"]').waitFor({ timeout: 10000 });
		for (const id of ['dstream-ratio', 'dstream-big-spike']) {
			await page.getByTestId(`preset-${id}`).click();
			if (id === 'dstream-ratio') await playToEnd(page, 300);
			else await jumpToEnd(page, 300);
		}
	});

	it('logs no console error', () => assert.deepEqual(errors, []));
});
