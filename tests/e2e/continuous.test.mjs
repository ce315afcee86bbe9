// basic-11's continuous-processing contrast: the Continuous preset writes
// `.trigger(continuous="1 second")` into the program, the simulation draws long-running tasks and
// epochs instead of batches, step moves from one epoch commit to the next (with the trigger line
// lit), and going back to processingTime brings the micro-batches back.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openIn } from './browser.mjs';

const num = async (page, id) => parseFloat((await page.getByTestId(id).textContent()) ?? 'NaN');
const code = async (page) =>
	((await page.getByTestId('code-editor').textContent()) ?? '').replace(/\u00a0/g, ' ');

describe('continuous processing on basic-11', () => {
	let browser;
	let page;
	const errors = [];
	before(async () => {
		browser = await launch();
		({ page } = await openIn(browser, '/questions/basic-11-micro-batches', {
			errors,
			viewport: { width: 1280, height: 800 }
		}));
		await page.getByTestId('sim-play').waitFor();
		await page.waitForSelector('[data-testid="code-editor"][data-ready="true"]', {
			timeout: 15000
		});
	});
	after(async () => browser?.close());

	it('the Continuous preset: the program says continuous="1 second" and the view shows tasks and epochs', async () => {
		await page.getByTestId('preset-continuous-contrast').click();
		await page.getByTestId('view-continuous').waitFor({ timeout: 5000 });
		assert.equal(await page.getByTestId('view-timeline').count(), 0, 'no micro-batch timeline');
		assert.match(await code(page), /\.trigger\(continuous="1 second"\)/);
		const text = (await page.getByTestId('sim-continuous').textContent()) ?? '';
		assert.match(text, /continuous="1 second" is the epoch \(checkpoint\) interval/);
		assert.match(text, /At-least-once/);
		assert.match(await page.locator('#sim-title').textContent(), /in continuous processing/);
		assert.equal((await page.getByTestId('sim-step').textContent())?.trim(), 'Step one epoch');
	});

	it('step stops at each epoch commit: the count grows by one, the scrubber names the commit', async () => {
		await page.getByTestId('sim-restart').click();
		assert.equal(await num(page, 'sim-batch-count'), 0);
		await page.getByTestId('sim-step').click();
		await page.getByTestId('sim-step').click();
		await page.getByTestId('sim-step').click();
		assert.equal(await num(page, 'sim-batch-count'), 3);
		const lines = await page.locator('[data-testid="view-continuous"] line.epoch-commit').count();
		assert.equal(lines, 3, 'one commit line per committed epoch');
		await page.getByTestId('sim-step-back').click();
		assert.equal(await num(page, 'sim-batch-count'), 2);
		assert.equal(
			await page.locator('[data-testid="view-continuous"] line.epoch-commit').count(),
			2
		);
	});

	it('a commit marker seeks to it and lights the .trigger(continuous=...) line', async () => {
		for (const kind of ['epoch', 'offsets', 'commit', 'failure', 'restart']) {
			assert.ok((await page.getByTestId(`scrub-marker-${kind}`).count()) > 0, kind);
		}
		await page.getByTestId('scrub-marker-commit').nth(4).click();
		assert.match(
			(await page.getByTestId('scrub-tip').textContent()) ?? '',
			/commits\/\d+ written: epoch \d+ committed/
		);
		await page.locator('.monaco-editor .sim-code-focus-trigger').first().waitFor({ timeout: 5000 });
		const t0 = await num(page, 'sim-cursor');
		await page.getByTestId('sim-step').click();
		const t1 = await num(page, 'sim-cursor');
		assert.ok(t1 > t0 && t1 - t0 <= 1.2, `one epoch later: ${t0} → ${t1}`);
	});

	it('the failure marker shows the failure and the replayed rows', async () => {
		await page.getByTestId('scrub-marker-restart').first().click();
		assert.match(
			(await page.getByTestId('scrub-tip').textContent()) ?? '',
			/restarted from the checkpoint, after epoch \d+: \d+ rows processed again/
		);
		await page.getByTestId('sim-step').click();
		assert.ok((await page.locator('[data-testid="view-continuous"] .failure').count()) > 0);
	});

	it('back to processingTime: micro-batches again', async () => {
		await page.getByTestId('param-triggerKind').selectOption('processingTime');
		await page.getByTestId('view-timeline').waitFor({ timeout: 5000 });
		assert.equal(await page.getByTestId('view-continuous').count(), 0);
		assert.match(await code(page), /\.trigger\(processingTime="1 second"\)/);
		assert.match(await page.locator('#sim-title').textContent(), /in micro-batches/);
		assert.equal((await page.getByTestId('sim-step').textContent())?.trim(), 'Step one batch');
	});

	it('a share link with the preset opens on the continuous view', async () => {
		await page.goto(page.url().split('?')[0] + '?preset=continuous-contrast&batch=5&paused');
		await page.getByTestId('view-continuous').waitFor({ timeout: 5000 });
		assert.equal(await num(page, 'sim-batch-count'), 6, 'epochs 0–5 committed');
	});

	it('logs no console error', () => assert.deepEqual(errors, []));
});
