// Workshops have bad wifi: once a page has loaded, the service worker serves the whole site.
// Also: question pages are readable with JavaScript off (prerendered answer and program).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch } from './browser.mjs';

describe('offline and no-JS', () => {
	let browser;
	before(async () => {
		browser = await launch();
	});
	after(async () => browser?.close());

	it('after one visit, other pages load with the network off', async () => {
		const context = await browser.newContext({ serviceWorkers: 'allow' });
		const page = await context.newPage();
		await page.goto(BASE + '/', { waitUntil: 'load' });
		await page.evaluate(async () => {
			const reg = await navigator.serviceWorker.ready;
			// Precaching is done once the worker is active.
			return reg.active?.state;
		});
		await page.reload({ waitUntil: 'load' }); // now controlled by the worker
		await context.setOffline(true);
		await page.goto(BASE + '/questions/advanced-14-joins-aggregations', { waitUntil: 'load' });
		assert.match((await page.getByTestId('question').textContent()) ?? '', /join/i);
		await page.goto(BASE + '/questions/basic-11-micro-batches', { waitUntil: 'load' });
		await page.waitForSelector('[data-testid="code-editor"][data-ready="true"]', {
			timeout: 15000
		});
		await context.close();
	});

	it('a question page reads without JavaScript', async () => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto(BASE + '/questions/basic-05-windows', { waitUntil: 'load' });
		assert.match((await page.getByTestId('question').textContent()) ?? '', /window/i);
		assert.match((await page.getByTestId('code-pre').textContent()) ?? '', /withWatermark|window/);
		assert.ok(((await page.getByTestId('answer').textContent()) ?? '').length > 1000);
		await context.close();
	});
});
