// basic-03: the DStream program in the editor runs on the DStream engine; a preset that breaks a
// Spark rule shows Spark's error at its line; the Structured Streaming version sits beside it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openIn } from './browser.mjs';

const num = async (page, id) => parseFloat((await page.getByTestId(id).textContent()) ?? 'NaN');

describe('DStream simulation (basic-03)', () => {
	let browser;
	let page;
	const errors = [];
	before(async () => {
		browser = await launch();
		({ page } = await openIn(browser, '/questions/basic-03-dstreams', {
			errors,
			viewport: { width: 1280, height: 900 }
		}));
		await page.getByTestId('sim-dstream').waitFor();
		await page.waitForSelector('[data-testid="code-editor"][data-ready="true"]', {
			timeout: 15000
		});
	});
	after(async () => browser?.close());

	it('draws the batch grid and steps one batch interval at a time', async () => {
		assert.ok(await page.getByTestId('view-dstream-batches').isVisible());
		await page.getByTestId('sim-restart').click();
		await page.getByTestId('sim-step').click();
		const b1 = await num(page, 'sim-batch-count');
		await page.getByTestId('sim-step').click();
		assert.equal(await num(page, 'sim-batch-count'), b1 + 1);
	});

	it('without a checkpoint directory, Spark’s error is marked in the program', async () => {
		await page.getByTestId('preset-no-checkpoint').click();
		await page.getByTestId('sim-error').waitFor({ timeout: 5000 });
		assert.match((await page.getByTestId('sim-error').textContent()) ?? '', /checkpoint/i);
		await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 5000 });
		await page.getByTestId('preset-three-outputs').click();
		await page.getByTestId('sim-error').waitFor({ state: 'detached', timeout: 5000 });
	});

	it('shows the Structured Streaming version beside it', async () => {
		await page.getByTestId('sim-structured-toggle').click();
		await page.getByTestId('sim-structured').waitFor({ timeout: 5000 });
	});

	it('logs no console error', () => assert.deepEqual(errors, []));
});
