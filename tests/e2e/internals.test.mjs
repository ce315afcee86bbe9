// advanced-01 on the fault-tolerance kind: the driver's durationMs strip and the executors' cores
// running one read task per Kafka partition and one stateful task per shuffle partition (the aha:
// tasks follow partitions); a lost executor re-runs its read tasks and loads its stores on the
// survivor; a killed driver replays batch 5 and loads every store; 2 shuffle partitions leave 6 of
// 8 cores idle. The shuffle partitions are a span both ways; every preset plays with no console error.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
	VIEWPORTS,
	editorText,
	launch,
	openIn,
	openPage,
	settled,
	stepToEnd,
	text
} from './browser.mjs';

const PAGE = '/questions/advanced-01-internals';
const tasks = (page, kind) => page.locator(`[data-testid="ft-task"][data-kind="${kind}"]`).count();

async function ready(page) {
	await page.getByTestId('sim-fault-tolerance').waitFor({ timeout: 20000 });
	await page.getByTestId('ft-internals').waitFor({ timeout: 20000 });
}

describe('advanced-01 internals page', () => {
	let browser;
	before(async () => {
		browser = await launch();
	});
	after(async () => browser?.close());

	it('opens on a batch: durationMs, 4 read tasks then 4 stateful tasks on 4 cores', async () => {
		const errors = [];
		for (const [name, viewport] of Object.entries(VIEWPORTS)) {
			const context = await browser.newContext({ viewport });
			const page = await openPage(context, PAGE, errors);
			await ready(page);
			assert.equal(await page.getByTestId('ft-duration').count(), 6);
			assert.equal(await text(page, 'ft-int-read'), '4');
			assert.equal(await text(page, 'ft-int-state'), '4');
			assert.equal(await text(page, 'ft-int-cores'), '4');
			assert.equal(await tasks(page, 'read'), 4);
			assert.equal(await tasks(page, 'state'), 4);
			await page.screenshot({ path: `test-results/advanced-01-${name}.png`, fullPage: false });
			await context.close();
		}
		assert.deepEqual(errors, []);
	});

	it('the shuffle partitions are a span both ways: the stateful stage follows them', async () => {
		const errors = [];
		const { context, page } = await openIn(browser, PAGE, { errors });
		await ready(page);
		await page.waitForSelector('[data-testid="code-editor"][data-ready="true"]', {
			timeout: 15000
		});
		// The program's top (Monaco draws only the lines in view; the code focus scrolls to the sink).
		await page.locator('.monaco-editor .view-lines').click();
		await page.keyboard.press('Control+Home');
		await page.getByTestId('param-shufflePartitions').fill('6');
		await page.getByTestId('param-shufflePartitions').dispatchEvent('change');
		await settled(page);
		await page.locator('.monaco-editor .view-lines').click();
		await page.keyboard.press('Control+Home');
		assert.match(await editorText(page), /"spark\.sql\.shuffle\.partitions", "6"/);
		assert.equal(await text(page, 'ft-int-state'), '6');
		// Editor → control: retype the 6 as 3.
		await page.locator('.monaco-editor .view-line', { hasText: 'shuffle.partitions' }).click();
		await page.keyboard.press('Home');
		for (let i = 0; i < '.config("spark.sql.shuffle.partitions", "'.length; i++)
			await page.keyboard.press('ArrowRight');
		await page.keyboard.press('Shift+ArrowRight');
		await page.keyboard.type('3');
		await page.waitForFunction(
			() => document.querySelector('[data-testid="param-shufflePartitions"]')?.value === '3',
			null,
			{ timeout: 15000 }
		);
		// The edited program re-runs: its stateful stage has 3 tasks.
		await page.waitForFunction(
			() => document.querySelector('[data-testid="ft-int-state"]')?.textContent?.trim() === '3',
			null,
			{ timeout: 15000 }
		);
		await settled(page);
		assert.deepEqual(errors, []);
		await context.close();
	});

	it('executor loss, driver crash, too few partitions: each preset’s story on screen', async () => {
		const errors = [];
		const opened = await openIn(browser, `${PAGE}?preset=executor-loss&batch=5&paused`, {
			errors
		});
		const { context } = opened;
		let { page } = opened;
		await ready(page);
		assert.equal(await text(page, 'ft-int-batch'), '5');
		assert.equal(await text(page, 'ft-int-lost'), 'executor 1 lost');
		assert.equal(await tasks(page, 'retry'), 2);
		assert.equal(await text(page, 'ft-int-loads'), '2');
		assert.equal(await page.getByTestId('ft-load').count(), 2);
		await page.screenshot({ path: 'test-results/advanced-01-executor-loss-1280.png' });
		await page.close();

		page = await openPage(context, `${PAGE}?preset=driver-crash&batch=6&paused`, errors);
		await ready(page);
		assert.equal(await text(page, 'ft-int-batch'), '5');
		assert.ok((await page.getByTestId('ft-replay').count()) > 0, 'batch 5 is a re-run');
		assert.equal(await text(page, 'ft-int-loads'), '4');
		await page.screenshot({ path: 'test-results/advanced-01-driver-crash-1280.png' });
		await page.close();

		page = await openPage(context, `${PAGE}?preset=too-few-partitions`, errors);
		await ready(page);
		assert.equal(await text(page, 'ft-int-cores'), '8');
		assert.equal(await text(page, 'ft-int-state'), '2');
		assert.match(await text(page, 'ft-int-idle'), /^6 cores idle/);
		await page.close();
		assert.deepEqual(errors, []);
		await context.close();
	});

	it('plays every preset to the end with no console error', async () => {
		const errors = [];
		const { context, page } = await openIn(browser, PAGE, { errors });
		await ready(page);
		for (const id of ['executor-loss', 'driver-crash', 'too-few-partitions', 'internals']) {
			await page.getByTestId(`preset-${id}`).click();
			await settled(page);
			await stepToEnd(page);
			assert.ok((await tasks(page, 'state')) > 0, `${id}: stateful tasks drawn at the end`);
		}
		assert.deepEqual(errors, []);
		await context.close();
	});
});
