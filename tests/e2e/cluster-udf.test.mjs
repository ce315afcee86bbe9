// advanced-13 on the cluster kind: one transformation written four ways (built-in, Python UDF,
// Arrow UDF, pandas UDF). The page opens on the pandas UDF with the four throughput ceilings
// drawn against the input rate and each batch's duration split (JVM / serialization + transfer
// / Python); the default and every preset play to the end with no console error; the program
// at every preset passes the PySpark stub check; the aha at seed 1 (the Python UDF's ceiling an
// order of magnitude under the built-in's and the pandas UDF's; overloaded, its backlog grows;
// tiny Arrow batches make the pandas UDF pay a crossing per 100 rows); the transformation
// control rewrites the one span and an edit moves the control; a program PySpark refuses shows
// its error and no animation.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { VIEWPORTS, launch, openPage, settled } from './browser.mjs';
import { playToEnd, programText } from './cluster-play.mjs';
import { assertStubCheck } from './stub-check.mjs';

const PAGE = '/questions/advanced-13-libraries-custom-transformations';
const RUN_S = 60;
const num = (s) => Number((s ?? '').replace(/[^\d]/g, ''));
const ceiling = async (page, kind) =>
	Number(
		await page
			.locator(`[data-chart="udf-ceilings"] rect[data-kind="${kind}"]`)
			.getAttribute('data-ceiling')
	);
const backlog = async (page) => num(await page.getByTestId('cluster-backlog').textContent());
const split = async (page, part) =>
	num(await page.getByTestId('udf-last-split').locator(`[data-part="${part}"]`).textContent());

async function paste(page, code) {
	await page.waitForSelector('[data-testid="code-editor"][data-ready="true"]', { timeout: 20000 });
	await page.evaluate((t) => navigator.clipboard.writeText(t), code);
	await page.locator('.monaco-editor .view-lines').first().click();
	await page.keyboard.press('Control+A');
	await page.keyboard.press('Control+V');
}

describe('advanced-13 UDF kinds on the cluster kind', () => {
	let browser;
	let page;
	const errors = [];
	const programs = [];
	before(async () => {
		browser = await launch();
		const context = await browser.newContext({ viewport: VIEWPORTS.laptop, acceptDownloads: true });
		await context.grantPermissions(['clipboard-read', 'clipboard-write']);
		page = await openPage(context, PAGE, errors);
		await page.getByTestId('udf-cost').waitFor({ timeout: 20000 });
		await settled(page);
	});
	after(async () => browser?.close());

	it('opens on the pandas UDF with the four ceilings against the input rate', async () => {
		assert.equal(await page.getByTestId('param-transformKind').inputValue(), 'pandasUdf');
		assert.equal(num(await page.getByTestId('udf-input-rate').textContent()), 5000);
		const [builtin, python, arrow, pandas] = [
			await ceiling(page, 'builtin'),
			await ceiling(page, 'python'),
			await ceiling(page, 'arrow'),
			await ceiling(page, 'pandas')
		];
		// The aha: the same transformation's ceiling moves by an order of magnitude.
		assert.ok(builtin > 10 * python && pandas > 10 * python, `${builtin} ${pandas} ${python}`);
		assert.ok(arrow > python && arrow < pandas);
		assert.ok((await split(page, 'transferMs')) > 0, 'the pandas UDF pays Arrow transfer');
	});

	const ends = {
		'udf-kinds': async () => assert.ok((await backlog(page)) < 5000),
		'python-udf-overload': async () => {
			assert.ok((await backlog(page)) > 100_000, 'the backlog grows past the ceiling');
			assert.ok((await split(page, 'transferMs')) > (await split(page, 'jvmMs')));
			assert.ok((await ceiling(page, 'python')) < 40000);
		},
		builtin: async () => {
			assert.equal(await split(page, 'transferMs'), 0);
			assert.equal(await split(page, 'pythonMs'), 0);
		},
		'tiny-arrow-batches': async () => {
			assert.ok((await ceiling(page, 'pandas')) < 100_000, 'a crossing per 100 rows');
			assert.ok((await split(page, 'transferMs')) >= 400);
		}
	};
	for (const [id, check] of Object.entries(ends)) {
		it(`preset ${id} plays to the end with its story`, async () => {
			await page.getByTestId(`preset-${id}`).click();
			await settled(page);
			await playToEnd(page, RUN_S, 60000);
			await check();
			programs.push({ name: id, code: await programText(page) });
		});
	}

	it('the program at every preset passes the PySpark stub check', () => {
		assertStubCheck(programs, 4);
	});

	it('the transformation control rewrites its span; an edit in the editor moves the control', async () => {
		await page.getByTestId('preset-udf-kinds').click();
		await settled(page);
		await page.getByTestId('param-transformKind').selectOption('arrowUdf');
		await settled(page);
		assert.match(
			await programText(page),
			/converted = readings\.withColumn\("fahrenheit", to_fahrenheit_arrow\("celsius"\)\)/
		);
		const code = await programText(page);
		await paste(
			page,
			code.replace('to_fahrenheit_arrow("celsius"))', 'to_fahrenheit_udf("celsius"))')
		);
		await page.waitForFunction(
			() => document.querySelector('[data-testid="param-transformKind"]')?.value === 'pythonUdf',
			null,
			{ timeout: 10000 }
		);
		await settled(page);
	});

	it('a program PySpark refuses shows its error and no animation', async () => {
		const code = await programText(page);
		await paste(
			page,
			code.replace(
				'def to_fahrenheit_pandas(celsius: pd.Series) -> pd.Series:',
				'def to_fahrenheit_pandas(celsius):'
			)
		);
		await page.getByTestId('sim-error').waitFor({ timeout: 10000 });
		assert.match(
			(await page.getByTestId('sim-error').textContent()) ?? '',
			/TYPE_HINT_SHOULD_BE_SPECIFIED/
		);
		assert.equal(await page.getByTestId('udf-cost').count(), 0);
		await page.getByTestId('preset-udf-kinds').click();
		await page.getByTestId('sim-error').waitFor({ state: 'detached', timeout: 10000 });
		await settled(page);
	});

	it('logs no console error', () => assert.deepEqual(errors, []));
});
