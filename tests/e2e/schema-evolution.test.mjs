// advanced-11 (schema evolution): the page plays its default and every preset to the end with no
// console error; the producer's versions are drawn with each record in the lane of its fate;
// the aha at seed 1: v2's currency is dropped under the v1 schema (no column), added to the
// schema it reads null for the 40 v1 records; amount as a string makes 60 dead letters; FAILFAST
// stops the query with Spark's error. A control rewrites the program, an edit moves the control.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { editorText, openForSuite, settled, stepToEnd, text } from './browser.mjs';

const PAGE = '/questions/advanced-11-schema-evolution';

const count = async (page, v, fate) => Number(await text(page, `count-${v}-${fate}`));

describe('advanced-11 schema evolution page', () => {
	let page;
	const errors = openForSuite(
		PAGE,
		{ ready: '[data-testid="schema-timeline"]' },
		(o) => ({ page } = o)
	);

	it('opens on the producer timeline with v1 and v2 drawn and v2 records parsed', async () => {
		assert.equal(await page.getByTestId('version-band').count(), 2);
		assert.ok((await count(page, 'v2', 'parsed')) > 0, 'v2 records are good rows');
		assert.match(await text(page, 'lane-note'), /dropped field: currency/);
	});

	it('plays every preset to the end with its story in the counts', async () => {
		for (const id of ['field-added', 'schema-v2', 'type-changed', 'malformed', 'failfast']) {
			await page.getByTestId(`preset-${id}`).click();
			await settled(page);
			await page.waitForSelector('[data-testid="schema-timeline"]', { timeout: 20000 });
			await stepToEnd(page);
			if (id === 'field-added') {
				assert.equal(await count(page, 'v2', 'nulls'), 0);
				assert.doesNotMatch(await text(page, 'good-rows'), /currency/);
			}
			if (id === 'schema-v2') {
				assert.equal(await count(page, 'v1', 'nulls'), 40);
				assert.equal(await count(page, 'v2', 'parsed'), 80);
				assert.match(await text(page, 'good-rows'), /currency/);
			}
			if (id === 'type-changed') assert.equal(await count(page, 'v3', 'corrupt'), 60);
			if (id === 'malformed') assert.ok((await count(page, 'v2', 'corrupt')) > 5);
			if (id === 'failfast') {
				assert.match(
					await text(page, 'query-failed'),
					/MALFORMED_RECORD_IN_PARSING[\s\S]*Parse Mode: FAILFAST/
				);
				assert.equal(await count(page, 'v2', 'parsed'), 0);
			}
		}
		assert.deepEqual(errors, []);
	});

	it('a control rewrites the program; an edit of the program moves the control', async () => {
		await page.getByTestId('preset-field-added').click();
		await settled(page);
		await page.waitForSelector('[data-testid="code-editor"][data-ready="true"]', {
			timeout: 20000
		});
		await page.getByTestId('param-readerSchema').selectOption('v2');
		await settled(page);
		assert.match(await editorText(page), /event_time TIMESTAMP, currency STRING, _corrupt_record/);
		assert.match(await text(page, 'reader-schema'), /currency/);
		await page.getByTestId('param-readerSchema').selectOption('v1');
		await settled(page);
		const line = page.locator('.monaco-editor .view-line', { hasText: '"mode"' });
		await line
			.locator('span span', { hasText: /PERMISSIVE/ })
			.first()
			.dblclick();
		await page.keyboard.type('FAILFAST');
		await page.waitForFunction(
			() =>
				/** @type {HTMLSelectElement | null} */ (
					document.querySelector('[data-testid="param-parseMode"]')
				)?.value === 'FAILFAST',
			null,
			{ timeout: 10000 }
		);
		// The edited program runs once the editor's debounce has passed: its mode is on screen.
		await page.waitForFunction(
			() =>
				document.querySelector('[data-testid="parse-mode"]')?.textContent?.trim() === 'FAILFAST',
			null,
			{ timeout: 10000 }
		);
		await settled(page);
		assert.deepEqual(errors, []);
	});
});
