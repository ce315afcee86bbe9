// The event-time pages' input is editable: add an event at the cursor, nudge its event time from
// the keyboard, delete it; every edit replays the engine from the same seed. On basic-08 an
// event pushed far behind the watermark is dropped (the dropped counter goes up by one) and
// deleting it restores the count.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openForSuite, settled } from './browser.mjs';

const text = async (page, id) => ((await page.getByTestId(id).textContent()) ?? '').trim();
const dropped = async (page) => Number(await text(page, 'sim-dropped'));

describe('editable input events (basic-08)', () => {
	let page;
	const errors = openForSuite(
		'/questions/basic-08-late-data',
		{
			viewport: { width: 1280, height: 900 },
			ready: '[data-testid="sim-add-event"]:not([disabled])'
		},
		(o) => ({ page } = o)
	);

	it('an event added at the cursor and nudged behind the watermark is dropped; deleting it undoes that', async () => {
		// Spark filters late rows with the previous batch's watermark, by window end (an event at
		// 0 s is in window [0, 10 s)): play on until the watermark is well past 10 s.
		for (let i = 0; i < 20 && parseFloat(await text(page, 'sim-watermark')) < 15; i++) {
			await page.getByTestId('sim-step').click();
		}
		// What the next batch drops without any edit, at the cursor one batch on.
		const t0 = await text(page, 'sim-cursor');
		await page.getByTestId('sim-step').click();
		const t1 = await text(page, 'sim-cursor');
		const base = await dropped(page);
		await page.getByTestId('sim-step-back').click();
		assert.equal(await text(page, 'sim-cursor'), t0);
		const dotsBefore = await page.getByTestId('sim-dot').count();

		await page.getByTestId('sim-add-event').click();
		const added = page.locator('[data-testid="sim-dot"][data-id$="-user-1"]');
		await added.waitFor({ state: 'attached', timeout: 5000 });
		await settled(page);
		assert.equal(await page.getByTestId('sim-dot').count(), dotsBefore + 1);
		assert.equal(await added.getAttribute('data-edited'), 'true');
		// The new dot has the focus: ↓ nudges its event time 1 s back per press, far behind the
		// watermark (the delay is seconds; the cursor is tens of seconds in).
		assert.equal(await added.evaluate((el) => el === document.activeElement), true);
		for (let i = 0; i < 60; i++) await page.keyboard.press('ArrowDown');
		// Each nudge re-runs the engine in its worker: the hint reads the run that has landed.
		await settled(page);
		assert.match(await text(page, 'sim-input-edits'), /event time 0 s/);
		// The cursor did not move: the arrows went to the dot, not to the transport.
		assert.equal(await text(page, 'sim-cursor'), t0);

		await page.getByTestId('sim-step').click();
		assert.equal(await text(page, 'sim-cursor'), t1);
		// The plot crosses the edited row out. numRowsDroppedByWatermark counts late groups
		// (window + key), so it grows by one unless the input's own late rows already put that
		// group in this batch's drops.
		assert.equal(
			await page.locator('[data-testid="view-event-time"] g.dropped[data-id$="-user-1"]').count(),
			1,
			'the edited event is dropped by the watermark'
		);
		assert.ok((await dropped(page)) >= base, 'the drop count never falls when a row is added');

		// Select it again and delete it: the run replays without it.
		await added.click();
		await page.keyboard.press('Delete');
		await settled(page);
		assert.equal(await page.locator('[data-testid="sim-dot"][data-id$="-user-1"]').count(), 0);
		assert.equal(await dropped(page), base, 'back to the count without the event');
	});

	it('Reset input clears the edits', async () => {
		await page.getByTestId('sim-add-event').click();
		await page
			.locator('[data-testid="sim-dot"][data-id$="-user-2"]')
			.waitFor({ state: 'attached' });
		assert.match(await text(page, 'sim-edit-count'), /edit/);
		await page.getByTestId('sim-reset-input').click();
		await settled(page);
		assert.equal(await page.locator('[data-testid="sim-dot"][data-edited="true"]').count(), 0);
		assert.equal(await page.getByTestId('sim-edit-count').count(), 0);
		assert.ok(await page.getByTestId('sim-reset-input').isDisabled());
	});

	it('no console errors', () => assert.deepEqual(errors, []));
});
