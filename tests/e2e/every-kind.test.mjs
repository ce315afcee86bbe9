// What the one controller gives every kind, tried on one page of each: an edit in the editor
// moves the parameter controls to what the program says, and Compare runs the program with one
// setting changed beside the page's own run, at one cursor. Event time (basic-08), micro-batch
// (basic-01) and DStreams (basic-03).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EDITOR_READY, launch, openIn } from './browser.mjs';

const text = async (loc) => ((await loc.textContent()) ?? '').replace(/\s+/g, ' ').trim();

const PAGES = [
	{
		kind: 'event-time',
		slug: 'basic-08-late-data',
		edit: [
			'.withWatermark("event_time", "5 seconds")',
			'.withWatermark("event_time", "20 seconds")'
		],
		control: ['watermarkDelay', '20'],
		compare: {
			param: 'watermarkDelay',
			value: '10',
			code: /withWatermark\("event_time", "10 seconds"\)/
		}
	},
	{
		kind: 'micro-batch',
		slug: 'basic-01-stream-processing',
		edit: ['NUM_KEYS = 5  # <- numKeys', 'NUM_KEYS = 3  # <- numKeys'],
		control: ['numKeys', '3'],
		compare: { param: 'numKeys', value: '2', code: /NUM_KEYS = 2/ }
	},
	{
		kind: 'dstream',
		slug: 'basic-03-dstreams',
		edit: ['    6,  # <- windowLength', '    8,  # <- windowLength'],
		control: ['windowLength', '8'],
		compare: { param: 'windowLength', value: '4', code: /^\s*4,\s+# <- windowLength/m }
	}
];

for (const p of PAGES) {
	describe(`every kind: ${p.kind} (${p.slug})`, () => {
		let browser;
		let page;
		const errors = [];
		before(async () => {
			browser = await launch();
			({ page } = await openIn(browser, `/questions/${p.slug}`, {
				errors,
				viewport: { width: 1280, height: 900 },
				clipboard: true,
				ready: EDITOR_READY
			}));
		});
		after(async () => browser?.close());

		/** The whole program, copied out of the editor (the DOM holds only the visible lines). */
		async function fullProgram() {
			await page.locator('.monaco-editor .view-lines').first().click();
			await page.keyboard.press('Control+A');
			await page.keyboard.press('Control+C');
			return page.evaluate(() => navigator.clipboard.readText());
		}

		async function replaceProgram(code) {
			await page.evaluate((t) => navigator.clipboard.writeText(t), code);
			await page.locator('.monaco-editor .view-lines').first().click();
			await page.keyboard.press('Control+A');
			await page.keyboard.press('Control+V');
		}

		it('an edit in the editor moves the parameter control to what the program says', async () => {
			const [id, value] = p.control;
			const control = page.getByTestId(`param-${id}`);
			assert.notEqual(await control.inputValue(), value);
			const code = await fullProgram();
			assert.ok(code.includes(p.edit[0]), `the program has ${p.edit[0]}`);
			await replaceProgram(code.replace(p.edit[0], p.edit[1]));
			await page.waitForFunction(
				([sel, v]) => document.querySelector(sel)?.value === v,
				[`[data-testid="param-${id}"]`, value],
				{ timeout: 5000 }
			);
			// The link carries the value the program now says.
			await page.waitForFunction(
				(v) => new URL(location.href).search.includes(v),
				`${id}=${value}`,
				{
					timeout: 5000
				}
			);
		});

		it('Compare: B is the program with one setting changed, both sides drawn at one cursor', async () => {
			await page.getByTestId('sim-compare').click();
			await page.getByTestId('compare-param').selectOption(p.compare.param);
			const value = page.getByTestId('compare-value');
			await value.fill(p.compare.value);
			await value.dispatchEvent('change');
			const b = page.getByTestId('compare-side-B');
			await b.waitFor({ timeout: 5000 });
			assert.ok(await page.getByTestId('compare-side-A').isVisible());
			assert.match(await page.getByTestId('compare-code').textContent(), p.compare.code);
			assert.match(await text(page.getByTestId('compare-summary')), /compared/);
			// Compare is in the link.
			await page.waitForFunction(
				(k) => new URL(location.href).searchParams.get('compare')?.startsWith(k),
				p.compare.param,
				{
					timeout: 5000
				}
			);
			await page.getByTestId('sim-compare').click();
			assert.equal(await page.getByTestId('compare-side-B').count(), 0);
		});

		it('says what the frame shows in a live region, and logs no console error', async () => {
			assert.ok((await text(page.getByTestId('sim-description'))).length > 10);
			assert.deepEqual(errors, []);
		});
	});
}

// Input edits, on every page of the kind that declares them (event time): a record added at the
// cursor is drawn, edited, replayed by the engine and carried in the link.
for (const slug of [
	'basic-05-windows',
	'advanced-02-event-time-watermarks',
	'advanced-07-event-time-and-state',
	'advanced-14-joins-aggregations'
]) {
	describe(`input edits: ${slug}`, () => {
		let browser;
		let page;
		const errors = [];
		before(async () => {
			browser = await launch();
			({ page } = await openIn(browser, `/questions/${slug}`, {
				errors,
				viewport: { width: 1280, height: 900 },
				ready: '[data-testid="sim-add-event"]:not([disabled])'
			}));
		});
		after(async () => browser?.close());

		it('adds a record at the cursor, nudges it, and the link carries the edits', async () => {
			const dots = await page.getByTestId('sim-dot').count();
			await page.getByTestId('sim-add-event').click();
			const added = page.locator('[data-testid="sim-dot"][data-id$="-user-1"]');
			await added.waitFor({ state: 'attached', timeout: 5000 });
			assert.equal(await page.getByTestId('sim-dot').count(), dots + 1);
			assert.equal(await added.getAttribute('data-edited'), 'true');
			for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
			assert.match(await text(page.getByTestId('sim-input-edits')), /event time/);
			await page.waitForFunction(
				() => new URL(location.href).searchParams.get('edits')?.startsWith('1.a_'),
				null,
				{
					timeout: 5000
				}
			);
			assert.deepEqual(errors, []);
		});
	});
}
