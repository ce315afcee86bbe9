// Every question page loads without console errors and shows its question, answer and code.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SLUGS, drawn, launch, openPage } from './browser.mjs';

describe('question pages', () => {
	let browser;
	let context;
	before(async () => {
		browser = await launch();
		context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	});
	after(async () => browser?.close());

	it('there are 30 questions', () => {
		assert.equal(SLUGS.length, 30);
	});

	for (const slug of SLUGS) {
		it(`${slug} shows its question, answer and code with no console error`, async () => {
			const errors = [];
			const page = await openPage(context, `/questions/${slug}`, errors);
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
			await page.waitForSelector('[data-testid="code-editor"][data-ready="true"]', {
				timeout: 15000
			});
			await drawn(page);
			// No internal label reaches a reader: simulation numbers ("SIM-5") stay in the code.
			const text = await page.evaluate(() => document.body.innerText);
			assert.doesNotMatch(text, /\bSIM-\d+/, 'an internal simulation label is on the page');
			assert.deepEqual(errors, []);
			await page.close();
		});
	}
});
