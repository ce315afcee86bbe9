// basic-06 on the fault-tolerance kind: the checkpoint folder grows file by file and a click opens
// a file; the default crash after the sink re-runs batch 5 with the same offsets and the file sink
// skips it (no duplicate); a phase's failure control sets the failure parameters; a control
// rewrites the program and an edit moves the control; without checkpointLocation Spark's refusal
// shows; every preset plays to the end with no console error.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { editorText, launch, openIn, settled, stepToEnd, text } from './browser.mjs';

const PAGE = '/questions/basic-06-checkpoints';

/** Steps until the view shows the re-run of a batch. */
async function stepToReplay(page) {
	for (let i = 0; i < 20; i++) {
		if ((await page.getByTestId('ft-replay').count()) > 0) return;
		await page.getByTestId('sim-step').click();
	}
}

describe('basic-06 checkpoints page', () => {
	let browser;
	before(async () => {
		browser = await launch();
	});
	after(async () => browser?.close());

	it('grows the checkpoint folder, opens a file, and re-runs batch 5 with the same offsets', async () => {
		const errors = [];
		const { context, page } = await openIn(browser, PAGE, { errors });
		await page.getByTestId('sim-fault-tolerance').waitFor({ timeout: 20000 });
		const opening = Number(await text(page, 'ft-checkpoint-files'));
		assert.ok(opening > 5, `the folder has files at the opening stop (${opening})`);
		await page.locator('[data-testid="ft-file"][data-path^="offsets/"]').last().click();
		assert.match(await text(page, 'ft-open-content'), /^v1\n\{"batchWatermarkMs":\d+/);
		await page.getByTestId('sim-step').click();
		assert.ok(Number(await text(page, 'ft-checkpoint-files')) > opening, 'a batch adds files');

		await stepToReplay(page);
		assert.equal(await text(page, 'ft-batch'), '5');
		const pair = await text(page, 'ft-replay-pair');
		assert.match(pair, /the same id and the same offsets/);
		assert.match(pair, /Skipping already committed batch 5/);
		assert.equal(await text(page, 'ledger-duplicates'), '0');
		assert.equal(await text(page, 'ft-run-index'), '2');
		await page.screenshot({ path: 'test-results/basic-06-replay-1280.png' });
		assert.deepEqual(errors, []);
		await context.close();
	});

	it('a phase’s failure control and the program’s controls are parameters both ways', async () => {
		const errors = [];
		const { context, page } = await openIn(browser, PAGE, { errors });
		await page.getByTestId('sim-fault-tolerance').waitFor({ timeout: 20000 });
		await page.waitForSelector('[data-testid="code-editor"][data-ready="true"]', {
			timeout: 15000
		});
		const batch = await text(page, 'ft-batch');
		await page.getByTestId('ft-fail-beforeOffsetLog').click();
		await settled(page);
		assert.equal(await page.getByTestId('param-failurePhase').inputValue(), 'beforeOffsetLog');
		assert.equal(await page.getByTestId('param-failAtBatch').inputValue(), batch);

		await page.getByTestId('param-triggerInterval').fill('3');
		await page.getByTestId('param-triggerInterval').dispatchEvent('change');
		await settled(page);
		assert.match(await editorText(page), /trigger\(processingTime="3 seconds"\)/);
		// Editor → control: retype the 3 of "3 seconds" as 4.
		await page.locator('.monaco-editor .view-line', { hasText: 'processingTime=' }).click();
		await page.keyboard.press('Home');
		for (let i = 0; i < '.trigger(processingTime="'.length; i++)
			await page.keyboard.press('ArrowRight');
		await page.keyboard.press('Shift+ArrowRight');
		await page.keyboard.type('4');
		await page.waitForFunction(
			() => document.querySelector('[data-testid="param-triggerInterval"]')?.value === '4',
			null,
			{ timeout: 15000 }
		);
		await settled(page);
		// The run follows the program: batches every 4 s.
		const chips = await page.getByTestId('ft-attempt').count();
		assert.ok(chips > 0);
		assert.deepEqual(errors, []);
		await context.close();
	});

	it('plays every preset to the end; without checkpointLocation Spark refuses to start', async () => {
		const errors = [];
		const { context, page } = await openIn(browser, PAGE, { errors });
		await page.getByTestId('sim-fault-tolerance').waitFor({ timeout: 20000 });
		for (const id of [
			'checkpoint-folder',
			'crash-before-offset-log',
			'no-checkpoint',
			'crash-after-sink'
		]) {
			await page.getByTestId(`preset-${id}`).click();
			await settled(page);
			if (id === 'no-checkpoint') {
				assert.match(
					await text(page, 'query-refused'),
					/checkpointLocation must be specified either through option\("checkpointLocation", \.\.\.\)/
				);
				continue;
			}
			await stepToEnd(page);
			if (id === 'checkpoint-folder')
				assert.ok((await page.getByTestId('ft-snapshot').count()) > 0, 'snapshots drawn');
		}
		assert.deepEqual(errors, []);
		await context.close();
	});
});
