// A share link carries everything on an event-time page (basic-08): the Compare view and its
// second setting, the reader's input edits and an edited program, beside the parameters, seed and
// batch. Opened in a fresh page it shows the same columns, the same added dot, the same program.
// A malformed link (bad compare, edits and code values) renders with a notice for each.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage } from './browser.mjs';

const PAGE = '/questions/basic-08-late-data';
const NOTICES = '[data-testid="sim-event-time"] .notice';
const ADDED = '[data-id="events-user-1"]';
const EDIT_LINE = '# shared with the class: count per device and window';
const squash = (s) =>
	(s ?? '')
		.replace(/\u00a0/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
const text = async (page, id) => squash(await page.getByTestId(id).textContent());
/** The editor's rendered lines top to bottom (Monaco reuses line nodes, so DOM order is not
 *  line order once the text was edited). */
const editorText = (page) =>
	page.$$eval('[data-testid="code-editor"] .view-line', (lines) =>
		lines
			.map((l) => [parseFloat(l.style.top), (l.textContent ?? '').replace(/\u00a0/g, ' ')])
			.sort((a, b) => a[0] - b[0])
			.map((l) => l[1])
			.join('\n')
	);
const waitReady = async (page) => {
	await page.waitForSelector('[data-testid="code-editor"][data-ready="true"]', { timeout: 15000 });
	await page.waitForSelector('[data-testid="sim-share"]:not([disabled])', { timeout: 15000 });
};

/** What both pages must agree on while Compare is open. */
async function shown(page) {
	const side = (name) => page.getByTestId(`compare-side-${name}`);
	return {
		a: squash(await side('A').locator('h3').first().textContent()),
		b: squash(await side('B').locator('h3').first().textContent()),
		droppedA: await text(page, 'compare-dropped-A'),
		droppedB: await text(page, 'compare-dropped-B'),
		addedDotA: await side('A').locator(ADDED).count(),
		addedDotB: await side('B').locator(ADDED).count(),
		batches: await text(page, 'sim-batch-count'),
		cursor: await text(page, 'sim-cursor'),
		code: await editorText(page)
	};
}

describe('a share link carries compare, input edits and program edits (basic-08)', () => {
	let browser;
	let context;
	const errors = [];
	before(async () => {
		browser = await launch();
		context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
		await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	});
	after(async () => browser?.close());

	it('Copy link, then open it fresh: same compare columns, added dot, program and batch', async () => {
		const page = await openPage(context, PAGE, errors);
		await waitReady(page);

		// An input edit: a record at the cursor, nudged 3 s back in event time.
		await page.getByTestId('sim-add-event').click();
		const dot = page.locator(`[data-testid="sim-dot"]${ADDED}`);
		await dot.waitFor({ state: 'attached', timeout: 5000 });
		for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
		await page.waitForFunction(() => location.search.includes('edits='), null, { timeout: 5000 });

		// A program edit: a new first line, typed into Monaco.
		await page.locator('.monaco-editor .view-lines').first().click();
		await page.keyboard.press('Control+Home');
		await page.keyboard.press('Enter');
		await page.keyboard.press('ArrowUp');
		await page.keyboard.type(EDIT_LINE);
		await page.waitForFunction(() => location.search.includes('code='), null, { timeout: 5000 });
		assert.equal((await editorText(page)).split('\n')[0], EDIT_LINE);

		// Compare: the watermark delay, 5 s (the page) against 10 s.
		await page.getByTestId('sim-compare').click();
		await page.getByTestId('compare-param').selectOption('watermarkDelay');
		const value = page.getByTestId('compare-value');
		await value.fill('10');
		await value.dispatchEvent('change');
		await page.getByTestId('sim-step').click();
		await page.getByTestId('sim-step').click();
		await page.waitForFunction(
			() => location.search.includes('compare=watermarkDelay%3A10'),
			null,
			{
				timeout: 5000
			}
		);

		const before = await shown(page);
		assert.match(before.a, /watermark delay = 5 s/);
		assert.match(before.b, /watermark delay = 10 s/);
		assert.ok(before.addedDotA > 0 && before.addedDotB > 0, 'the added record is in both runs');

		await page.getByTestId('sim-share').click();
		await page
			.getByTestId('sim-share-status')
			.filter({ hasText: 'Link copied' })
			.waitFor({ timeout: 5000 });
		// Nothing is left out, so no caveat.
		assert.equal(await text(page, 'sim-share-status'), 'Link copied.');
		const link = new URL(await page.evaluate(() => navigator.clipboard.readText()));
		assert.equal(link.searchParams.get('compare'), 'watermarkDelay:10');
		assert.match(
			link.searchParams.get('edits') ?? '',
			/^1\.a_events-user-1_\d+_\d+\.m_events-user-1_-3000$/
		);
		assert.ok(link.searchParams.get('code'), 'the edited program is in the link');
		assert.ok(link.href.length < 8000, `link length ${link.href.length}`);

		const copy = await openPage(context, link.pathname + link.search, errors);
		await waitReady(copy);
		await copy.getByTestId('compare-side-B').waitFor({ timeout: 5000 });
		assert.deepEqual(await shown(copy), before);
		assert.equal(await copy.locator(NOTICES).count(), 0);

		// Closed, the single view shows the added record ringed as edited, nudged as it was.
		await copy.getByTestId('sim-compare').click();
		const copied = copy.locator(`[data-testid="sim-dot"]${ADDED}`);
		await copied.waitFor({ state: 'attached', timeout: 5000 });
		assert.equal(await copied.getAttribute('data-edited'), 'true');
		assert.match(await text(copy, 'sim-edit-count'), /^2 edits/);
		await copy.close();
		await page.close();
	});

	it('a malformed link shows a notice for each bad value and still renders', async () => {
		const page = await openPage(context, `${PAGE}?compare=bogus&edits=%%%&code=!!`, errors);
		await waitReady(page);
		const notices = await page.locator(NOTICES).allTextContents();
		const all = notices.join(' | ');
		assert.equal(notices.length, 3, all);
		assert.match(all, /Compare in the link: “bogus” is not a setting/);
		assert.match(all, /input edits in the link \(“edits”\)/);
		assert.match(all, /program in the link \(“code”\) is not base64url/);
		assert.ok(await page.getByTestId('view-event-time').isVisible(), 'the single view renders');
		assert.equal(await page.getByTestId('compare-side-B').count(), 0);
		assert.match(await editorText(page), /withWatermark\("event_time", "5 seconds"\)/);
		await page.close();
	});

	it('logs no console error', () => assert.deepEqual(errors, []));
});
