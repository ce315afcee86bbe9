// Every page, loaded once at a laptop's 1280x800: each question page shows its question, answer and
// code with no console error and no internal label, no page scrolls sideways (screenshots go to
// test-results/ to be looked at; layout.test.mjs does the phone and the projector), and axe-core finds no serious or critical violation on
// the index and the 30 questions, in the light and the dark theme, after the simulation has drawn.
// (This was two files and a third's laptop pass, pages, a11y and layout, that loaded the same
// pages at the same size, a11y twice: once per theme. Here the dark pass switches the system scheme on the loaded page, which the page
// follows live: CSS by its media queries, Monaco and the canvases by watchTheme. Pages loaded in
// the dark scheme are looked at in layout.test.mjs's projector pass.)
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { EDITOR_READY, SLUGS, VIEWPORTS, drawn, launch, openPage, settled } from './browser.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PATHS = ['/', ...SLUGS.map((s) => `/questions/${s}`)];

async function violations(page) {
	if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
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

describe('every page at 1280x800', () => {
	let browser;
	let context;
	before(async () => {
		browser = await launch();
		mkdirSync('test-results', { recursive: true });
		context = await browser.newContext({ colorScheme: 'light', viewport: VIEWPORTS.laptop });
	});
	after(async () => browser?.close());

	it('there are 30 questions', () => {
		assert.equal(SLUGS.length, 30);
	});

	for (const path of PATHS) {
		describe(path, () => {
			let page;
			const errors = [];
			before(async () => {
				page = await openPage(context, path, errors);
			});
			after(async () => page?.close());

			if (path !== '/') {
				it('shows its question, answer and code with no console error', async () => {
					const question = await page.getByTestId('question').textContent();
					assert.ok(question && question.trim().length > 10, 'question heading is shown');
					const answer = (await page.getByTestId('answer').textContent()) ?? '';
					assert.ok(
						answer.trim().split(/\s+/).length > 250,
						`answer has substance (${answer.length} chars)`
					);
					const code = (await page.getByTestId('code-editor').textContent()) ?? '';
					// Monaco may already show only the lines around the code focus (the run landed first).
					assert.match(
						code,
						/pyspark|StreamingContext|spark|\.(?:read|write)Stream|withWatermark|\bF\.\w+\(/i,
						'the program is shown'
					);
					// Monaco replaces the <pre> once loaded.
					await page.waitForSelector(EDITOR_READY, { timeout: 15000 });
					await drawn(page);
					// No internal label reaches a reader: simulation numbers ("SIM-5") stay in the code.
					const text = await page.evaluate(() => document.body.innerText);
					assert.doesNotMatch(text, /\bSIM-\d+/, 'an internal simulation label is on the page');
					assert.deepEqual(errors, []);
				});
			}

			it('has no horizontal overflow at laptop (1280x800)', async () => {
				await drawn(page);
				const overflow = await page.evaluate(
					() => document.documentElement.scrollWidth - document.documentElement.clientWidth
				);
				assert.ok(overflow <= 1, `page is ${overflow}px wider than the viewport`);
				await page.screenshot({ path: `test-results/laptop${path.replaceAll('/', '_')}.png` });
				assert.deepEqual(errors, []);
			});

			for (const scheme of ['light', 'dark']) {
				it(`axe-core: no serious or critical violations (${scheme} theme)`, async () => {
					await page.emulateMedia({ colorScheme: scheme });
					// Check the page as a reader sees it: Monaco (lazy, after first paint) included.
					if (await page.$('[data-testid="code-editor"]'))
						await page.waitForSelector(EDITOR_READY, { timeout: 20000 });
					// The simulation's latest run landed and drawn in this theme (the page as it stays).
					await settled(page);
					await drawn(page);
					assert.equal(
						await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches),
						scheme === 'dark'
					);
					assert.deepEqual(await violations(page), []);
				});
			}
		});
	}
});
