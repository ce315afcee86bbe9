// advanced-09 (custom sources and sinks): the page draws the batch's calls to the program's own
// data source and writer as a sequence; it plays its default and each preset to the end with no
// console error; the aha: the deterministic read's replay reads 0 rows differently, the random
// read's replay reads every row differently, the appending commit writes the replayed batch
// twice; a control rewrites the program and an edit in the editor moves the control.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EDITOR_READY, drawn, launch, openIn, settled, stepToEnd, text } from './browser.mjs';

const PAGE = '/questions/advanced-09-custom-sources-sinks';
const num = async (page, id) => Number(await text(page, id));

/** The program as Monaco shows it, scrolled through top to bottom (it renders only the lines in
 *  view, and the code focus keeps the method Spark is calling in view). */
async function codeSeen(page) {
	await page.waitForSelector('[data-testid="code-editor"][data-ready="true"]', { timeout: 15000 });
	const lines = page.locator('.monaco-editor .view-lines').first();
	await lines.click();
	await page.keyboard.press('Control+Home');
	let seen = '';
	for (let i = 0; i < 12; i++) {
		await drawn(page);
		seen += `\n${await lines.innerText()}`;
		await page.keyboard.press('PageDown');
	}
	return seen.replace(/\u00a0/g, ' ');
}

describe('advanced-09 custom source and sink page', () => {
	let browser;
	const errors = [];
	before(async () => {
		browser = await launch();
	});
	after(async () => browser?.close());

	it('draws the call sequence and plays every preset to its story', async () => {
		const { context, page } = await openIn(browser, PAGE, {
			errors,
			ready: '[data-testid="call-sequence"]'
		});
		const seq = await text(page, 'call-sequence');
		for (const call of ['latestOffset()', 'partitions(', 'read(IdRange', 'write(', 'offsets/'])
			assert.ok(seq.includes(call), `the opening batch shows ${call}`);
		const expected = {
			'deterministic-read': { diff: 0, duplicates: false },
			'non-deterministic-read': { diff: 100, duplicates: false },
			'non-idempotent-commit': { diff: 0, duplicates: true }
		};
		for (const [id, want] of Object.entries(expected)) {
			await page.getByTestId(`preset-${id}`).click();
			await settled(page);
			await stepToEnd(page);
			assert.equal(await num(page, 'replays'), 1, `${id}: one replay`);
			assert.equal(await num(page, 'replay-diff'), want.diff, `${id}: rows read differently`);
			assert.equal(
				(await page.getByTestId('sink-duplicates').count()) > 0,
				want.duplicates,
				`${id}: lines written twice`
			);
			if (want.duplicates)
				assert.ok((await num(page, 'sink-lines')) > (await num(page, 'committed-batches')));
			const code = id === 'deterministic-read' ? '' : await codeSeen(page);
			if (id === 'non-deterministic-read') assert.match(code, /random\.random\(\)/);
			if (id === 'non-idempotent-commit') assert.match(code, /"ledger\.jsonl"\), "a"\)/);
		}
		assert.deepEqual(errors, []);
		await context.close();
	});

	it('a control rewrites the program; the replay note says what the replay read', async () => {
		const { context, page } = await openIn(browser, PAGE, { errors });
		const input = page.getByTestId('param-numPartitions');
		await input.fill('4');
		await input.dispatchEvent('change');
		await settled(page);
		assert.match(await codeSeen(page), /\.option\("numPartitions", 4\)/);
		await stepToEnd(page);
		assert.match(await text(page, 'offset-log'), /offsets\/\d+/);
		assert.deepEqual(errors, []);
		await context.close();
	});
});

describe('advanced-09: the editor moves the controls; Compare', () => {
	let browser;
	before(async () => {
		browser = await launch();
	});
	after(async () => browser?.close());

	it('an edit in the editor moves the controls to what the program says', async () => {
		const errors = [];
		const { context, page } = await openIn(browser, PAGE, {
			errors,
			clipboard: true,
			ready: EDITOR_READY
		});
		const lines = page.locator('.monaco-editor .view-lines').first();
		await lines.click();
		await page.keyboard.press('Control+A');
		await page.keyboard.press('Control+C');
		const code = await page.evaluate(() => navigator.clipboard.readText());
		const edited = code
			.replace('.option("numPartitions", 2)', '.option("numPartitions", 3)')
			.replace(
				'reading = (row_id * 7919 % 1000) / 10.0',
				'reading = round(random.random() * 100, 1)'
			);
		assert.notEqual(edited, code);
		await page.evaluate((t) => navigator.clipboard.writeText(t), edited);
		await lines.click();
		await page.keyboard.press('Control+A');
		await page.keyboard.press('Control+V');
		for (const [id, value] of [
			['numPartitions', '3'],
			['deterministicRead', 'off']
		])
			await page.waitForFunction(
				([sel, v]) => document.querySelector(sel)?.value === v,
				[`[data-testid="param-${id}"]`, value],
				{ timeout: 5000 }
			);
		await settled(page);
		assert.deepEqual(errors, []);
		await context.close();
	});

	it('Compare: the same crash with a random read beside the deterministic one', async () => {
		const errors = [];
		const { context, page } = await openIn(browser, PAGE, { errors });
		await page.getByTestId('sim-compare').click();
		await page.getByTestId('compare-param').selectOption('deterministicRead');
		const value = page.getByTestId('compare-value');
		if ((await value.evaluate((el) => el.tagName)) === 'SELECT') await value.selectOption('off');
		else {
			await value.fill('off');
			await value.dispatchEvent('change');
		}
		await page.getByTestId('compare-side-B').waitFor({ timeout: 10000 });
		await stepToEnd(page);
		assert.equal(await num(page, 'compare-replay-diff-A'), 0);
		assert.equal(await num(page, 'compare-replay-diff-B'), 100);
		assert.deepEqual(errors, []);
		await context.close();
	});
});
