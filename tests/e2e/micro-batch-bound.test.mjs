// The micro-batch pages run the program in the editor: editing the query changes the result
// table (stream and bounded table alike), a parameter rewrites its span of the program, and a
// query Spark's analyzer rejects shows the AnalysisException in the panel and in the editor.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EDITOR_READY, editorShows, editorText, launch, openIn } from './browser.mjs';

/** The first cell of every row of a table, in order. */
const firstColumn = (page, testId) =>
	page
		.getByTestId(testId)
		.locator('tbody tr')
		.evaluateAll((rows) => rows.map((r) => r.querySelector('td')?.textContent ?? ''));

describe('code-bound micro-batch simulation (basic-01)', () => {
	let browser;
	let page;
	let program = '';
	const errors = [];
	before(async () => {
		browser = await launch();
		({ page } = await openIn(browser, '/questions/basic-01-stream-processing', {
			errors,
			viewport: { width: 1280, height: 800 },
			clipboard: true,
			ready: EDITOR_READY
		}));
		program = await fullProgram();
	});
	after(async () => browser?.close());

	async function replaceProgram(code) {
		await page.evaluate((text) => navigator.clipboard.writeText(text), code);
		await page.locator('.monaco-editor .view-lines').first().click();
		await page.keyboard.press('Control+A');
		await page.keyboard.press('Control+V');
	}

	it('says the program is the simulation', async () => {
		const text = (await page.textContent('body')) ?? '';
		assert.match(text, /This program is the simulation/);
		assert.doesNotMatch(text, /Editing the code does not drive this simulation/);
	});

	it('shows keys 0 … 4 from % NUM_KEYS on the stream and the bounded table', async () => {
		assert.deepEqual(await firstColumn(page, 'result-table'), ['0', '1', '2', '3', '4']);
		assert.deepEqual(await firstColumn(page, 'bounded-table'), ['0', '1', '2', '3', '4']);
	});

	it('editing % NUM_KEYS to % 3 re-runs the query: keys 0, 1, 2 on both sides', async () => {
		assert.match(program, /% NUM_KEYS\)\.alias\("key"\)\)\.count\(\)/);
		const code = await fullProgram();
		await replaceProgram(
			code.replace(
				'counts = stream.groupBy((F.col("value") % NUM_KEYS)',
				'counts = stream.groupBy((F.col("value") % 3)'
			)
		);
		await page.waitForFunction(
			() => document.querySelectorAll('[data-testid="result-table"] tbody tr').length === 3,
			null,
			{ timeout: 5000 }
		);
		assert.deepEqual(await firstColumn(page, 'result-table'), ['0', '1', '2']);
		assert.deepEqual(await firstColumn(page, 'bounded-table'), ['0', '1', '2']);
		const bounded = await page
			.getByTestId('bounded-table')
			.locator('tbody tr')
			.evaluateAll((rows) => rows.map((r) => r.textContent));
		assert.deepEqual(bounded, ['034', '133', '233']);
	});

	it('the edited program travels in the address bar: a fresh page opens on it', async () => {
		await page.waitForFunction(() => new URLSearchParams(location.search).has('code'), null, {
			timeout: 5000
		});
		const fresh = await page.context().newPage();
		await fresh.goto(page.url(), { waitUntil: 'load' });
		await fresh.waitForFunction(
			() => document.querySelectorAll('[data-testid="bounded-table"] tbody tr').length === 3,
			null,
			{ timeout: 10000 }
		);
		const bounded = await fresh
			.getByTestId('bounded-table')
			.locator('tbody tr')
			.evaluateAll((rows) => rows.map((r) => r.textContent));
		assert.deepEqual(bounded, ['034', '133', '233']);
		await fresh.close();
	});

	it('a parameter rewrites its span of the program (and keeps the edit)', async () => {
		const input = page.getByTestId('param-eventRate');
		await input.fill('20');
		await input.dispatchEvent('change');
		await editorShows(page, /\.option\("rowsPerSecond", 20\)/);
		const code = await editorText(page);
		assert.match(code, /\.option\("rowsPerSecond", 20\)/);
		assert.match(code, /% 3\)/);
	});

	it('the append-rejected preset shows Spark’s AnalysisException in the panel and the editor', async () => {
		await page.getByRole('button', { name: /Append rejected/ }).click();
		await page.getByTestId('sim-error').waitFor({ timeout: 5000 });
		assert.match(
			(await page.getByTestId('sim-error').textContent()) ?? '',
			/Append output mode not supported/
		);
		await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 5000 });
		assert.match(await editorText(page), /\.outputMode\("append"\)/);
	});

	it('a program the engine cannot read is marked; no run is shown', async () => {
		await page.getByRole('button', { name: /Table vs stream/ }).click();
		await page.getByTestId('sim-error').waitFor({ state: 'detached', timeout: 5000 });
		const code = await fullProgram();
		await replaceProgram(
			code.replace('.option("rowsPerSecond", 5)', '.option("rowsPerSecond", 0)')
		);
		await page.getByTestId('sim-program-error').waitFor({ timeout: 5000 });
		assert.match(
			(await page.getByTestId('sim-program-error').textContent()) ?? '',
			/rowsPerSecond/
		);
		assert.equal(
			await page.getByTestId('result-table').locator('tbody tr').count(),
			0,
			'no stale run under the error'
		);
	});

	it('logs no console error', () => assert.deepEqual(errors, []));

	/** The whole program, copied out of the editor (the DOM holds only the visible lines). */
	async function fullProgram() {
		await page.locator('.monaco-editor .view-lines').first().click();
		await page.keyboard.press('Control+A');
		await page.keyboard.press('Control+C');
		return page.evaluate(() => navigator.clipboard.readText());
	}
});
