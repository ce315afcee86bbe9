// advanced-10 on the cluster kind: the program's settings drive the run (read by the project's
// front ends), the PID holds the receiver to capacity where no backpressure queues batches, and
// maxOffsetsPerTrigger bounds Structured batches where no limit lets them snowball. Capacities
// are computed by hand from the page's cost model (world.ts).
import { describe, expect, it } from 'vitest';
import { defaultParams, type Params } from '../../../../simulations/core/params';
import { clusterKind } from '../../../../simulations/kinds/cluster/kind';
import { clusterEngine } from '../../../../simulations/kinds/cluster/engine';
import type { ClusterScenario } from '../../../../simulations/kinds/cluster/question';
import type { ClusterSimRun } from '../../../../simulations/kinds/cluster/frames';
import {
	advanced10DStream,
	advanced10Structured
} from '../../../../simulations/questions/advanced-10-backpressure/question';
import {
	SPIKE_AT_MS,
	SPIKE_MS
} from '../../../../simulations/questions/advanced-10-backpressure/world';
import { runResult } from '../../fixtures/run-program';

const paramsOf = (q: ClusterScenario, over: Params = {}) =>
	q.constrain({ ...defaultParams(q.schema), ...over }).params;

function run(q: ClusterScenario, over: Params = {}, code?: string) {
	const params = paramsOf(q, over);
	return runResult(clusterEngine, q, params, code);
}

function ok(r: ReturnType<typeof run>): ClusterSimRun {
	if (!r.ok) throw new Error(r.error.message);
	return r.value;
}

const inSpike = (r: ClusterSimRun) =>
	r.batches.filter((b) => b.dueMs >= SPIKE_AT_MS + 10_000 && b.dueMs < SPIKE_AT_MS + SPIKE_MS);

describe('DStream backpressure', () => {
	// local[4] with a receiver: 3 cores for 10 block tasks = 4 waves. A 2 s batch fits when
	// 50 + 4 × (10 + n/10 × 0.5) ≤ 2000, i.e. n ≤ 9550 records: capacity 4775 records/s.
	const on = ok(run(advanced10DStream));
	const off = ok(run(advanced10DStream, { backpressureEnabled: 'off' }));

	it('publishes a rate that settles at the capacity during the spike, with no queue', () => {
		for (const b of inSpike(on)) {
			expect(b.rateLimit).toBeGreaterThan(4775 * 0.98);
			expect(b.rateLimit).toBeLessThan(4775 * 1.02);
			expect(b.schedulingDelayMs).toBe(0);
			expect(b.queuedAtEnd).toBe(0);
		}
		// The excess waits at the source: 4× 2000 records/s in, ≈ 4775 out, for 60 s.
		const deepest = Math.max(...on.batches.map((b) => b.backlogAtEnd));
		expect(deepest).toBeGreaterThan(180_000);
		expect(deepest).toBeLessThan(220_000);
	});

	it('the first batch only seeds the estimator; the second publishes a rate', () => {
		const [b0, b1] = on.batches;
		expect(b0?.rateLimit).toBe(1000); // spark.streaming.backpressure.initialRate
		expect(b0?.pid?.firstRun).toBe(true);
		expect(b0?.pid?.newRate).toBeUndefined();
		// 1999 records in 50 + 4 × (10 + 200 × 0.5) = 490 ms (the busiest task has 200 rows).
		expect(b0?.processingMs).toBe(490);
		expect(b1?.pid?.newRate).toBeDefined();
	});

	it('without it, the receiver takes the spike and batches queue with a growing delay', () => {
		const delays = inSpike(off).map((b) => b.schedulingDelayMs);
		expect(delays).toEqual([...delays].sort((a, b) => a - b));
		expect(Math.max(...delays)).toBeGreaterThan(30_000);
		expect(Math.max(...off.batches.map((b) => b.queuedAtEnd))).toBeGreaterThan(150_000);
		expect(off.batches.every((b) => b.pid === null)).toBe(true);
	});

	it('an estimate below capacity stops at pid.minRate', () => {
		const floor = ok(
			run(advanced10DStream, { producerRate: 200, spikeFactor: 1, perRecordCost: 30000 })
		);
		expect(floor.batches.slice(8, 40).every((b) => b.rateLimit === 100)).toBe(true);
		const late = floor.batches.filter((b) => b.endMs <= floor.runMs).at(-1);
		expect(late?.schedulingDelayMs).toBeGreaterThan(20_000);
	});
});

describe('Structured Streaming: maxOffsetsPerTrigger instead', () => {
	it('no batch reads more than the limit, and none overruns the 2 s trigger', () => {
		const r = ok(run(advanced10Structured));
		expect(r.batches.every((b) => b.records <= 5000)).toBe(true);
		expect(r.batches.every((b) => b.processingMs < 2000)).toBe(true);
		expect(r.logs).toEqual([]);
	});

	it('without it, each overrunning batch finds more to read: they snowball', () => {
		const r = ok(run(advanced10Structured, { rateLimit: 'off' }));
		const spike = r.batches.filter((b) => b.dueMs >= SPIKE_AT_MS);
		const sizes = spike.slice(0, 5).map((b) => b.records);
		expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
		expect(sizes[4]).toBeGreaterThan(4 * (sizes[0] ?? 0));
		expect(r.logs[0]?.message).toMatch(/^Current batch is falling behind/);
	});

	it('conserves every record: processed, waiting or dropped', () => {
		for (const over of [{}, { rateLimit: 'off' }, { producerRate: 20000 }] as Params[]) {
			const t = ok(run(advanced10Structured, over)).totals;
			expect(t.processed + t.backlog + t.dropped).toBe(t.produced);
		}
	});
});

describe('the program drives the run, and the controls follow it', () => {
	it('reads the batch interval, backpressure and the limit from the edited program', () => {
		const q = advanced10DStream;
		const params = paramsOf(q);
		const code = q
			.program(params)
			.replace('StreamingContext(sc, 2)', 'StreamingContext(sc, 3)')
			.replace('backpressure.enabled", "true"', 'backpressure.enabled", "false"');
		const r = ok(run(q, {}, code));
		expect(r.intervalMs).toBe(3000);
		expect(r.batches.every((b) => b.pid === null)).toBe(true);
		expect(clusterKind.paramsOf(q, code, r, params)).toMatchObject({
			batchInterval: 3,
			backpressureEnabled: 'off'
		});
		const s = advanced10Structured;
		const sp = paramsOf(s);
		const scode = s
			.program(sp)
			.replace('"maxOffsetsPerTrigger", 5000', '"maxOffsetsPerTrigger", 8000');
		const sr = ok(run(s, {}, scode));
		expect(sr.batches.every((b) => b.records <= 8000)).toBe(true);
		expect(clusterKind.paramsOf(s, scode, sr, sp)).toMatchObject({ maxOffsetsPerTrigger: 8000 });
	});

	it('refuses what it cannot run with a located message', () => {
		const s = advanced10Structured;
		const code = s.program(paramsOf(s));
		const bad = [
			code.replace('.format("kafka")', '.format("socket")'),
			code.replace('processingTime="2 seconds"', 'once=True'),
			code.replace('"maxOffsetsPerTrigger", 5000', '"maxOffsetsPerTrigger", "lots"'),
			code.replace('averages = events', 'averages = (events')
		];
		for (const c of bad) {
			const r = run(s, {}, c);
			expect(r.ok).toBe(false);
			if (!r.ok) expect(r.error.line).toBeGreaterThan(1);
		}
		const d = advanced10DStream;
		const local1 = d.program(paramsOf(d)).replace('local[4]', 'local[1]');
		const r = run(d, {}, local1);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.error.message).toMatch(/receiver takes the only core/);
	});
});
