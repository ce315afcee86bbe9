// basic-13 on the cluster kind: the page opens on the overload challenge (one executor, no
// maxOffsetsPerTrigger) with its growing backlog; every challenge preset plays to the end with
// no console error and its signature on screen (dropped rows, state rows, a long task, files,
// backlog, a failed query with Spark's error), and the fix toggle rewrites that challenge's line
// and removes the signature; an edit in the editor moves the controls.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, settled } from './browser.mjs';
import { jumpToEnd, playToEnd, programText } from './cluster-play.mjs';
import { assertStubCheck } from './stub-check.mjs';

const PAGE = '/questions/basic-13-challenges';
const RUN_S = 1200;

const counter = async (page, id) =>
	Number(
		(
			(await page
				.getByTestId('cluster-challenge')
				.first()
				.locator(`[data-counter="${id}"] dd`)
				.textContent()) ?? ''
		).replace(/[^\d]/g, '')
	);

describe('cluster challenges (basic-13)', () => {
	let browser;
	let page;
	const errors = [];
	const programs = [];
	before(async () => {
		browser = await launch();
		const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
		page = await openPage(context, PAGE, errors);
		await page.getByTestId('sim-cluster').waitFor();
		await settled(page);
	});
	after(async () => browser?.close());

	async function setFix(value) {
		await page.getByTestId('param-fixApplied').selectOption(value);
		await settled(page);
	}

	// Each challenge: its line before the fix, and its signature at the end with and without it.
	const cases = {
		overload: {
			line: (code) => !code.includes('maxOffsetsPerTrigger", 20000'),
			check: async (fixed) => {
				const backlog = Number(
					((await page.getByTestId('cluster-backlog').textContent()) ?? '').replace(/[^\d]/g, '')
				);
				if (fixed) assert.ok(backlog < 10000, `backlog ${backlog}`);
				else assert.ok(backlog > 10000, `backlog ${backlog}`);
			}
		},
		late: {
			line: (code) => code.includes('"event_time", "2 seconds"'),
			check: async (fixed) =>
				fixed
					? assert.equal(await counter(page, 'dropped'), 0)
					: assert.ok((await counter(page, 'dropped')) > 1000)
		},
		'state-growth': {
			line: (code) => code.includes('.dropDuplicates(["event_id"])'),
			check: async (fixed) =>
				fixed
					? assert.ok((await counter(page, 'state')) < 20000)
					: assert.ok((await counter(page, 'state')) > 100000)
		},
		skew: {
			line: (code) => !code.includes('minPartitions'),
			// The batch waits for its one long task: the longest batch is three times as long.
			check: async (fixed) => {
				const longest = Number.parseFloat(
					(await page
						.getByTestId('cluster-numbers-main')
						.locator('[data-number="duration"] dd')
						.textContent()) ?? ''
				);
				if (fixed) assert.ok(longest < 30, `longest batch ${longest} s`);
				else assert.ok(longest > 45, `longest batch ${longest} s`);
			}
		},
		'small-files': {
			line: (code) => code.includes('processingTime="1 second"'),
			check: async (fixed) =>
				fixed
					? assert.ok((await counter(page, 'files')) < 100)
					: assert.ok((await counter(page, 'files')) > 1000)
		},
		'schema-drift': {
			line: (code) => code.includes('{"mode": "FAILFAST"}'),
			check: async (fixed) => {
				if (fixed) {
					assert.equal(await page.getByTestId('cluster-query-failed').count(), 0);
					assert.ok((await counter(page, 'corrupt')) > 0);
				} else
					assert.match(
						(await page.getByTestId('cluster-query-failed').textContent()) ?? '',
						/STREAM_FAILED.*MALFORMED_RECORD_IN_PARSING/s
					);
			}
		}
	};

	// The opening challenge plays the whole 20-minute run at 20x once; the others jump to its end
	// with the presenter's End key (the same frame, a minute sooner per play).
	async function toEnd(id, fixed) {
		if (id === 'overload' && !fixed) return playToEnd(page, RUN_S, 300000);
		await jumpToEnd(page, RUN_S);
	}

	for (const [id, c] of Object.entries(cases)) {
		it(`preset ${id}: its line before the fix, its signature at the end, gone with the fix`, async () => {
			await page.getByTestId(`preset-${id}`).click();
			await settled(page);
			const before = await programText(page);
			programs.push({ name: `${id}-before`, code: before });
			assert.ok(c.line(before), 'the challenge’s line before its fix');
			await toEnd(id, false);
			await c.check(false);
			await setFix('on');
			const fixed = await programText(page);
			programs.push({ name: `${id}-fixed`, code: fixed });
			assert.ok(!c.line(fixed), 'the fix rewrote the line');
			await toEnd(id, true);
			await c.check(true);
		});
	}

	it('the program before and after every fix passes the PySpark stub check', () => {
		assertStubCheck(programs, 12);
	});

	it('an edit in the editor moves the controls', async () => {
		await page.getByTestId('preset-late').click();
		await settled(page);
		const code = await programText(page);
		await page.evaluate(
			(text) => navigator.clipboard.writeText(text),
			code.replace('"event_time", "2 seconds"', '"event_time", "30 seconds"')
		);
		await page.locator('.monaco-editor .view-lines').first().click();
		await page.keyboard.press('Control+A');
		await page.keyboard.press('Control+V');
		await page.waitForFunction(
			() => document.querySelector('[data-testid="param-fixApplied"]')?.value === 'on',
			null,
			{ timeout: 10000 }
		);
		await settled(page);
	});

	it('logs no console error', () => assert.deepEqual(errors, []));
});
