// basic-14 on the fault-tolerance kind: the same driver crash after the sink write with a
// replayable source and an exactly-once sink (output equal to a failure-free run), an executor
// loss (only its tasks re-run, no restart), a socket source (records never read, rows missing)
// and a Kafka sink (rows written twice); source and sink are spans of the program both ways;
// every preset plays to the end with no console error.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openIn, settled } from './browser.mjs';
import { editorText, stepToEnd, text } from './fault-tolerance-steps.mjs';

const PAGE = '/questions/basic-14-fault-tolerance';

describe('basic-14 fault-tolerance page', () => {
	let browser;
	before(async () => {
		browser = await launch();
	});
	after(async () => browser?.close());

	it('counts what each failure does to the output against a failure-free run', async () => {
		const errors = [];
		const { context, page } = await openIn(browser, PAGE, { errors });
		await page.getByTestId('sim-fault-tolerance').waitFor({ timeout: 20000 });
		await page.waitForSelector('[data-testid="code-editor"][data-ready="true"]', {
			timeout: 15000
		});
		// Before the failure has played out the count stays hidden.
		assert.equal(await page.getByTestId('ft-comparison').getAttribute('data-verdict'), 'pending');
		const expect = {
			failures: { verdict: 'exactly-once', missing: 0, duplicates: 0 },
			'executor-loss': { verdict: 'exactly-once', missing: 0, duplicates: 0 },
			'socket-loses-data': { verdict: 'lost', duplicatesZero: true },
			'kafka-sink-duplicates': { verdict: 'duplicates', missing: 0 }
		};
		for (const [id, want] of Object.entries(expect)) {
			await page.getByTestId(`preset-${id}`).click();
			await settled(page);
			await stepToEnd(page);
			const box = page.getByTestId('ft-comparison');
			assert.equal(await box.getAttribute('data-verdict'), want.verdict, id);
			const missing = Number(await text(page, 'cmp-missing'));
			const duplicates = Number(await text(page, 'cmp-duplicates'));
			if (want.missing !== undefined) assert.equal(missing, want.missing, `${id} missing`);
			if (want.duplicates !== undefined)
				assert.equal(duplicates, want.duplicates, `${id} duplicates`);
			if (id === 'socket-loses-data') {
				assert.ok(missing > 0, `socket: rows missing (${missing})`);
				assert.equal(duplicates, 0);
				assert.match(await editorText(page), /readStream\.format\("socket"\)/);
			}
			if (id === 'kafka-sink-duplicates') {
				assert.ok(duplicates > 0, `Kafka sink: rows twice (${duplicates})`);
				assert.match(await editorText(page), /\.format\("kafka"\)\s+# <- sinkKind/);
			}
			if (id === 'executor-loss') {
				assert.match(await text(page, 'ft-executor-loss'), /tasks re-ran .* inside the\s+batch/s);
				assert.equal(await text(page, 'ft-run-index'), '1', 'no restart');
			}
			if (id === 'failures')
				assert.match(await text(page, 'ft-replay-pair'), /the same id and the same offsets/);
			await page.screenshot({ path: `test-results/basic-14-${id}-1280.png` });
		}
		assert.deepEqual(errors, []);
		await context.close();
	});

	it('source and sink are spans of the program both ways', async () => {
		const errors = [];
		const { context, page } = await openIn(browser, PAGE, { errors, clipboard: true });
		await page.getByTestId('sim-fault-tolerance').waitFor({ timeout: 20000 });
		await page.waitForSelector('[data-testid="code-editor"][data-ready="true"]', {
			timeout: 15000
		});
		// Control → editor.
		await page.getByTestId('param-sourceKind').selectOption('socket');
		await settled(page);
		const code = await editorText(page);
		assert.match(code, /\.option\("port", "9999"\)/);
		assert.doesNotMatch(code, /failOnDataLoss/);
		// Editor → control: the sink lines rewritten to Kafka's in the editor move the control.
		await page.getByTestId('param-sourceKind').selectOption('kafka');
		await settled(page);
		const lines = page.locator('.monaco-editor .view-lines').first();
		await lines.click();
		await page.keyboard.press('Control+A');
		await page.keyboard.press('Control+C');
		const before = await page.evaluate(() => navigator.clipboard.readText());
		const edited = before
			.replace(
				'per_minute.writeStream  #',
				'per_minute.select(F.to_json(F.struct("window", "device", "events", "avg_reading")).alias("value")).writeStream  #'
			)
			.replace('.format("parquet")', '.format("kafka")')
			.replace(
				'.option("path", "/tmp/playground/out/basic-14-per-minute")',
				'.option("kafka.bootstrap.servers", "localhost:9092").option("topic", "per-minute")'
			);
		assert.notEqual(edited, before);
		await page.evaluate((t) => navigator.clipboard.writeText(t), edited);
		await lines.click();
		await page.keyboard.press('Control+A');
		await page.keyboard.press('Control+V');
		await page.waitForFunction(
			() => document.querySelector('[data-testid="param-sinkKind"]')?.value === 'kafka',
			null,
			{ timeout: 10000 }
		);
		// The edited program runs: its Kafka sink is at-least-once.
		await page.waitForFunction(
			() =>
				document.querySelector('[data-testid="sink-guarantee"]')?.textContent === 'at-least-once',
			null,
			{ timeout: 15000 }
		);
		await settled(page);
		assert.deepEqual(errors, []);
		await context.close();
	});
});
