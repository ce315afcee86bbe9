// basic-12 on the cluster kind: the page opens inside the spike with the signs of trouble on
// screen (Process Rate below Input Rate, Batch Duration past the trigger), the Spark UI twin, the
// lastProgress of the batch under the cursor and the program's listener output (onQueryStarted
// first, synchronously); every preset of both sides plays to the end with no console error; a
// control rewrites its span and an edit in the editor moves the control.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openForSuite, settled } from './browser.mjs';
import { jumpToEnd, playToEnd, programText } from './cluster-play.mjs';

const PAGE = '/questions/basic-12-monitoring';

describe('cluster monitoring (basic-12)', () => {
	let page;
	const errors = openForSuite(PAGE, { viewport: { width: 1280, height: 900 } }, async (o) => {
		({ page } = o);
		await page.getByTestId('sim-cluster').waitFor();
		await settled(page);
	});

	it('opens inside the spike with the signs of trouble, the twin, lastProgress and the listener', async () => {
		const trouble = (await page.getByTestId('cluster-trouble').textContent()) ?? '';
		assert.match(trouble, /Process Rate below Input Rate for 3 batches/);
		assert.match(trouble, /longer than the 5\.0 s trigger/);
		assert.ok(await page.getByTestId('cluster-spark-ui').isVisible());
		assert.match(
			(await page.getByTestId('cluster-last-progress').textContent()) ?? '',
			/"name": "per_device_minute"/
		);
		const first = page.getByTestId('cluster-listener').locator('li').first();
		await page.getByTestId('sim-restart').click();
		await settled(page);
		assert.match(
			(await first.textContent()) ?? '',
			/onQueryStarted \(synchronous[\s\S]*started id=/
		);
	});

	it('a control rewrites its span; a preset puts it back', async () => {
		const input = page.getByTestId('param-triggerInterval');
		await input.fill('10');
		await input.dispatchEvent('change');
		await settled(page);
		assert.match(await programText(page), /processingTime="10 seconds"/);
		await page.getByTestId('preset-dashboard').click();
		await settled(page);
		assert.match(await programText(page), /processingTime="5 seconds"/);
	});

	for (const id of ['dashboard', 'spike-recovers', 'spike-never-recovers']) {
		it(`preset ${id} reaches its end`, async () => {
			await page.getByTestId(`preset-${id}`).click();
			// One run plays through at 20x; the others jump to the same last frame.
			if (id === 'dashboard') await playToEnd(page, 240);
			else await jumpToEnd(page, 240);
			const lines = await page.getByTestId('cluster-listener').locator('li').allTextContents();
			const healthy = await page.getByTestId('cluster-healthy').count();
			if (id === 'spike-never-recovers') {
				// Still inside a batch that started long ago: no terminated event yet.
				assert.match(lines.at(-1) ?? '', /onQueryProgress[\s\S]*processed\/s=/);
				assert.match(
					(await page.getByTestId('cluster-trouble').textContent()) ?? '',
					/longer than the 5\.0 s trigger/
				);
			} else {
				assert.match(lines.at(-1) ?? '', /onQueryTerminated[\s\S]*terminated id=/);
				assert.equal(healthy, 1, `${id} ends healthy`);
			}
		});
	}

	it('the DStream side: its StreamingListener prints the delays', async () => {
		await page.getByTestId('api-dstream').click();
		await page.getByTestId('cluster-listener').waitFor({ timeout: 10000 });
		for (const id of ['dstream-listener', 'dstream-no-spike']) {
			await page.getByTestId(`preset-${id}`).click();
			if (id === 'dstream-listener') await playToEnd(page, 240);
			else await jumpToEnd(page, 240);
			assert.match(
				(await page.getByTestId('cluster-listener').textContent()) ?? '',
				/onBatchCompleted[\s\S]*schedulingDelay=Some\(\d+\)ms/
			);
		}
	});

	it('logs no console error', () => assert.deepEqual(errors, []));
});
