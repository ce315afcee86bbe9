// The cluster view's geometry on advanced-10's runs at seed 1: charts drawn only up to the
// cursor, a dot per completed batch (the click targets), the Spark UI twin with Spark's chart
// names and units for each API, the Gantt's tasks on their cores, the PID terms per batch.
import { describe, expect, it } from 'vitest';
import { defaultParams, type Params } from '../../../simulations/core/params';
import { clusterEngine } from '../../../simulations/kinds/cluster/engine';
import type { ClusterSimRun } from '../../../simulations/kinds/cluster/frames';
import type { ClusterScenario } from '../../../simulations/kinds/cluster/question';
import {
	advanced10DStream,
	advanced10Structured
} from '../../../simulations/questions/advanced-10-backpressure/question';
import {
	drawChart,
	ganttLayout,
	pidRows,
	sparkUiCharts,
	storyCharts
} from '../../../src/lib/views/cluster/layout';
import { runProgram } from '../fixtures/run-program';

function runOf(q: ClusterScenario, over: Params = {}): ClusterSimRun {
	const params = q.constrain({ ...defaultParams(q.schema), ...over }).params;
	return runProgram(clusterEngine, q, params);
}

const dstream = runOf(advanced10DStream);
const structured = runOf(advanced10Structured);

describe('story charts', () => {
	it('hold one point per batch completed by the cursor, and nothing after it', () => {
		const t = 30_000;
		const done = dstream.batches.filter((b) => b.endMs <= t);
		const [rates, waiting, delays] = storyCharts(dstream, t);
		expect(rates?.series.map((s) => s.id)).toEqual(['produced', 'taken', 'capacity', 'limit']);
		expect(waiting?.series.map((s) => s.id)).toEqual(['backlog', 'queued']);
		expect(delays?.series.find((s) => s.id === 'scheduling')?.points).toHaveLength(done.length);
		const drawn = drawChart(rates!, 400, 150, t, String);
		const limit = drawn.series.find((s) => s.id === 'limit');
		expect(limit?.dots.map((d) => d.batchId)).toEqual(done.map((b) => b.id));
		expect(drawn.cursorX).toBeGreaterThan(drawn.plot.left);
		expect(drawn.cursorX).toBeLessThan(drawn.plot.right);
	});
});

describe('the Spark UI twin', () => {
	it('Structured Streaming: the statistics page charts from recentProgress', () => {
		const charts = sparkUiCharts(structured, structured.runMs);
		expect(charts.map((c) => `${c.title} (${c.unit})`)).toEqual([
			'Input Rate (records/sec)',
			'Process Rate (records/sec)',
			'Input Rows (records)',
			'Batch Duration (ms)',
			'Operation Duration (ms)',
			'Aggregated Number Of Total State Rows (records)',
			'Aggregated Number Of Updated State Rows (records)',
			'Aggregated State Memory Used In Bytes (bytes)',
			'Aggregated Number Of Rows Dropped By Watermark (records)'
		]);
		// 75 batches, but recentProgress keeps the newest 99 only: all here.
		expect(charts[2]?.series[0]?.points).toHaveLength(structured.batches.length);
	});

	it('DStreams: the Streaming tab’s four charts', () => {
		expect(sparkUiCharts(dstream, 60_000).map((c) => c.title)).toEqual([
			'Input Rate',
			'Scheduling Delay',
			'Processing Time',
			'Total Delay'
		]);
	});
});

describe('the Gantt', () => {
	it('draws every task of the batches in its window on its core, none after the cursor', () => {
		const t = 24_000;
		const g = ganttLayout(dstream, t, 1000);
		// local[4] with a receiver: three cores run tasks.
		expect(g.rows).toBe(3);
		const inWindow = dstream.batches.flatMap((b) =>
			(b.tasks ?? []).filter((k) => k.startMs <= t && k.endMs >= g.from)
		);
		expect(g.bars).toHaveLength(inWindow.length);
		// Each bar shows in the plot's window once scrolled (at least 1 px wide, even at the right edge).
		expect(g.plotX + g.plotW).toBe(1000 - 8);
		expect(g.bars.every((b) => b.x + g.offset + b.w >= 0 && b.x + g.offset <= g.plotW + 1)).toBe(
			true
		);
		expect(new Set(g.bars.map((b) => b.id)).size).toBe(g.bars.length);
		// The structured query's aggregation adds the shuffle stage's 200 tasks per batch.
		const s = ganttLayout(structured, 24_000, 1000);
		expect(new Set(s.bars.map((b) => b.stage))).toEqual(new Set([0, 1]));
	});
	it('playing scrolls the window: a finished task keeps its bar, only the offset moves', () => {
		const a = ganttLayout(dstream, 24_000, 1000);
		const b = ganttLayout(dstream, 24_500, 1000);
		expect(b.offset).toBeLessThan(a.offset);
		const before = new Map(a.bars.filter((x) => !x.running).map((x) => [x.id, x]));
		const kept = b.bars.filter((x) => before.has(x.id));
		expect(kept.length).toBeGreaterThan(0);
		for (const bar of kept) expect(bar).toEqual(before.get(bar.id));
	});
});

describe('PID terms', () => {
	it('one row per completed batch, the first seeding latestRate', () => {
		const rows = pidRows(dstream, 6_000, 10);
		expect(rows[0]?.newRate).toBe('seeds latestRate');
		expect(rows[1]?.newRate).toMatch(/^\d{1,3}(,\d{3})*$/);
		expect(rows.map((r) => r.batchId)).toEqual(
			dstream.batches.filter((b) => b.endMs <= 6_000).map((b) => b.id)
		);
	});
});
