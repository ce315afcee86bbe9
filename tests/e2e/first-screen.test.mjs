// The main visual on the first screen (developers' brief, "Every live page"): at 1920x1080 in
// presenter mode, on every page with a simulation, after a few batches, the page's main drawing
// (the element its kind marks `data-main-visual`, the first one in the view) starts on the first
// screen and most of it is there: at least half of it, or 300px of a tall one. A page whose
// narration, trouble box or controls push the drawing below the fold fails here.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, openPage, settled, VIEWPORTS } from './browser.mjs';

const registry = readFileSync('simulations/registry.ts', 'utf8');
const LIVE = [...registry.matchAll(/^\t'([a-z0-9-]+)': \{/gm)].map((m) => m[1]);

describe('the main visual is on the first screen of a projector, presenting', () => {
	let browser;
	let context;
	before(async () => {
		browser = await launch();
		context = await browser.newContext({ viewport: VIEWPORTS.projector });
	});
	after(async () => browser?.close());

	it('reads the live pages from the registry', () => {
		assert.ok(LIVE.length >= 20, `${LIVE.length} live pages read`);
	});

	for (const slug of LIVE) {
		it(slug, async () => {
			const errors = [];
			const page = await openPage(context, `/questions/${slug}`, errors);
			await page.getByTestId('sim-step').waitFor();
			await page.locator('body').click({ position: { x: 5, y: 5 } });
			await page.keyboard.press('p');
			await page.getByTestId('presenter-bar').waitFor();
			for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
			await settled(page);
			const box = await page.evaluate((height) => {
				const el = document.querySelector('.sim-view [data-main-visual]');
				if (!el) return null;
				const r = el.getBoundingClientRect();
				return {
					top: r.top,
					height: r.height,
					visible: Math.max(0, Math.min(height, r.bottom) - Math.max(0, r.top)),
					what: el.getAttribute('data-testid') ?? el.className
				};
			}, VIEWPORTS.projector.height);
			assert.ok(box, `${slug}: no [data-main-visual] in the simulation's view`);
			assert.ok(box.height > 40, `${slug}: the main visual (${box.what}) is ${box.height}px tall`);
			assert.ok(
				box.visible >= Math.min(300, box.height / 2),
				`${slug}: ${box.visible.toFixed(0)} of ${box.height.toFixed(0)}px of ${box.what} on the first screen (top at ${box.top.toFixed(0)}px)`
			);
			assert.deepEqual(errors, []);
			await page.close();
		});
	}
});
