// The event-time pages run the program in the editor: a parameter rewrites its span of the code
// and re-runs; editing the code re-runs; a program the engine cannot run is marked at its line
// and no run is on screen (nothing plays that the program would not do).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EDITOR_READY, editorShows, editorText, openForSuite, settled } from './browser.mjs';

describe('code-bound simulation (basic-08)', () => {
	let page;
	const errors = openForSuite(
		'/questions/basic-08-late-data',
		{ viewport: { width: 1280, height: 900 }, clipboard: true, ready: EDITOR_READY },
		(o) => ({ page } = o)
	);

	it('shows the engine’s run: event-time plot, windows and sink', async () => {
		for (const id of ['view-event-time', 'view-windows', 'view-result']) {
			assert.ok(await page.getByTestId(id).isVisible(), id);
		}
		assert.match(
			(await page.getByTestId('view-event-time').getAttribute('aria-label')) ?? '',
			/watermark/
		);
	});

	it('a parameter rewrites its span of the program and re-runs the engine', async () => {
		const before = await page.getByTestId('sim-watermark').textContent();
		const input = page.getByTestId('param-watermarkDelay');
		await input.fill('20');
		await input.dispatchEvent('change');
		await editorShows(page, /withWatermark\("event_time", "20 seconds"\)/);
		await settled(page);
		assert.match(await editorText(page), /withWatermark\("event_time", "20 seconds"\)/);
		const after = await page.getByTestId('sim-watermark').textContent();
		assert.notEqual(after, before, 'a longer delay holds the watermark further back');
	});

	it('editing the program re-runs it; an error is marked and no run is shown', async () => {
		assert.match(await editorText(page), /withWatermark/);
		// Replace the whole program (select all, paste) with one whose watermark column does
		// not exist.
		await replaceProgram(
			[
				'from pyspark.sql import functions as F',
				'events = (spark.readStream.format("kafka").option("subscribe", "sensor-events").load()',
				'    .select(F.from_json(F.col("value").cast("string"), "device STRING, reading DOUBLE, event_time TIMESTAMP").alias("e")).select("e.*"))',
				'counts = events.withWatermark("no_such_column", "5 seconds").groupBy(F.window("event_time", "10 seconds"), "device").count()',
				'query = counts.writeStream.outputMode("append").format("console").trigger(processingTime="2 seconds").start()',
				''
			].join('\n')
		);
		await page.getByTestId('sim-error').waitFor({ timeout: 5000 });
		assert.match((await page.getByTestId('sim-error').textContent()) ?? '', /no_such_column/);
		await page.getByTestId('view-event-time').waitFor({ state: 'detached', timeout: 5000 });
		await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 5000 });
		// Fix it: the error goes away and the engine runs the new program (update mode now).
		await replaceProgram(
			[
				'from pyspark.sql import functions as F',
				'events = (spark.readStream.format("kafka").option("subscribe", "sensor-events").load()',
				'    .select(F.from_json(F.col("value").cast("string"), "device STRING, reading DOUBLE, event_time TIMESTAMP").alias("e")).select("e.*"))',
				'counts = events.withWatermark("event_time", "5 seconds").groupBy(F.window("event_time", "10 seconds"), "device").count()',
				'query = counts.writeStream.outputMode("update").format("console").trigger(processingTime="2 seconds").start()',
				''
			].join('\n')
		);
		await page.getByTestId('sim-error').waitFor({ state: 'detached', timeout: 5000 });
		await page.getByTestId('view-event-time').waitFor({ timeout: 5000 });
		assert.match(
			(await page.getByTestId('sim-event-time').textContent()) ?? '',
			/output mode\s*update/
		);
	});

	async function replaceProgram(code) {
		await page.evaluate((text) => navigator.clipboard.writeText(text), code);
		await page.locator('.monaco-editor .view-lines').first().click();
		await page.keyboard.press('Control+A');
		await page.keyboard.press('Control+V');
	}

	it('logs no console error', () => assert.deepEqual(errors, []));
});
