// Pages fit a phone and a projector without sideways scrolling (the laptop: pages.test.mjs, which
// loads every page at 1280x800 once for all its checks); screenshots are written to test-results/
// to be looked at. One context per viewport: a page's scripts come from its cache after the first
// page (a fresh context per page fetched and compiled Monaco each time).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { VIEWPORTS, drawn, launch, openPage } from './browser.mjs';

// The home page and every page with a simulation (issue 5: each is looked at at every size).
const PAGES = [
	'/',
	'/questions/basic-01-stream-processing',
	'/questions/basic-02-pyspark-streaming-support',
	'/questions/basic-03-dstreams',
	'/questions/basic-05-windows',
	'/questions/basic-08-late-data',
	'/questions/basic-11-micro-batches',
	'/questions/advanced-02-event-time-watermarks',
	'/questions/advanced-07-event-time-and-state',
	'/questions/advanced-14-joins-aggregations'
];

describe('layout at a phone and a projector', () => {
	let browser;
	const contexts = {};
	before(async () => {
		browser = await launch();
		mkdirSync('test-results', { recursive: true });
	});
	after(async () => browser?.close());

	for (const name of ['phone', 'projector']) {
		const viewport = VIEWPORTS[name];
		for (const path of PAGES) {
			it(`${path} at ${name} (${viewport.width}x${viewport.height}) has no horizontal overflow`, async () => {
				const context = (contexts[name] ??= await browser.newContext({
					viewport,
					colorScheme: name === 'projector' ? 'dark' : 'light'
				}));
				const errors = [];
				const page = await openPage(context, path, errors);
				await drawn(page);
				const overflow = await page.evaluate(
					() => document.documentElement.scrollWidth - document.documentElement.clientWidth
				);
				assert.ok(overflow <= 1, `page is ${overflow}px wider than the viewport`);
				const file = `test-results/${name}${path.replaceAll('/', '_') || '_home'}.png`;
				await page.screenshot({ path: file });
				assert.deepEqual(errors, []);
				await page.close();
			});
		}
	}

	it('the theme toggle switches to dark and back', async () => {
		const context = await browser.newContext({ viewport: VIEWPORTS.laptop, colorScheme: 'light' });
		const page = await openPage(context, '/', []);
		const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
		const light = await bg();
		await page.getByRole('button', { name: /Theme/ }).click(); // system → light
		await page.getByRole('button', { name: /Theme/ }).click(); // light → dark
		assert.notEqual(await bg(), light);
		await context.close();
	});
});
