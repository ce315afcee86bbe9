// basic-15 on the cluster kind: each practice, toggled alone from its "after" value to its
// "before" one on the same producers (seed 1), moves the metric the page names: window state
// rows without a watermark, stateful tasks with 200 shuffle partitions, batch time with the
// HDFS-backed store, the largest batch without maxOffsetsPerTrigger, latency with a short
// trigger; all defaults together fall behind. Editing a practice's line moves its control, and
// Spark's refusal of append mode without a watermark reaches the page as the error.
import { describe, expect, it } from 'vitest';
import { defaultParams, type Params } from '../../../../simulations/core/params';
import { clusterKind } from '../../../../simulations/kinds/cluster/kind';
import { clusterEngine as engine } from '../../../../simulations/kinds/cluster/engine';
import type { ClusterSimRun } from '../../../../simulations/kinds/cluster/frames';
import { windowedState } from '../../../../simulations/cluster/run';
import {
	basic15Practices as q,
	DEVICES
} from '../../../../simulations/questions/basic-15-best-practices/question';
import { runResult } from '../../fixtures/run-program';

const paramsOf = (over: Params = {}) => q.constrain({ ...defaultParams(q.schema), ...over }).params;

function result(over: Params = {}, code?: string) {
	const params = paramsOf(over);
	return runResult(engine, q, params, code);
}
function run(over: Params = {}, code?: string): ClusterSimRun {
	const r = result(over, code);
	if (!r.ok) throw new Error(r.error.message);
	return r.value;
}
const preset = (id: string): Params => q.presets.find((p) => p.id === id)?.params ?? {};
const inRun = (r: ClusterSimRun) => r.batches.filter((b) => b.endMs <= r.runMs);
const stateRows = (r: ClusterSimRun) =>
	(r.progress ?? []).slice(0, inRun(r).length).map((p) => p.stateOperators[0]?.numRowsTotal ?? 0);
const max = (xs: readonly number[]) => xs.reduce((a, b) => Math.max(a, b), 0);
const statefulTasks = (r: ClusterSimRun) =>
	(inRun(r)[3]?.tasks ?? []).filter((t) => t.stage === 1).length;

describe('basic-15: each practice moves its metric (seed 1)', () => {
	const after = run();

	it('the watermark bounds window state; without it every minute adds a row per device', () => {
		const before = run(preset('no-watermark'));
		expect(max(stateRows(after))).toBeLessThanOrEqual(3 * DEVICES);
		const rows = stateRows(before);
		expect(rows.at(-1)).toBe(10 * DEVICES);
		for (let i = 1; i < rows.length; i++) expect(rows[i]).toBeGreaterThanOrEqual(rows[i - 1] ?? 0);
		// Without a watermark the program writes update mode: each batch emits the rows it changed.
		expect(before.settings.api === 'structured' && before.settings.outputMode).toBe('update');
	});

	it('200 shuffle partitions run 200 stateful tasks a batch, and each batch takes longer', () => {
		const before = run(preset('default-partitions'));
		expect(statefulTasks(after)).toBe(8);
		expect(statefulTasks(before)).toBe(200);
		const a = inRun(after);
		inRun(before).forEach((b, i) =>
			expect(b.processingMs).toBeGreaterThan(a[i]?.processingMs ?? 0)
		);
	});

	it('the HDFS-backed store makes batch time follow the state it holds', () => {
		const before = run(preset('hdfs-store'));
		expect(max(inRun(before).map((b) => b.processingMs))).toBeGreaterThan(
			max(inRun(after).map((b) => b.processingMs)) + 500
		);
	});

	it('maxOffsetsPerTrigger bounds the batches after the burst', () => {
		const before = run(preset('unbounded-batches'));
		expect(max(inRun(after).map((b) => b.records))).toBeLessThanOrEqual(50_000);
		expect(max(inRun(before).map((b) => b.records))).toBeGreaterThan(80_000);
	});

	it('a 2 s trigger cuts latency while batches fit it; all defaults together fall behind', () => {
		const short = run(preset('short-trigger'));
		expect(max(inRun(short).map((b) => b.latencyMs))).toBeLessThan(5_000);
		expect(inRun(short).every((b) => b.processingMs < 2_000)).toBe(true);
		const all = run(preset('all-before'));
		expect(inRun(all).filter((b) => b.schedulingDelayMs >= 50).length).toBeGreaterThan(50);
		expect(inRun(after).every((b) => b.schedulingDelayMs < 50)).toBe(true);
	});

	it('asks two predict-then-reveal questions and narrates each batch', () => {
		const asked = clusterKind.features.predictions?.(after) ?? [];
		expect(asked.length).toBeGreaterThanOrEqual(2);
		const b = inRun(after)[5];
		expect(b && clusterKind.describe(after, b.endMs)).toMatch(/^Batch 5 processed [\d,]+ records/);
	});

	it('conservation: every produced record is processed or waiting', () => {
		for (const p of q.presets) {
			const r = run(p.params);
			expect(r.totals.processed + r.totals.backlog + r.totals.dropped).toBe(r.totals.produced);
		}
	});
});

describe('basic-15: the program and its controls', () => {
	it('editing each practice’s line moves its control, and the control writes the same line', () => {
		const params = paramsOf();
		const code = q
			.program(params)
			.replace('"spark.sql.shuffle.partitions", "8"', '"spark.sql.shuffle.partitions", "16"')
			.replace('RocksDBStateStoreProvider', 'HDFSBackedStateStoreProvider')
			.replace('"maxOffsetsPerTrigger", 50000', '"maxOffsetsPerTrigger", 20000')
			.replace('"event_time", "60 seconds"', '"event_time", "2 minutes"')
			.replace('processingTime="30 seconds"', 'processingTime="10 seconds"');
		const moved = clusterKind.paramsOf(q, code, run({}, code), params);
		expect(moved).toMatchObject({
			shufflePartitions: 16,
			stateStoreProvider: 'hdfs',
			maxOffsetsPerTrigger: 20000,
			watermarkDelay: 120,
			triggerInterval: 10
		});
	});

	it('removing the watermark line by hand leaves append mode, which Spark refuses', () => {
		const code = q
			.program(paramsOf())
			.split('\n')
			.filter((l) => !l.includes('withWatermark'))
			.join('\n');
		const r = result({}, code);
		expect(r.ok).toBe(false);
		if (!r.ok) {
			expect(r.error.message).toMatch(
				/^Append output mode not supported when there are streaming aggregations/
			);
			expect(code.split('\n')[r.error.line - 1]).toContain('outputMode("append")');
		}
	});

	it('the watermark control removes the line and switches the output mode', () => {
		const code = q.program(paramsOf({ watermark: 'off' }));
		expect(code).not.toContain('withWatermark');
		expect(code).toContain('.outputMode("update")');
		expect(clusterKind.paramsOf(q, code, run({ watermark: 'off' }), paramsOf())['watermark']).toBe(
			'off'
		);
	});
});

describe('windowedState (counts)', () => {
	it('keeps a row per key and window until the watermark passes the window’s end', () => {
		// 10 keys, 60 s windows; events 0–89 s: windows 0 and 1.
		const a = windowedState(10, 60_000, { min: 0, max: 89_000 }, 0, 0, { first: null, last: -1 });
		expect(a).toEqual({ numRowsTotal: 20, numRowsUpdated: 20, numRowsRemoved: 0 });
		// Watermark 61 s: window 0 ended at 60 s and goes; events 90–130 s open window 2.
		const b = windowedState(10, 60_000, { min: 90_000, max: 130_000 }, 61_000, 20, {
			first: 0,
			last: 1
		});
		expect(b).toEqual({ numRowsTotal: 20, numRowsUpdated: 20, numRowsRemoved: 10 });
		// No watermark: nothing is evicted.
		const c = windowedState(10, 60_000, { min: 90_000, max: 130_000 }, null, 20, {
			first: 0,
			last: 1
		});
		expect(c.numRowsTotal).toBe(30);
		expect(c.numRowsRemoved).toBe(0);
	});
});
