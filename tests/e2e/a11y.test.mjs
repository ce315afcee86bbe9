// Accessibility in the suite: axe-core on every page (index and the 30 questions), in the light and
// the dark theme, after the simulation has drawn. Zero serious or critical violations.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { BASE, SLUGS, drawn, launch, settled } from './browser.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PATHS = ['/', ...SLUGS.map((s) => `/questions/${s}`)];

async function violations(page) {
	await page.addScriptTag({ path: AXE });
	return page.evaluate(async () => {
		const r = await window.axe.run(document, {
			runOnly: {
				type: 'tag',
				values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']
			}
		});
		return r.violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map(
				(v) =>
					`${v.id} (${v.impact}): ${v.nodes.length}× e.g. ${v.nodes[0]?.target.join(' ')} — ${v.nodes[0]?.failureSummary?.split('\n')[1]?.trim() ?? ''}`
			);
	});
}

for (const scheme of ['light', 'dark']) {
	describe(`axe-core, ${scheme} theme`, () => {
		let browser;
		let context;
		before(async () => {
			browser = await launch();
			context = await browser.newContext({
				colorScheme: scheme,
				viewport: { width: 1280, height: 800 }
			});
		});
		after(async () => browser?.close());

		it(
			`no serious or critical violations on the index and all 30 questions (${scheme})`,
			{ timeout: 600_000 },
			async () => {
				const found = [];
				const page = await context.newPage();
				for (const path of PATHS) {
					await page.goto(BASE + path, { waitUntil: 'load' });
					// Check the page as a reader sees it: Monaco (lazy, after first paint) included.
					if (await page.$('[data-testid="code-editor"]')) {
						await page.waitForSelector('[data-testid="code-editor"][data-ready="true"]', {
							timeout: 20000
						});
					}
					// The simulation's latest run landed and drawn (the page as it stays).
					await settled(page);
					await drawn(page);
					for (const v of await violations(page)) found.push(`${path}: ${v}`);
				}
				assert.deepEqual(found, []);
			}
		);
	});
}
