// advanced-04 on the fault-tolerance kind: per state partition a column of version files; after
// the crash the restart is drawn as "load 10.snapshot, replay 11.delta 12.delta" while batch 12
// re-runs; RocksDB's changelog and zip files; an extra grouping key refused at the restart with
// Spark's state schema error; the state data source table for a batch id; the parameters are
// spans of the program both ways; every preset plays to the end with no console error.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EDITOR_READY, launch, openIn, settled } from './browser.mjs';
import { editorText, stepToEnd, text } from './fault-tolerance-steps.mjs';

const PAGE = '/questions/advanced-04-checkpoint-recovery';

/** Steps until the re-run of the crashed batch is under the cursor (the recovery is drawn). */
async function stepToRecovery(page) {
	for (let i = 0; i < 40; i++) {
		if ((await page.getByTestId('ft-recovering').count()) > 0) return true;
		await page.getByTestId('sim-step').click();
	}
	return false;
}

describe('advanced-04 checkpoint recovery page', () => {
	let browser;
	before(async () => {
		browser = await launch();
	});
	after(async () => browser?.close());

	it('draws the recovery: load the snapshot, replay the deltas, then the re-run', async () => {
		const errors = [];
		const { context, page } = await openIn(browser, PAGE, { errors });
		await page.getByTestId('sim-fault-tolerance').waitFor({ timeout: 20000 });
		assert.equal(await page.getByTestId('ft-state-column').count(), 4);
		assert.ok(await stepToRecovery(page), 'the recovery is drawn');
		assert.equal(
			await text(page, 'ft-recovery-plan'),
			'load 10.snapshot, replay 11.delta 12.delta → version 12'
		);
		assert.equal(await text(page, 'ft-batch'), '12');
		await page.screenshot({ path: 'test-results/advanced-04-recovery-1280.png', fullPage: true });

		for (const id of ['rocksdb-changelog', 'change-grouping-key-fails', 'time-travel']) {
			await page.getByTestId(`preset-${id}`).click();
			await settled(page);
			if (id === 'rocksdb-changelog') {
				assert.equal(await page.getByTestId('param-stateStoreProvider').inputValue(), 'rocksdb');
				assert.ok(await stepToRecovery(page));
				assert.match(await text(page, 'ft-recovery-plan'), /^load 10\.zip, replay 11\.changelog/);
			}
			await stepToEnd(page);
			if (id === 'change-grouping-key-fails') {
				assert.match(await text(page, 'query-refused'), /STATE_STORE_KEY_SCHEMA_NOT_COMPATIBLE/);
				assert.match(await editorText(page), /"user", "merchant"\)/);
			}
			if (id === 'time-travel') {
				assert.match(await page.getByTestId('ft-state-table').textContent(), /u-\d+/);
				assert.ok(Number(await text(page, 'ft-state-rows')) > 0);
			}
		}
		await page.getByTestId('preset-state-recovery').click();
		await settled(page);
		await stepToEnd(page);
		assert.deepEqual(errors, []);
		await context.close();
	});

	it('the program’s settings are spans both ways', async () => {
		const errors = [];
		const { context, page } = await openIn(browser, PAGE, {
			errors,
			clipboard: true,
			ready: EDITOR_READY
		});
		await page.getByTestId('param-restartChange').selectOption('addFilter');
		await settled(page);
		// Editor → control: the program with minDeltasForSnapshot 5 and the RocksDB provider.
		const lines = page.locator('.monaco-editor .view-lines').first();
		await lines.click();
		await page.keyboard.press('Control+A');
		await page.keyboard.press('Control+C');
		const code = await page.evaluate(() => navigator.clipboard.readText());
		assert.match(code, /\.where\(F\.col\("amount"\) > 0\)\.groupBy/);
		const edited = code
			.replace('minDeltasForSnapshot", "10"', 'minDeltasForSnapshot", "5"')
			.replace('HDFSBackedStateStoreProvider', 'RocksDBStateStoreProvider');
		assert.notEqual(edited, code);
		await page.evaluate((t) => navigator.clipboard.writeText(t), edited);
		await lines.click();
		await page.keyboard.press('Control+A');
		await page.keyboard.press('Control+V');
		await page.waitForFunction(
			() => document.querySelector('[data-testid="param-stateStoreProvider"]')?.value === 'rocksdb',
			null,
			{ timeout: 15000 }
		);
		await page.waitForFunction(
			() => document.querySelector('[data-testid="param-minDeltasForSnapshot"]')?.value === '5',
			null,
			{ timeout: 15000 }
		);
		await settled(page);
		assert.deepEqual(errors, []);
		await context.close();
	});
});
