// Streaming dynamic allocation (ExecutorAllocationManager; SPARK-SEMANTICS R8.8), with the
// worked examples computed by hand.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../simulations/core/rng';
import {
	ExecutorAllocationManager,
	allocationConfig
} from '../../../simulations/dstream/allocation';
import type { AllocationConfig } from '../../../simulations/dstream/allocation';
import { readDStreamProgram, simulateDStreams } from '../../../simulations/dstream/index';
import { PROGRAMS } from '../../../simulations/questions/programs';

const cfg = (over: Partial<AllocationConfig> = {}): AllocationConfig => ({
	batchMs: 10_000,
	scalingIntervalMs: 60_000,
	scalingUpRatio: 0.9,
	scalingDownRatio: 0.3,
	minExecutors: 1,
	maxExecutors: 2147483647,
	...over
});

function tick(c: AllocationConfig, procs: number[], executors: number, receivers = 0) {
	const m = new ExecutorAllocationManager(c, createRng(1));
	procs.forEach((p) => m.addBatchProcTime(p));
	return m.manage(executors, receivers);
}

describe('ExecutorAllocationManager', () => {
	it('scales up by round(ratio)', () => {
		// 9+9+10+11+9+8 = 56 s over 6 batches -> 9333 ms (integer division) -> ratio 0.9333 >= 0.9
		// -> request max(round(0.9333), 1) = 1 more executor.
		const d = tick(cfg(), [9000, 9000, 10000, 11000, 9000, 8000], 2);
		expect(d).toMatchObject({ action: 'add', avgProcessingMs: 9333, executors: 3 });
		expect(d.ratio).toBeCloseTo(0.9333, 4);
		// avg 26 s -> ratio 2.6 -> round = 3 more.
		expect(tick(cfg(), [26_000], 2)).toMatchObject({ action: 'add', ratio: 2.6, executors: 5 });
		// The target is clamped to maxExecutors.
		expect(tick(cfg({ maxExecutors: 4 }), [26_000], 2).executors).toBe(4);
	});

	it('scales down one executor that runs no receiver, never below minExecutors', () => {
		// avg 2 s -> ratio 0.2 <= 0.3 -> kill one.
		const d = tick(cfg(), [2000], 3, 1);
		expect(d).toMatchObject({ action: 'remove', ratio: 0.2, executors: 2 });
		expect(d.killed).toBeGreaterThanOrEqual(1);
		expect(tick(cfg({ minExecutors: 3 }), [2000], 3).action).toBe('none');
		// Every executor runs a receiver: nothing to kill.
		expect(tick(cfg(), [2000], 2, 2).action).toBe('none');
	});

	it('does nothing without completed batches or between the ratios', () => {
		expect(tick(cfg(), [], 2)).toEqual({ action: 'none', completedBatches: 0, executors: 2 });
		expect(tick(cfg(), [5000], 2).action).toBe('none');
	});

	it("validates the settings with Spark's messages", () => {
		const conf = (kv: Record<string, string>) =>
			new Map(Object.entries({ 'spark.streaming.dynamicAllocation.enabled': 'true', ...kv }));
		expect(
			allocationConfig(conf({ 'spark.dynamicAllocation.enabled': 'true' }), 1000, 0)
		).toContain(
			'Dynamic Allocation cannot be enabled for both streaming and core at the same time.'
		);
		expect(
			allocationConfig(conf({ 'spark.streaming.dynamicAllocation.scalingUpRatio': '0.2' }), 1000, 0)
		).toBe(
			'requirement failed: Config spark.streaming.dynamicAllocation.scalingUpRatio must be more than config spark.streaming.dynamicAllocation.scalingDownRatio'
		);
		expect(allocationConfig(conf({}), 1000, 2)).toMatchObject({
			minExecutors: 2,
			scalingIntervalMs: 60_000
		});
		expect(allocationConfig(new Map(), 1000, 0)).toBeUndefined();
	});

	it('advanced-06: an overloaded application gains an executor, then holds steady', () => {
		const src =
			PROGRAMS['advanced-06-dynamic-scaling']?.find((p) => p.id === 'dstream')?.template ?? '';
		const r = readDStreamProgram(src);
		if (!r.ok) throw new Error(r.error.message);
		const lines = {
			arrivals: (a: number, b: number) =>
				Array.from({ length: Math.round((b - a) / 2) }, (_, i) => `d-${i % 5},1.0`)
		};
		const ev = simulateDStreams(r.value, {
			durationMs: 130_000,
			sources: [lines],
			cost: { perRecordMs: 2.5, executors: 1, coresPerExecutor: 2 }
		});
		const decisions = ev.flatMap((e) => (e.type === 'allocation' ? [e.decision] : []));
		// First minute: batches take longer than the 5 s interval (ratio > 0.9) -> +1 executor.
		// Second minute: with two executors (and backpressure) the ratio falls between 0.3 and 0.9.
		expect(decisions.map((d) => [d.action, d.executors])).toEqual([
			['add', 2],
			['none', 2]
		]);
		expect(decisions[0]?.ratio).toBeGreaterThan(0.9);
		const ratio = decisions[1]?.ratio ?? 0;
		expect(ratio > 0.3 && ratio < 0.9).toBe(true);
	});
});
