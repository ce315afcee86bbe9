// advanced-03 on the fault-tolerance kind: the same crash after the sink re-runs batch 3 with the
// same offsets; overwriting by batch_id leaves no duplicate, appending counts batch 3's rows
// twice; the write is a span of the program both ways; every preset plays with no console error.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { editorText, launch, openIn, settled, stepToEnd, text } from './browser.mjs';

const PAGE = '/questions/advanced-03-exactly-once';

describe('advanced-03 exactly-once page', () => {
	let browser;
	before(async () => {
		browser = await launch();
	});
	after(async () => browser?.close());

	it('overwrite by batch_id absorbs the replay; append duplicates batch 3', async () => {
		const errors = [];
		const { context, page } = await openIn(browser, PAGE, { errors });
		await page.getByTestId('sim-fault-tolerance').waitFor({ timeout: 20000 });
		await page.waitForSelector('[data-testid="code-editor"][data-ready="true"]', {
			timeout: 15000
		});
		await stepToEnd(page);
		assert.match(await text(page, 'ft-replay-pair'), /batch 3.*the same id and the same offsets/s);
		assert.equal(await text(page, 'ledger-duplicates'), '0');

		await page.getByTestId('param-sinkMode').selectOption('nonIdempotent');
		await settled(page);
		assert.match(await editorText(page), /\.write\.mode\("append"\)/);
		await stepToEnd(page);
		const duplicates = Number(await text(page, 'ledger-duplicates'));
		assert.ok(duplicates > 0, `append duplicates batch 3 (${duplicates})`);
		await page.screenshot({ path: 'test-results/advanced-03-append-1280.png' });

		for (const id of ['idempotent-vs-not', 'append-duplicates', 'crash-before-offset-log']) {
			await page.getByTestId(`preset-${id}`).click();
			await settled(page);
			await stepToEnd(page);
			const d = Number(await text(page, 'ledger-duplicates'));
			assert.equal(d > 0, id === 'append-duplicates', `${id}: duplicates ${d}`);
		}
		assert.deepEqual(errors, []);
		await context.close();
	});
});
