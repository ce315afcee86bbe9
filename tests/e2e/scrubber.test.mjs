// The scrubber on processing time (issue 5): markers for what happened in the run, each naming
// the Spark rule that fired; seeking to one moves the cursor there, and the code behind what
// happens at the cursor is highlighted in the editor.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EDITOR_READY, openForSuite } from './browser.mjs';

describe('scrubber with event markers (basic-08)', () => {
	let page;
	const errors = openForSuite(
		'/questions/basic-08-late-data',
		{ viewport: { width: 1280, height: 900 }, ready: EDITOR_READY },
		(o) => ({ page } = o)
	);

	it('draws markers of several kinds along processing time', async () => {
		assert.ok(await page.getByTestId('sim-scrubber').isVisible());
		const counts = {};
		for (const kind of [
			'trigger',
			'offsets',
			'watermark',
			'commit',
			'emitted',
			'evicted',
			'dropped'
		]) {
			counts[kind] = await page.getByTestId(`scrub-marker-${kind}`).count();
		}
		assert.ok(counts.trigger > 5, `triggers: ${counts.trigger}`);
		assert.equal(counts.offsets, counts.trigger, 'one offsets/N per batch');
		assert.equal(counts.commit, counts.trigger, 'one commits/N per batch');
		assert.ok(
			counts.watermark > 0 && counts.emitted > 0 && counts.evicted > 0,
			JSON.stringify(counts)
		);
	});

	it('hovering a marker names the Spark rule that fired', async () => {
		await page.getByTestId('scrub-marker-dropped').first().hover();
		const tip = (await page.getByTestId('scrub-tip').textContent()) ?? '';
		assert.match(tip, /numRowsDroppedByWatermark/);
		assert.match(tip, /R4\.4: .*late-event watermark/);
	});

	it('clicking a watermark-advanced marker seeks there and highlights the withWatermark line', async () => {
		const marker = page.getByTestId('scrub-marker-watermark').nth(3);
		const at = Number(await marker.getAttribute('data-at'));
		await marker.click();
		const cursor = (await page.getByTestId('sim-cursor').textContent()) ?? '';
		assert.equal(cursor, `${(at / 1000).toFixed(1)} s`);
		await page
			.locator('.monaco-editor .sim-code-focus-watermark')
			.first()
			.waitFor({ timeout: 5000 });
		// The decorated line is the one holding the withWatermark call.
		const top = async (sel) => (await page.locator(sel).first().boundingBox())?.y;
		const line = page.locator('.monaco-editor .view-line', { hasText: 'withWatermark(' }).first();
		const lineTop = (await line.boundingBox())?.y;
		const focusTop = await top('.monaco-editor .sim-code-focus-watermark');
		assert.ok(
			lineTop !== undefined && focusTop !== undefined && Math.abs(lineTop - focusTop) < 2,
			`${lineTop} vs ${focusTop}`
		);
	});

	it('the range moves the cursor and the keyboard walks a lane without stepping the playback', async () => {
		const range = page.getByTestId('scrub-range');
		await range.fill('0');
		assert.equal(await page.getByTestId('sim-cursor').textContent(), '0.0 s');
		// The editor redraws its decorations on its next frame: wait for that, not for a fixed time.
		await page
			.waitForFunction(
				() => document.querySelectorAll('.monaco-editor .sim-code-focus').length === 0,
				null,
				{ timeout: 3000 }
			)
			.catch(() => {});
		assert.equal(
			await page.locator('.monaco-editor .sim-code-focus').count(),
			0,
			'nothing happened yet'
		);
		const first = page.getByTestId('scrub-marker-trigger').first();
		await first.focus();
		await page.keyboard.press('ArrowRight');
		assert.equal(
			await page.getByTestId('sim-cursor').textContent(),
			'0.0 s',
			'the arrow stayed in the lane'
		);
		const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
		assert.equal(focused, 'scrub-marker-trigger');
		assert.match((await page.getByTestId('scrub-tip').textContent()) ?? '', /batch 1 planned/);
	});

	it('logs no console errors', () => {
		assert.deepEqual(errors, []);
	});
});
