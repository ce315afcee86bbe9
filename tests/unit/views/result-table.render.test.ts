/**
 * ResultTable server-rendered on fixed engine runs: a file snapshot, and checks that it lists
 * exactly the rows the engine's sink received from the last batch finished at the cursor, in
 * the output's column order, and marks as new or changed exactly the rows the output mode makes
 * new (complete mode: those not in the previous batch's table; append and update: every row).
 */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { frameAt } from '$sim/kinds/event-time/frames';
import ResultTable from '$lib/views/result-table/ResultTable.svelte';
import { formatCell } from '$lib/views/result-table/rows';
import { COMPLETE, ET_FIXTURES, LATE_ROWS, SESSION, type EtFixture } from './fixtures/engine-runs';
import {
	childrenOf,
	findAll,
	hasClass,
	normalise,
	one,
	parseMarkup,
	textOf
} from './fixtures/markup';

const draw = (f: EtFixture, t = f.cursorMs) =>
	render(ResultTable, { props: { run: f.run, frame: frameAt(f.run, t) } }).body;

describe('ResultTable (server-rendered HTML)', () => {
	for (const f of [LATE_ROWS, SESSION, COMPLETE]) {
		it(`${f.slug} ${f.preset}, seed ${f.seed}, end of batch ${f.batchId}: snapshot`, async () => {
			await expect(normalise(draw(f))).toMatchFileSnapshot(
				`./__snapshots__/result-table-${f.name}.html.txt`
			);
		});
	}

	for (const f of ET_FIXTURES) {
		describe(`${f.slug} ${f.preset}, end of batch ${f.batchId}`, () => {
			const view = one(parseMarkup(draw(f)), 'view-result');
			const batch = f.run.batches.find((b) => b.batchId === f.batchId)!;

			it('names the engine’s last finished batch and lists exactly its sink rows, column by column', () => {
				expect(textOf(findAll(view, (e) => e.tag === 'h3')[0]!)).toBe(`Sink: batch ${f.batchId}`);
				const trs = findAll(view, (e) => e.tag === 'tr');
				if (batch.output.length === 0) {
					expect(trs).toHaveLength(0);
					expect(textOf(view)).toContain(`Batch ${f.batchId} emitted no rows`);
					return;
				}
				expect(childrenOf(trs[0]!, 'th').map(textOf)).toEqual([...f.run.outputColumns]);
				const body = trs.slice(1);
				expect(body.map((tr) => childrenOf(tr, 'td').map(textOf))).toEqual(
					batch.output.map((r) => r.map(formatCell))
				);
			});

			it('marks as new or changed the rows the output mode makes new', () => {
				const body = findAll(view, (e) => e.tag === 'tr').slice(1);
				const prev = f.run.batches.filter((b) => b.batchId < f.batchId).at(-1)?.output ?? [];
				const before = new Set(prev.map((r) => JSON.stringify(r)));
				const expected = batch.output.map(
					(r) => f.run.outputMode !== 'complete' || !before.has(JSON.stringify(r))
				);
				expect(body.map((tr) => hasClass(tr, 'marked'))).toEqual(expected);
			});
		});
	}

	it('the complete fixture re-emits unchanged rows (marked unchanged) beside changed ones', () => {
		const body = findAll(
			one(parseMarkup(draw(COMPLETE)), 'view-result'),
			(e) => e.tag === 'tr'
		).slice(1);
		const marks = body.map((tr) => hasClass(tr, 'marked'));
		expect(marks).toContain(true);
		expect(marks).toContain(false);
	});

	it('before any batch has finished it shows no rows', () => {
		const first = LATE_ROWS.run.batches[0]!;
		const view = one(parseMarkup(draw(LATE_ROWS, first.endMs - 1)), 'view-result');
		expect(textOf(findAll(view, (e) => e.tag === 'h3')[0]!)).toBe('Sink: no batch yet');
		expect(findAll(view, (e) => e.tag === 'tr')).toHaveLength(0);
	});
});
