// advanced-13's drawing on its runs at seed 1: a ceiling bar per way of writing the
// transformation (the program's marked, one under the input rate flagged), and a column per
// finished batch whose segments split its duration by where its tasks' time went.
import { describe, expect, it } from 'vitest';
import { defaultParams, type Params } from '../../../simulations/core/params';
import { clusterEngine } from '../../../simulations/kinds/cluster/engine';
import type { ClusterSimRun } from '../../../simulations/kinds/cluster/frames';
import { advanced13Udfs as q } from '../../../simulations/questions/advanced-13-libraries-custom-transformations/question';
import { udfCostLayout } from '../../../src/lib/views/cluster/udf-cost-layout';
import { runProgram } from '../fixtures/run-program';

function runOf(over: Params = {}): ClusterSimRun {
	const params = q.constrain({ ...defaultParams(q.schema), ...over }).params;
	return runProgram(clusterEngine, q, params);
}

describe('udf cost layout', () => {
	it('draws the four ceilings on a log scale, the program’s marked, none under 5,000 rows/s', () => {
		const g = udfCostLayout(runOf(), 30_000, 600, 5000);
		expect(g.ceilings.bars.map((b) => [b.kind, b.current, b.below])).toEqual([
			['builtin', false, false],
			['python', false, false],
			['arrow', false, false],
			['pandas', true, false]
		]);
		const w = Object.fromEntries(g.ceilings.bars.map((b) => [b.kind, b.width]));
		// Log scale: an order of magnitude is a fixed width, so python < arrow < pandas < builtin.
		expect(w.python).toBeLessThan(w.arrow as number);
		expect(w.arrow).toBeLessThan(w.pandas as number);
		expect(w.pandas).toBeLessThan(w.builtin as number);
	});

	it('flags the Python UDF under the input rate and splits its batches mostly outside the JVM', () => {
		const run = runOf({ transformKind: 'pythonUdf', eventRate: 40000, executors: 1 });
		const g = udfCostLayout(run, run.runMs, 600, 40000);
		expect(g.ceilings.bars.find((b) => b.kind === 'python')?.below).toBe(true);
		const done = run.batches.filter((b) => b.endMs <= run.runMs);
		expect(g.batches.columns).toHaveLength(done.length);
		const col = g.batches.columns[g.batches.columns.length - 1];
		const h = Object.fromEntries((col?.segments ?? []).map((s) => [s.part, s.h]));
		expect(h.transferMs).toBeGreaterThan(h.jvmMs as number);
		expect(col?.over).toBe(true);
		// The segments stack to the batch's duration on the chart's scale.
		const total = (col?.segments ?? []).reduce((a, s) => a + s.h, 0);
		const expected =
			((col?.durationMs ?? 0) / g.batches.maxMs) * (g.batches.bottom - g.batches.top);
		expect(total).toBeCloseTo(expected, 6);
	});

	it('draws only the batches finished by the cursor', () => {
		const run = runOf();
		const g = udfCostLayout(run, 10_000, 600, 5000);
		expect(g.batches.columns.map((c) => c.id)).toEqual(
			run.batches.filter((b) => b.endMs <= 10_000).map((b) => b.id)
		);
		expect(g.last?.id).toBe(g.batches.columns.at(-1)?.id);
	});
});
