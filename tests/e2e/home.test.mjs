// The index lists the 30 questions in two groups and filters them by text and by tag.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openIn } from './browser.mjs';

describe('home page', () => {
	let browser;
	let page;
	const errors = [];
	before(async () => {
		browser = await launch();
		({ page } = await openIn(browser, '/', { errors, viewport: { width: 1280, height: 800 } }));
	});
	after(async () => browser?.close());

	it('lists 15 basic and 15 advanced questions', async () => {
		assert.equal(await page.getByTestId('question-card').count(), 30);
		assert.equal(await page.locator('#h-basic + ol > li').count(), 15);
		assert.equal(await page.locator('#h-advanced + ol > li').count(), 15);
	});

	it('filters by text', async () => {
		await page.getByTestId('filter-text').fill('watermark');
		const n = await page.getByTestId('question-card').count();
		assert.ok(n > 0 && n < 30, `text filter keeps some questions (${n})`);
		await page.getByTestId('filter-text').fill('zzzz-nothing');
		assert.equal(await page.getByTestId('question-card').count(), 0);
		await page.getByTestId('filter-text').fill('');
	});

	it('filters by tag and the filtered cards all carry it', async () => {
		await page.getByTestId('tag-kafka').click();
		const cards = page.getByTestId('question-card');
		const n = await cards.count();
		assert.ok(n > 0 && n < 30);
		for (let i = 0; i < n; i++) assert.match((await cards.nth(i).textContent()) ?? '', /kafka/);
		await page.getByTestId('tag-kafka').click();
		assert.equal(await cards.count(), 30);
	});

	it('logs no console error', () => assert.deepEqual(errors, []));
});
