// basic-15 on the cluster kind: the page opens on every practice applied, with the run's numbers
// (state rows, tasks per batch, longest and largest batch, late batches, latency) on screen;
// every preset plays to the end with no console error and its own number moved; a control
// rewrites its line and an edit in the editor moves the control; Compare puts a practice's
// before and after side by side; a program Spark refuses (append without a watermark) shows
// Spark's error and no animation.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openForSuite, settled } from './browser.mjs';
import { jumpToEnd, playToEnd, programText } from './cluster-play.mjs';

const PAGE = '/questions/basic-15-best-practices';
const RUN_S = 600;

const number = async (page, id, name = 'main') =>
	(
		(await page
			.getByTestId(`cluster-numbers-${name}`)
			.locator(`[data-number="${id}"] dd`)
			.textContent()) ?? ''
	).trim();
const count = (s) => Number(s.replace(/[^\d]/g, ''));

describe('cluster best practices (basic-15)', () => {
	let page;
	const errors = openForSuite(PAGE, { viewport: { width: 1280, height: 900 } }, async (o) => {
		({ page } = o);
		await page.getByTestId('sim-cluster').waitFor();
		await settled(page);
	});

	it('opens with every practice applied and the run’s numbers on screen', async () => {
		assert.ok(await page.getByTestId('cluster-numbers-main').isVisible());
		assert.equal(await number(page, 'tasks'), '4 + 8');
		assert.match(await number(page, 'late'), /^0 of \d+$/);
	});

	// What each preset's story says, read off the numbers at the run's end.
	const ends = {
		'all-after': async () => {
			assert.equal(await number(page, 'state'), '10,000');
			assert.match(await number(page, 'late'), /^0 of 20$/);
		},
		'all-before': async () => {
			assert.equal(await number(page, 'state'), '50,000');
			assert.equal(await number(page, 'tasks'), '4 + 200');
			assert.ok(count((await number(page, 'late')).split(' of ')[0]) > 50);
		},
		'no-watermark': async () => assert.equal(await number(page, 'state'), '50,000'),
		'default-partitions': async () => assert.equal(await number(page, 'tasks'), '4 + 200'),
		'hdfs-store': async () => assert.equal(await number(page, 'state'), '10,000'),
		'unbounded-batches': async () => assert.ok(count(await number(page, 'largest')) > 80_000),
		'short-trigger': async () => assert.match(await number(page, 'latency'), /^[0-4]\.\d s$/)
	};
	for (const [id, check] of Object.entries(ends)) {
		it(`preset ${id} reaches its end and shows its number`, async () => {
			await page.getByTestId(`preset-${id}`).click();
			// The busiest run plays through at 20x; the others jump to the same last frame.
			if (id === 'all-before') await playToEnd(page, RUN_S, 90000);
			else await jumpToEnd(page, RUN_S);
			await check();
		});
	}

	it('a control rewrites its line; an edit in the editor moves the control', async () => {
		await page.getByTestId('preset-all-after').click();
		await settled(page);
		const input = page.getByTestId('param-shufflePartitions');
		await input.fill('16');
		await input.dispatchEvent('change');
		await settled(page);
		assert.match(await programText(page), /"spark\.sql\.shuffle\.partitions", "16"/);
		await page.getByTestId('preset-all-after').click();
		await settled(page);
		const code = await programText(page);
		await replaceProgram(
			code.replace('processingTime="30 seconds"', 'processingTime="10 seconds"')
		);
		await page.waitForFunction(
			() => document.querySelector('[data-testid="param-triggerInterval"]')?.value === '10',
			null,
			{ timeout: 10000 }
		);
		await settled(page);
	});

	it('a program Spark refuses shows Spark’s error and no animation', async () => {
		const code = await programText(page);
		await replaceProgram(
			code
				.split('\n')
				.filter((l) => !l.includes('withWatermark'))
				.join('\n')
		);
		await page.getByTestId('sim-error').waitFor({ timeout: 10000 });
		assert.match(
			(await page.getByTestId('sim-error').textContent()) ?? '',
			/Append output mode not supported when there are streaming aggregations/
		);
		assert.equal(await page.getByTestId('cluster-numbers-main').count(), 0);
		await page.getByTestId('preset-all-after').click();
		await page.getByTestId('sim-error').waitFor({ state: 'detached', timeout: 10000 });
		await settled(page);
	});

	async function replaceProgram(code) {
		await page.evaluate((text) => navigator.clipboard.writeText(text), code);
		await page.locator('.monaco-editor .view-lines').first().click();
		await page.keyboard.press('Control+A');
		await page.keyboard.press('Control+V');
	}

	it('Compare shows a practice’s before and after side by side', async () => {
		await page.getByTestId('preset-all-after').click();
		await settled(page);
		await page.getByTestId('sim-compare').click();
		await page.getByTestId('compare-cluster-B').waitFor({ timeout: 15000 });
		await settled(page);
		assert.ok(await page.getByTestId('compare-cluster-A').isVisible());
		// The default comparison: the watermark off on side B, its state rows growing.
		assert.match(await page.getByTestId('compare-code').textContent(), /outputMode\("update"\)/);
		await jumpToEnd(page, RUN_S);
		assert.equal(await number(page, 'state', 'A'), '10,000');
		assert.equal(await number(page, 'state', 'B'), '50,000');
		await page.getByTestId('sim-compare').click();
	});

	it('logs no console error', () => assert.deepEqual(errors, []));
});
