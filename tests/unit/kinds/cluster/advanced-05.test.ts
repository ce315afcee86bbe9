// advanced-05 on the cluster kind: the page's program swept over one setting, each run a point of
// latency against throughput. At the defaults (20,000 records/s on 8 cores, 150 µs per record and
// stage, 100 ms of driver work and 10 ms per task) a back-to-back batch takes ≈ 120 / (1 − 0.75)
// = 480 ms, so the knee (batch duration ≈ interval) is the first swept trigger ≥ 480 ms: 500 ms.
import { describe, expect, it } from 'vitest';
import { defaultParams, type Params } from '../../../../simulations/core/params';
import { latencyQuantile, sweep } from '../../../../simulations/cluster/sweep';
import { runClusterQuery } from '../../../../simulations/cluster/run';
import { HOUR_SPEC } from '../../../../simulations/cluster/bench';
import { clusterEngine } from '../../../../simulations/kinds/cluster/engine';
import { clusterParamsOf } from '../../../../simulations/kinds/cluster/params';
import type { ClusterSimRun } from '../../../../simulations/kinds/cluster/frames';
import { describeSweep } from '../../../../simulations/kinds/cluster/sweep-story';
import { advanced05 } from '../../../../simulations/questions/advanced-05-latency-throughput/question';
import { runResult, unwrap } from '../../fixtures/run-program';

function run(over: Params = {}, edit?: (code: string) => string) {
	const params = advanced05.constrain({ ...defaultParams(advanced05.schema), ...over }).params;
	const code = advanced05.program(params);
	return runResult(clusterEngine, advanced05, params, edit ? edit(code) : code);
}
const ok = (r: ReturnType<typeof run>): ClusterSimRun => unwrap(r);
const point = (r: ClusterSimRun, v: number) => r.sweep?.points.find((p) => p.value === v);

describe('trigger sweep (latency-throughput-sweep)', () => {
	const r = ok(run());
	const s = r.sweep;

	it('runs every swept value, the program’s 1 s trigger among them and marked current', () => {
		expect(s?.over).toBe('triggerInterval');
		expect(s?.points.map((p) => p.value)).toEqual([
			0, 500, 1000, 1500, 2000, 3000, 5000, 10_000, 20_000, 30_000
		]);
		expect(s?.current).toBe(1000);
	});

	it('the knee is where a batch first fits its interval: 500 ms; below it batches run back to back', () => {
		expect(s?.knee).toBe(500);
		const def = point(r, 0);
		const knee = point(r, 500);
		expect(def && def.meanBatchMs > 400 && def.meanBatchMs < 500).toBe(true);
		expect(knee && knee.meanBatchMs <= 500).toBe(true);
		// The default trigger and a 500 ms one give nearly the same latency: no trigger can start
		// a batch before the previous one ends.
		expect(Math.abs((knee?.p50Ms ?? 0) - (def?.p50Ms ?? 0))).toBeLessThan(100);
	});

	it('longer triggers trade latency for throughput while they keep up', () => {
		const kept = (s?.points ?? []).filter((p) => !p.behind);
		for (let i = 1; i < kept.length; i++) {
			expect(kept[i]!.p50Ms).toBeGreaterThan(kept[i - 1]!.p50Ms);
			expect(kept[i]!.throughput).toBeGreaterThanOrEqual(kept[i - 1]!.throughput);
		}
		expect(kept.length).toBeGreaterThan(5);
	});

	it('past 5 s, 100,000 offsets per trigger is less than the producers write: those points fall behind', () => {
		expect(point(r, 5000)?.behind).toBe(false);
		expect(point(r, 10_000)?.behind).toBe(true);
		expect(point(r, 10_000)!.sustained).toBeLessThan(11_000);
	});

	it('p95 is never below p50, and the page’s run is the current point', () => {
		for (const p of s?.points ?? []) expect(p.p95Ms).toBeGreaterThanOrEqual(p.p50Ms);
		const cur = point(r, 1000);
		const own = r.batches.filter((b) => b.endMs <= r.runMs);
		expect(cur?.batches).toBe(own.length);
	});

	it('a click on a point names the controls that select it', () => {
		expect(point(r, 0)?.select).toEqual({ triggerInterval: 0 });
		expect(point(r, 1500)?.select).toEqual({ triggerInterval: 1.5 });
	});

	it('says its knee in words, with the engine’s numbers', () => {
		expect(describeSweep(s!)).toMatch(/^Knee at 0\.5 s/);
	});
});

describe('shuffle partitions sweep', () => {
	const r = ok(run({ shufflePartitions: 200, sweepOver: 'shufflePartitions' }));
	it('1 partition falls behind; 8 (the cores) is fastest; 200 pays a task overhead per partition', () => {
		expect(r.sweep?.cores).toBe(8);
		expect(point(r, 1)?.behind).toBe(true);
		expect(r.sweep?.knee).toBe(8);
		expect(point(r, 200)!.meanBatchMs).toBeGreaterThan(point(r, 8)!.meanBatchMs + 300);
		expect(r.sweep?.current).toBe(200);
	});
});

describe('backlog with a cap', () => {
	const r = ok(run({ initialBacklog: 2_000_000, sweepOver: 'maxOffsetsPerTrigger' }));
	it('without a limit the first batch takes the whole backlog; the cap bounds every batch', () => {
		const none = point(r, 0)!;
		const cap = point(r, 100_000)!;
		expect(none.meanBatchMs).toBeGreaterThan(10 * cap.meanBatchMs);
		expect(Math.max(...r.batches.map((b) => b.records))).toBeLessThanOrEqual(100_000);
		expect(point(r, 10_000)?.behind).toBe(true);
		expect(point(r, 0)?.select).toEqual({ rateLimit: 'off' });
	});
});

describe('program ↔ controls', () => {
	it('no .trigger(...) is the default trigger; the control reads 0 and its point is current', () => {
		const r = ok(run({ triggerInterval: 0 }));
		expect(
			advanced05.program({ ...defaultParams(advanced05.schema), triggerInterval: 0 })
		).not.toContain('.trigger(');
		expect(r.sweep?.current).toBe(0);
	});

	it('an edit of the program moves the controls', () => {
		const r = ok(
			run({}, (c) =>
				c
					.replace('processingTime="1 second"', 'processingTime="3 seconds"')
					.replace('"spark.sql.shuffle.partitions", "8"', '"spark.sql.shuffle.partitions", "32"')
			)
		);
		const p = clusterParamsOf(advanced05, r, defaultParams(advanced05.schema));
		expect(p['triggerInterval']).toBe(3);
		expect(p['shufflePartitions']).toBe(32);
		expect(r.sweep?.current).toBe(3000);
	});

	it('a continuous trigger on this aggregation is refused with Spark’s error at the watermark', () => {
		const r = run({}, (c) => c.replace('processingTime="1 second"', 'continuous="1 second"'));
		expect(r.ok).toBe(false);
		if (!r.ok) {
			expect(r.error.message).toContain('Continuous processing does not support');
			expect(
				advanced05.program(defaultParams(advanced05.schema)).split('\n')[r.error.line - 1]
			).toContain('withWatermark');
		}
	});
});

describe('latency quantiles', () => {
	it('are the record-weighted spread of each batch between its newest and oldest record', () => {
		const one = runClusterQuery({ ...HOUR_SPEC, durationMs: 3000, recordTasks: false });
		const b = one.batches.filter((x) => x.numInputRows > 0);
		const lo = Math.min(...b.map((x) => x.latencyMs.min));
		const hi = Math.max(...b.map((x) => x.latencyMs.max));
		const p50 = latencyQuantile(one.batches, 0.5);
		expect(p50).toBeGreaterThanOrEqual(lo);
		expect(p50).toBeLessThanOrEqual(hi);
		expect(latencyQuantile([], 0.5)).toBe(0);
	});

	it('a sweep is deterministic: same spec, same points', () => {
		const spec = { ...HOUR_SPEC, durationMs: 20_000 };
		const plan = { over: 'triggerInterval' as const, values: [0, 1000, 5000] };
		expect(sweep(spec, plan, 1000)).toEqual(sweep(spec, plan, 1000));
	});
});
