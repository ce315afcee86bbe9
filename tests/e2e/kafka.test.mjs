// basic-09 (Kafka): the page plays its default and each preset without a console error; the
// partitions are drawn as logs with the batches' ranges and the batch's offsets/N entry; the
// data-loss presets end with Spark's message (failOnDataLoss=true) or skipped offsets counted
// (false); a control moves the program's text and an edit in the editor moves the control.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EDITOR_READY, launch, openIn, settled, stepToEnd, text } from './browser.mjs';
import { programText } from './cluster-play.mjs';

const PAGE = '/questions/basic-09-kafka-integration';
const SINKS_PAGE = '/questions/basic-10-sinks';

describe('basic-09 Kafka page', () => {
	let browser;
	const errors = [];
	before(async () => {
		browser = await launch();
	});
	after(async () => browser?.close());

	it('draws the partitions as logs and plays every preset with no console error', async () => {
		const { context, page } = await openIn(browser, PAGE, {
			errors,
			ready: '[data-testid="kafka-log"]'
		});
		assert.equal(await page.getByTestId('kafka-partition').count(), 3);
		assert.ok((await page.getByTestId('kafka-range').count()) > 0, 'batch ranges drawn');
		assert.match(
			await text(page, 'kafka-offset-log'),
			/^v1\n\{"batchWatermarkMs".*\n\{"orders":\{"0":\d+/s
		);
		for (const id of ['proration', 'restart', 'data-loss-fail', 'data-loss-skip']) {
			await page.getByTestId(`preset-${id}`).click();
			await settled(page);
			await page.waitForSelector('[data-testid="kafka-log"]', { timeout: 20000 });
			await stepToEnd(page);
			if (id === 'data-loss-fail')
				assert.match(await text(page, 'query-failed'), /Some data may have been lost/);
			if (id === 'data-loss-skip')
				assert.ok(Number(await text(page, 'kafka-skipped')) > 0, 'skipped offsets counted');
		}
		assert.deepEqual(errors, []);
		await context.close();
	});

	it('Compare runs the same topic under startingOffsets earliest and latest, side by side', async () => {
		const { context, page } = await openIn(browser, PAGE, {
			errors,
			ready: '[data-testid="kafka-log"]'
		});
		await page.getByTestId('sim-compare').click();
		await settled(page);
		await page.getByTestId('compare-side-B').waitFor({ timeout: 20000 });
		assert.equal(await page.getByTestId('kafka-log').count(), 2, 'a log per side');
		// earliest reads the 6 s backlog; latest starts at the end of each partition.
		const a = Number(await text(page, 'compare-records-A'));
		const b = Number(await text(page, 'compare-records-B'));
		assert.ok(a > b, `earliest read ${a} records, latest ${b}`);
		assert.deepEqual(errors, []);
		await context.close();
	});
});

// basic-10 (sinks), on the same kind: the sink panel names the guarantee and the accepted output
// modes; the same crash after the sink write and before commits/N leaves the Kafka sink with 4
// duplicates and the file sink with none (its replay skipped); update mode on the file sink shows
// Spark's error and no run; a control moves the program's sink lines and an edit moves the control.
describe('basic-10 sinks page', () => {
	let browser;
	const errors = [];
	before(async () => {
		browser = await launch();
	});
	after(async () => browser?.close());

	it('plays every preset: Kafka duplicates the replayed batch, the file sink skips it', async () => {
		const { context, page } = await openIn(browser, SINKS_PAGE, {
			errors,
			ready: '[data-testid="sink-contents"]'
		});
		assert.equal(await text(page, 'sink-guarantee-badge'), 'at-least-once');
		// The page opens on the replay of batch 2: its four rows are in the topic a second time.
		assert.equal(await page.getByTestId('sink-copy').count(), 4);
		await stepToEnd(page);
		assert.equal(await text(page, 'sink-duplicates'), '4');
		assert.ok(
			(await page.locator('[data-testid="sink-write"][data-status="replayed"]').count()) > 0
		);

		await page.getByTestId('preset-file-exactly-once').click();
		await settled(page);
		await page.waitForSelector('[data-testid="sink-contents"]', { timeout: 20000 });
		assert.equal(await text(page, 'sink-guarantee-badge'), 'exactly-once');
		assert.deepEqual(
			await page.locator('[data-testid="sink-mode"][data-accepted="true"]').allTextContents(),
			['✓ append']
		);
		await stepToEnd(page);
		assert.equal(await text(page, 'sink-duplicates'), '0');
		assert.ok(
			(await page.locator('[data-testid="sink-write"][data-status="skipped"]').count()) > 0
		);

		await page.getByTestId('preset-update-on-file-rejected').click();
		await settled(page);
		await page.getByTestId('sim-error').waitFor({ timeout: 10000 });
		assert.match(
			await text(page, 'sim-error'),
			/STREAMING_OUTPUT_MODE\.UNSUPPORTED_DATASOURCE\] Invalid streaming output mode: update/
		);
		assert.equal(await page.getByTestId('sink-contents').count(), 0, 'no run under the error');

		await page.getByTestId('preset-memory-complete').click();
		await settled(page);
		await page.waitForSelector('[data-testid="sink-contents"]', { timeout: 20000 });
		await stepToEnd(page);
		assert.ok(Number(await text(page, 'sink-visible')) > 0);
		// foreachBatch: the program gains the def of write_batch; the same crash after batch 2
		// appends its rows twice, or (keyed on batch_id) replaces them.
		await page.getByTestId('preset-foreach-batch-replay').click();
		await settled(page);
		await page.waitForSelector('[data-testid="sink-contents"]', { timeout: 20000 });
		assert.match(await programText(page), /def write_batch\(batch_df, batch_id\):/);
		await stepToEnd(page);
		assert.equal(await text(page, 'sink-guarantee-badge'), 'at-least-once');
		assert.equal(await text(page, 'sink-duplicates'), '4');
		await page.getByTestId('preset-foreach-batch-idempotent').click();
		await settled(page);
		await page.waitForSelector('[data-testid="sink-contents"]', { timeout: 20000 });
		await stepToEnd(page);
		assert.equal(await text(page, 'sink-duplicates'), '0');
		assert.match(
			await page.locator('[data-testid="sink-write"][data-status="replayed"]').first().innerText(),
			/batch 2 again: 4 rows replaced its first write, no duplicate/
		);
		// Two targets from one write_batch (persist, Kafka topic, table by batch_id, unpersist):
		// a lane each, two writes per batch_id, and the replay duplicates the topic only.
		await page.getByTestId('preset-foreachBatch-two-targets').click();
		await settled(page);
		await page.waitForSelector('[data-testid="sink-target"]', { timeout: 20000 });
		const program = await programText(page);
		assert.match(
			program,
			/batch_df\.persist\(\)[\s\S]*\.format\("kafka"\)[\s\S]*batch_df\.unpersist\(\)/
		);
		await stepToEnd(page);
		const lanes = page.getByTestId('sink-target');
		assert.equal(await lanes.count(), 2);
		const topic = lanes.nth(0);
		const table = lanes.nth(1);
		assert.match(await topic.getAttribute('data-target'), /^Kafka topic device-counts-feed$/);
		assert.match(await table.getAttribute('data-target'), /^parquet .*device-counts$/);
		assert.equal(await topic.getByTestId('target-duplicates').innerText(), '4');
		assert.equal(await table.getByTestId('target-duplicates').innerText(), '0');
		assert.match(
			await topic.locator('[data-testid="target-write"][data-status="replayed"]').innerText(),
			/batch 2 again: 4 rows appended a second time/
		);
		assert.match(
			await table.locator('[data-testid="target-write"][data-status="skipped"]').innerText(),
			/batch 2 again: 4 rows replaced its first write, no duplicate/
		);
		// The preset's story says the aha in words.
		assert.match(await page.locator('main').innerText(), /The topic can only append/);
		// The sink control away and back restores the preset's program.
		await page.getByTestId('param-sinkKind').selectOption('kafka');
		await settled(page);
		assert.doesNotMatch(await programText(page), /write_batch/);
		await page.getByTestId('param-sinkKind').selectOption('foreachBatch-two-targets');
		await settled(page);
		assert.equal(await programText(page), program);
		assert.deepEqual(errors, []);
		await context.close();
	});

	it('the program at every preset passes the PySpark stub check', async () => {
		const { context, page } = await openIn(browser, SINKS_PAGE, { errors, ready: EDITOR_READY });
		const ids = await page
			.locator('.presets button[data-testid^="preset-"]')
			.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid').slice('preset-'.length)));
		assert.ok(
			ids.includes('foreach-batch-replay') &&
				ids.includes('foreach-batch-idempotent') &&
				ids.includes('foreachBatch-two-targets')
		);
		const dir = mkdtempSync(join(tmpdir(), 'basic-10-'));
		try {
			for (const id of ids) {
				await page.getByTestId(`preset-${id}`).click();
				await settled(page);
				writeFileSync(join(dir, `${id}.py`), await programText(page));
			}
			const r = spawnSync('bash', ['tools/pyspark-stubs/check.sh', dir], { encoding: 'utf8' });
			assert.equal(
				r.stdout.trim().split('\n').at(-1),
				`${ids.length} passed, 0 failed`,
				r.stdout + r.stderr
			);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
		assert.deepEqual(errors, []);
		await context.close();
	});

	it('the sink control rewrites the program, and the program moves the control', async () => {
		const { context, page } = await openIn(browser, SINKS_PAGE, {
			errors,
			clipboard: true,
			ready: EDITOR_READY
		});
		await page.getByTestId('param-sinkKind').selectOption('memory');
		await settled(page);
		await page.locator('.monaco-editor .view-lines').first().click();
		await page.keyboard.press('Control+A');
		await page.keyboard.press('Control+C');
		const code = await page.evaluate(() => navigator.clipboard.readText());
		assert.match(code, /\.format\("memory"\)/);
		assert.match(code, /\.queryName\("device_counts"\)/);
		assert.doesNotMatch(code, /"topic"/);
		// The memory table lives in the driver: the guide lists the sink as not fault-tolerant.
		assert.equal(await text(page, 'sink-guarantee-badge'), 'not fault-tolerant');
		// The reader writes the file sink in the editor: the controls follow.
		const file = code
			.replace('.format("memory")', '.format("parquet")')
			.replace('.queryName("device_counts")', '.option("path", "/tmp/playground/out/basic-10")')
			.replace('.outputMode("update")', '.outputMode("append")');
		await page.evaluate((t) => navigator.clipboard.writeText(t), file);
		await page.locator('.monaco-editor .view-lines').first().click();
		await page.keyboard.press('Control+A');
		await page.keyboard.press('Control+V');
		await page.waitForFunction(
			() => document.querySelector('[data-testid="param-sinkKind"]')?.value === 'file',
			null,
			{ timeout: 10000 }
		);
		assert.equal(await page.getByTestId('param-outputMode').inputValue(), 'append');
		// An edit re-runs after a debounce that data-settled does not show yet: wait for the
		// file sink's run itself (this read the memory run's badge when the debounce was slow).
		await page
			.waitForFunction(
				() =>
					document.querySelector('[data-testid="sink-guarantee-badge"]')?.textContent?.trim() ===
					'exactly-once',
				null,
				{ timeout: 10000 }
			)
			.catch(() => {});
		await settled(page);
		// The file sink with its checkpoint: the guide lists it as exactly-once.
		assert.equal(await text(page, 'sink-guarantee-badge'), 'exactly-once');
		assert.deepEqual(errors, []);
		await context.close();
	});
});
