// advanced-12 (testing and debugging): the page runs its pytest module on the engine as steps
// (add data, process all available, expect, restart) with pass or fail per step. It plays its
// default and every preset to the end with no console error; the aha at seed 1: step 1 expects
// nothing (the window [00:00:00, 00:00:10) is open), step 2's processAllAvailable runs 2 batches
// (the second with no data) and the closed window (d1, 2) is there; with a 20 s delay the same
// expectation fails with the row missing; a restart on the memory sink is Spark's
// AnalysisException; update mode fails step 1. Controls rewrite the program and an edit of the
// step table rewrites it too. Screenshots go to test-results/.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
	VIEWPORTS,
	editorText,
	openForSuite,
	openPage,
	settled,
	stepToEnd,
	text
} from './browser.mjs';

const PAGE = '/questions/advanced-12-testing-debugging';

const status = (page, n) => page.getByTestId(`step-${n}`).getAttribute('data-status');

describe('advanced-12 testing and debugging page', () => {
	let browser;
	let page;
	const errors = openForSuite(
		PAGE,
		{ ready: '[data-testid="step-table"]' },
		(o) => ({ page, browser } = o)
	);

	it('opens on the test as a table of steps and plays it to a pass', async () => {
		assert.equal(await page.getByTestId('step-table').locator('tbody tr').count(), 8);
		await page.screenshot({ path: 'test-results/advanced-12-1280-open.png' });
		await stepToEnd(page);
		assert.equal(await text(page, 'test-verdict'), 'PASSED: 1 test, 2 asserts passed');
		assert.equal(await status(page, 4), 'pass');
		assert.equal(await status(page, 7), 'pass');
		// Step 2's processAllAvailable ran batch 2 (the file) and batch 3 (no data) that wrote the window.
		assert.match(await text(page, 'step-6'), /batch 2, 3 \(no data\)/);
		assert.match(await text(page, 'batch-3'), /3 \(no data\)\s*6\s*0\s*00:00:15\s*1\s*1/);
		assert.match(await text(page, 'explain'), /StateStoreSave \[window, device\]/);
		await page.getByTestId('step-table').scrollIntoViewIfNeeded();
		await page.screenshot({ path: 'test-results/advanced-12-1280-passed.png' });
	});

	it('plays every preset to the end with its story in the step table', async () => {
		for (const id of [
			'append-window-test',
			'failing-expectation',
			'restart-step',
			'update-mode-test'
		]) {
			await page.getByTestId(`preset-${id}`).click();
			await settled(page);
			await page.waitForSelector('[data-testid="step-table"]', { timeout: 20000 });
			await stepToEnd(page);
			const verdict = await text(page, 'test-verdict');
			if (id === 'append-window-test') assert.match(verdict, /^PASSED/);
			if (id === 'failing-expectation') {
				assert.match(verdict, /^FAILED at line 81/);
				assert.match(await text(page, 'assert-diff'), /expected, not there/);
				assert.equal(await text(page, 'diff-actual'), '[]');
				await page.getByTestId('assert-diff').scrollIntoViewIfNeeded();
				await page.screenshot({ path: 'test-results/advanced-12-1280-failing.png' });
			}
			if (id === 'restart-step')
				assert.match(
					await text(page, 'start-error'),
					/This query does not support recovering from checkpoint location/
				);
			if (id === 'update-mode-test') {
				assert.equal(await status(page, 4), 'fail');
				assert.equal(await text(page, 'diff-actual'), '1');
			}
		}
		assert.deepEqual(errors, []);
	});

	it('a control rewrites the program; an edit of the step table rewrites it too', async () => {
		await page.getByTestId('preset-append-window-test').click();
		await settled(page);
		await page.waitForSelector('[data-testid="code-editor"][data-ready="true"]', {
			timeout: 20000
		});
		await page.getByTestId('param-includeRestart').selectOption('on');
		await settled(page);
		assert.match(await editorText(page), /\n?\s*query\.stop\(\) {2}# <- includeRestart/);
		await page.getByTestId('param-includeRestart').selectOption('off');
		await settled(page);
		await stepToEnd(page);
		await page.getByTestId('step-edit-7').click();
		await page.getByTestId('step-edit-input').fill('[("2026-01-01 00:00:00", "d1", 3)]');
		await page.getByTestId('step-edit-apply').click();
		await page
			.waitForFunction(
				() =>
					/FAILED/.test(document.querySelector('[data-testid="test-verdict"]')?.textContent ?? ''),
				null,
				{ timeout: 15000 }
			)
			.catch(async () => {
				await stepToEnd(page);
			});
		await settled(page);
		assert.match(await editorText(page), /"d1", 3\)\]/);
		assert.deepEqual(errors, []);
	});

	it('an edit of the program moves the control', async () => {
		await page.getByTestId('preset-append-window-test').click();
		await settled(page);
		await page.waitForSelector('[data-testid="code-editor"][data-ready="true"]', {
			timeout: 20000
		});
		// Uncomment the two restart lines in the editor (they are in view: the test's start).
		for (const text of ['# query.stop()', '# query = start_query(']) {
			const line = page.locator('.monaco-editor .view-line', { hasText: text });
			await line.locator('span span', { hasText: /query/ }).first().dblclick();
			await page.keyboard.press('Home');
			await page.keyboard.press('Delete');
			await page.keyboard.press('Delete');
		}
		await page.waitForFunction(
			() =>
				/** @type {HTMLSelectElement | null} */ (
					document.querySelector('[data-testid="param-includeRestart"]')
				)?.value === 'on',
			null,
			{ timeout: 10000 }
		);
		await settled(page);
		assert.deepEqual(errors, []);
	});

	it('looks right at 1920x1080, in presenter mode and on a phone', async () => {
		const wide = await browser.newContext({ viewport: VIEWPORTS.projector });
		const p = await openPage(wide, PAGE, errors);
		await p.waitForSelector('[data-testid="step-table"]', { timeout: 20000 });
		await p.screenshot({ path: 'test-results/advanced-12-1920.png' });
		await p.locator('body').click({ position: { x: 5, y: 5 } });
		await p.keyboard.press('p');
		await p.getByTestId('presenter-bar').waitFor();
		const table = await p.getByTestId('step-table').boundingBox();
		assert.ok(table && table.y < 1080, `the step table starts at ${table?.y}px`);
		await p.screenshot({ path: 'test-results/advanced-12-presenter-1920.png' });
		await wide.close();
		const phone = await browser.newContext({ viewport: VIEWPORTS.phone });
		const q = await openPage(phone, PAGE, errors);
		await q.waitForSelector('[data-testid="step-table"]', { timeout: 20000 });
		await q.getByTestId('step-table').scrollIntoViewIfNeeded();
		await q.screenshot({ path: 'test-results/advanced-12-390.png' });
		await phone.close();
		assert.deepEqual(errors, []);
	});
});
