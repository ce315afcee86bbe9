// An edit in the editor runs in the engine's Web Worker (src/lib/sim/engine.worker.ts): a program
// that keeps the engine busy for a long time (a window sliding by 1 ms puts each row in 3.6
// million windows) leaves the page answering, and a newer edit cancels it and runs.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EDITOR_READY, openForSuite } from './browser.mjs';

describe('the engine in a Web Worker (basic-08)', () => {
	let page;
	const errors = openForSuite(
		'/questions/basic-08-late-data',
		{ viewport: { width: 1280, height: 900 }, clipboard: true, ready: EDITOR_READY },
		(o) => ({ page } = o)
	);

	const paste = async (code) => {
		await page.evaluate((t) => navigator.clipboard.writeText(t), code);
		await page.locator('.monaco-editor .view-lines').first().click();
		await page.keyboard.press('Control+A');
		await page.keyboard.press('Control+V');
	};

	it('a pathological edit runs off the main thread; a newer edit cancels it and runs', async () => {
		await page.locator('.monaco-editor .view-lines').first().click();
		await page.keyboard.press('Control+A');
		await page.keyboard.press('Control+C');
		const code = await page.evaluate(() => navigator.clipboard.readText());
		const window = 'F.window("event_time", "10 seconds")';
		assert.ok(code.includes(window));
		await paste(code.replace(window, 'F.window("event_time", "1 hour", "1 millisecond")'));
		await page.waitForTimeout(1000); // past the edit debounce: the run is in flight
		const started = Date.now();
		await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
		assert.ok(Date.now() - started < 1000, `the page answered in ${Date.now() - started} ms`);
		const workers = await page.evaluate(
			() =>
				performance.getEntriesByType('resource').filter((e) => e.name.includes('engine.worker'))
					.length
		);
		assert.ok(workers > 0, 'the engine worker was loaded');
		await paste(
			code.replace('"5 seconds")  # <- watermarkDelay', '"20 seconds")  # <- watermarkDelay')
		);
		await page.waitForFunction(
			() => document.querySelector('[data-testid="param-watermarkDelay"]')?.value === '20',
			null,
			{
				timeout: 15000
			}
		);
		assert.deepEqual(errors, []);
	});
});
