// advanced-05 on the cluster kind: the page opens on the trigger sweep, one point per run, the
// program's 1 s trigger ringed and the knee marked where batch duration meets the interval; a
// click on a point rewrites the program's trigger; each preset plays to the end with no console
// error and its own sweep; an edit of the program moves the controls.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { editorText, launch, openIn, settled } from './browser.mjs';
import { playToEnd } from './cluster-play.mjs';

const PAGE = '/questions/advanced-05-latency-throughput';

describe('cluster sweep (advanced-05)', () => {
	let browser;
	let page;
	const errors = [];
	before(async () => {
		browser = await launch();
		({ page } = await openIn(browser, PAGE, { errors, viewport: { width: 1280, height: 900 } }));
		await page.getByTestId('cluster-sweep').waitFor({ timeout: 20000 });
		await settled(page);
	});
	after(async () => browser?.close());

	it('opens on the trigger sweep: ten runs, 1 s ringed, the knee at 0.5 s', async () => {
		const sweep = page.getByTestId('cluster-sweep');
		assert.equal(await sweep.getAttribute('data-over'), 'triggerInterval');
		assert.equal(await sweep.locator('circle.p50[data-value]').count(), 10);
		assert.equal(
			await sweep.locator('circle.p50[data-current="true"]').getAttribute('data-value'),
			'1000'
		);
		assert.ok(await page.getByTestId('sweep-knee').isVisible());
		// The aha, in the engine's numbers: the knee, back-to-back batches below it.
		assert.match(
			await page.getByTestId('sweep-story').textContent(),
			/Knee at 0\.5 s: .* back to back/
		);
	});

	it('a click on a point sets the trigger in the program and rings that point', async () => {
		await page.locator('[data-testid=cluster-sweep] circle.p50[data-value="3000"]').click();
		await settled(page);
		// The control moved (the editor shows only the lines in view; the span's rewrite is the
		// question's, unit-tested in tests/unit/kinds/cluster/advanced-05.test.ts).
		assert.equal(await page.getByTestId('param-triggerInterval').inputValue(), '3');
		assert.equal(
			await page
				.locator('[data-testid=cluster-sweep] circle.p50[data-current="true"]')
				.getAttribute('data-value'),
			'3000'
		);
		// The default trigger: the .trigger(...) line goes.
		await page.locator('[data-testid=cluster-sweep] circle.p50[data-value="0"]').click();
		await settled(page);
		assert.equal(await page.getByTestId('param-triggerInterval').inputValue(), '0');
	});

	const stories = {
		'latency-throughput-sweep': ['triggerInterval', /Knee at 0\.5 s/],
		'shuffle-partitions-sweep': ['shufflePartitions', /8 \(8 cores\) is fastest/],
		'backlog-with-cap': [
			'maxOffsetsPerTrigger',
			/Without maxOffsetsPerTrigger a trigger takes everything waiting/
		]
	};
	for (const [id, [over, story]] of Object.entries(stories)) {
		it(`preset ${id} sweeps ${over} and plays to the end`, async () => {
			await page.getByTestId(`preset-${id}`).click();
			await settled(page);
			assert.equal(await page.getByTestId('cluster-sweep').getAttribute('data-over'), over);
			assert.match(await page.getByTestId('sweep-story').textContent(), story);
			await playToEnd(page, 180);
			assert.ok(await page.getByTestId('cluster-gantt').isVisible());
		});
	}

	it('the shuffle partitions preset writes Spark’s default 200 into the program', async () => {
		await page.getByTestId('preset-shuffle-partitions-sweep').click();
		await settled(page);
		assert.match(await editorText(page), /"spark\.sql\.shuffle\.partitions", "200"/);
		assert.equal(await page.getByTestId('param-shufflePartitions').inputValue(), '200');
	});

	it('logs no console error', () => assert.deepEqual(errors, []));
});
