// The event-time pages' "Progress and state store" panel: the Spark UI's Structured Streaming tab
// charts and the state store per operator, from the engine's progress records. On basic-08 their
// numbers must match the facts line (state rows) at every batch the cursor stops at.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { VIEWPORTS, drawn, launch, openIn, openPage } from './browser.mjs';

const PATH = '/questions/basic-08-late-data';
const text = async (loc) => ((await loc.textContent()) ?? '').trim();

describe('progress charts and state store (basic-08)', () => {
	let browser;
	let page;
	const errors = [];
	before(async () => {
		browser = await launch();
		({ page } = await openIn(browser, PATH, { errors }));
		await page.getByTestId('sim-step').waitFor();
		await page.waitForFunction(
			() => !document.querySelector('[data-testid="sim-step"]')?.hasAttribute('disabled')
		);
	});
	after(async () => browser?.close());

	const stateRows = () => text(page.getByTestId('sim-state-rows'));

	it('is open on a wide screen and shows four charts with Spark UI titles', async () => {
		assert.equal(await page.getByTestId('query-metrics').getAttribute('open'), '');
		const titles = await page
			.locator('[data-testid="view-progress"] figcaption strong')
			.allTextContents();
		assert.deepEqual(titles, [
			'Input Rate vs Process Rate',
			'Batch Duration',
			'Global Watermark Gap',
			'Aggregated Number Of Total State Rows'
		]);
	});

	it('the charts and the state table agree with the facts line, batch after batch', async () => {
		for (let i = 0; i < 4; i++) {
			const facts = await stateRows();
			assert.match(facts, /^\d+$/);
			const label = (await page.getByTestId('view-progress').getAttribute('aria-label')) ?? '';
			assert.match(label, new RegExp(`Aggregated Number Of Total State Rows ${facts}\\.`));
			const latest = await text(
				page.locator('[data-chart="state"] [data-metric="numRowsTotal"] b')
			);
			assert.equal(latest, facts);
			// basic-08 has one stateful operator: the aggregation's numRowsTotal is all the state.
			const row = page.locator(
				'[data-testid="view-state-store"] tr[data-operator="stateStoreSave"]'
			);
			assert.equal(await row.count(), 1);
			assert.equal(await text(row.locator('[data-field="numRowsTotal"]')), facts);
			const batches = Number(await text(page.getByTestId('sim-batch-count')));
			assert.match(
				await text(page.getByTestId('view-state-store').locator('h3')),
				new RegExp(`batch ${batches - 1}\\)`)
			);
			await page.getByTestId('sim-step').click();
			await drawn(page);
		}
	});

	it('"show as table" lists the same numbers per batch, newest first', async () => {
		await page.getByTestId('progress-table-toggle').click();
		const rows = page.locator('[data-testid="progress-table"] tbody tr');
		const batches = Number(await text(page.getByTestId('sim-batch-count')));
		assert.equal(await rows.count(), batches);
		const last = await rows.first().locator('td').allTextContents();
		assert.equal(last[0], String(batches - 1));
		assert.equal(last.at(-1), await stateRows());
		// The watermark is unset in batch 0 (Spark plots no gap); later batches have one.
		assert.equal((await rows.last().locator('td').allTextContents())[5], '–');
		assert.match(last[5] ?? '', /^\d+(\.\d+)?$/);
		await page.getByTestId('progress-table-toggle').click();
		assert.ok(await page.getByTestId('view-progress').isVisible());
	});

	it('starts folded on a phone and opens on demand', async () => {
		const context = await browser.newContext({ viewport: VIEWPORTS.phone });
		const phone = await openPage(context, PATH, errors);
		await phone.waitForFunction(
			() => !document.querySelector('[data-testid="sim-step"]')?.hasAttribute('disabled')
		);
		assert.equal(await phone.getByTestId('query-metrics').getAttribute('open'), null);
		await phone.locator('[data-testid="query-metrics"] summary').click();
		await phone.getByTestId('view-progress').waitFor();
		assert.ok(await phone.getByTestId('view-state-store').isVisible());
		await context.close();
	});

	it('logs no console errors', () => {
		assert.deepEqual(errors, []);
	});
});
