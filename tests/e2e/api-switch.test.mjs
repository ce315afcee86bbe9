// basic-02's API switch: the same word count as Structured Streaming (SIM-1) or as DStreams
// (SIM-2), each bound to its own program tab; the choice lives in the URL.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, settled, VIEWPORTS } from './browser.mjs';

const PATH = '/questions/basic-02-pyspark-streaming-support';

describe('basic-02 API switch', () => {
	let browser;
	before(async () => (browser = await launch()));
	after(async () => browser?.close());

	const open = async (query = '') => {
		const context = await browser.newContext({ viewport: VIEWPORTS.laptop });
		const errors = [];
		const page = await openPage(context, PATH + query, errors);
		await page.getByTestId('api-toggle').waitFor();
		return { context, page, errors };
	};
	const selectedTab = (page) => page.locator('[role="tab"][aria-selected="true"]').textContent();

	it('switches to the DStream simulation and its program, and back', async () => {
		const { context, page, errors } = await open();
		await page.getByTestId('sim-micro-batch').waitFor();
		assert.match(await selectedTab(page), /Structured Streaming/);
		await page.getByTestId('api-dstream').click();
		await page.getByTestId('sim-dstream').waitFor();
		assert.equal(await page.getByTestId('sim-micro-batch').count(), 0);
		assert.match(await selectedTab(page), /DStreams/);
		await page.waitForFunction(() => new URLSearchParams(location.search).get('api') === 'dstream');
		// The DStream side's presets: per-batch counts, and running totals with a checkpoint.
		await page.getByTestId('preset-running-totals').click();
		await page.waitForFunction(() =>
			[...document.querySelectorAll('.monaco-editor .view-line, pre code')].some((l) =>
				l.textContent?.includes('updateStateByKey')
			)
		);
		await page.getByTestId('api-structured').click();
		await page.getByTestId('sim-micro-batch').waitFor();
		assert.match(await selectedTab(page), /Structured Streaming/);
		await page.waitForFunction(() => !new URLSearchParams(location.search).has('api'));
		assert.deepEqual(errors, []);
		await context.close();
	});

	it('a link with api=dstream opens the DStream side; a bad value is refused with a notice', async () => {
		const a = await open('?api=dstream');
		await a.page.getByTestId('sim-dstream').waitFor();
		assert.equal(await a.page.getByTestId('api-dstream').getAttribute('aria-checked'), 'true');
		assert.deepEqual(a.errors, []);
		await a.context.close();

		const b = await open('?api=cobol');
		await b.page.getByTestId('sim-micro-batch').waitFor();
		await b.page.getByText(/Ignored api=“cobol”/).waitFor();
		assert.deepEqual(b.errors, []);
		await b.context.close();
	});
});

const TABS = [
	{
		slug: 'basic-05-windows',
		main: 'sim-event-time',
		note: /arrival batches/,
		presets: ['dstream-tumbling', 'dstream-sliding'],
		refused: [
			'dstream-not-a-multiple',
			/windowDuration must be multiple of the parent dstream's slide \(batch\) duration/
		]
	},
	{
		slug: 'basic-07-stateful-operations',
		main: 'sim-keyed-state',
		note: /updateStateByKey/,
		presets: ['dstream-faster-batches', 'dstream-update-state'],
		refused: ['dstream-no-checkpoint', /checkpoint directory has not been set/i]
	}
];

for (const tab of TABS) {
	describe(`${tab.slug} API switch: its DStream tab`, () => {
		let browser;
		before(async () => (browser = await launch()));
		after(async () => browser?.close());

		it('plays the DStream tab’s presets, and its refusal shows Spark’s error', async () => {
			const context = await browser.newContext({ viewport: VIEWPORTS.laptop });
			const errors = [];
			const page = await openPage(context, `/questions/${tab.slug}`, errors);
			await page.getByTestId('api-toggle').waitFor();
			await page.getByTestId(tab.main).waitFor();
			await page.getByTestId('api-dstream').click();
			await page.getByTestId('sim-dstream').waitFor();
			assert.match(await page.getByTestId('api-note').textContent(), tab.note);
			await settled(page);
			for (const preset of tab.presets) {
				await page.getByTestId(`preset-${preset}`).click();
				await settled(page);
				await page.getByTestId('sim-step').click();
				await page.getByTestId('sim-step').click();
				assert.ok(Number(await page.getByTestId('sim-batch-count').textContent()) >= 2, preset);
			}
			await page.getByTestId(`preset-${tab.refused[0]}`).click();
			await settled(page);
			assert.match(await page.getByTestId('sim-error').textContent(), tab.refused[1]);
			assert.deepEqual(errors, []);
			await context.close();
		});
	});
}
