// The DStream variant on the same cluster model: no rate control vs the PID estimator vs
// maxRatePerPartition on one spike, and streaming dynamic allocation's ratio rule — by hand.
import { describe, expect, it } from 'vitest';
import {
	runDStreamCluster,
	type DStreamClusterSpec
} from '../../../simulations/cluster/dstream-run';
import { DEFAULT_TASK_COST } from '../../../simulations/cluster/task-cost';

const spec = (over: Partial<DStreamClusterSpec> = {}): DStreamClusterSpec => ({
	seed: 1,
	durationMs: 120_000,
	batchMs: 1000,
	profile: {
		kind: 'spike',
		recordsPerSecond: 50_000,
		factor: 16,
		atMs: 30_000,
		durationMs: 20_000
	},
	partitions: 4,
	skew: 0,
	cost: { ...DEFAULT_TASK_COST, taskOverheadMs: 10, perRowMs: 0.01 },
	jobOverheadMs: 50,
	executors: 2,
	coresPerExecutor: 2,
	executorStartupMs: 20_000,
	backpressure: null,
	maxRatePerPartition: 0,
	dynamicAllocation: null,
	recordTasks: false,
	...over
});
const at = (run: ReturnType<typeof runDStreamCluster>, s: number) =>
	run.batches.find((b) => b.batchTimeMs === s * 1000);

describe('DStreams on the cluster under a spike', () => {
	it('without rate control the scheduling delay grows by the overrun every batch', () => {
		// Batch 31 s reads second 30's 800,000 rows: 200,000 per task → 10 + 2000 = 2010 ms on 4
		// cores at once, + 50 = 2060 ms. Each spike batch starts 1060 ms later than the last.
		const run = runDStreamCluster(spec());
		expect(at(run, 31)).toMatchObject({
			records: 800_000,
			processingDelayMs: 2060,
			schedulingDelayMs: 0
		});
		expect(at(run, 32)?.schedulingDelayMs).toBe(1060);
		expect(at(run, 33)?.schedulingDelayMs).toBe(2120);
		expect(run.processed + run.backlog).toBe(run.produced);
	});

	it('the PID estimator turns the measured processing rate into the next batches’ limit', () => {
		// Steady batches: 50,000 rows, 12,500 per task → 10 + 125 = 135, + 50 = 185 ms →
		// processingRate 50,000 / 0.185 s = 270,270.27; the first run only seeds it, the second
		// publishes floor(270,270.27) = 270,270 (error 0).
		const run = runDStreamCluster(spec({ backpressure: { initialRate: null } }));
		expect(at(run, 2)?.rateLimit).toBeNull();
		expect(at(run, 3)?.rateLimit).toBe(270_270);
		// Spike batch 31 s: the limit is split by lag, 270,270 / 4 = 67,567.5 → 67,567 per partition
		// = 270,268 rows; 67,567 × 0.01 = 675.67 + 10 → 686 ms, + 50 = 736 ms.
		expect(at(run, 31)).toMatchObject({ records: 270_268, processingDelayMs: 736 });
		// Its PID step: rate 270,268 / 0.736 = 367,211.96; error = 270,270.27 − 367,211.96 =
		// −96,941.69, no scheduling delay → newRate 367,211.96 → batch 32 is limited to 367,211.
		expect(at(run, 31)?.pid?.newRate).toBeCloseTo(367_211.96, 1);
		expect(at(run, 32)?.rateLimit).toBe(367_211);
		// The input follows capacity: no batch ever waits.
		expect(Math.max(...run.batches.map((b) => b.schedulingDelayMs))).toBe(0);
		expect(run.processed + run.backlog).toBe(run.produced);
	});

	it('maxRatePerPartition caps every batch at a fixed size', () => {
		// 75,000 per partition × 4 = 300,000 rows; 10 + 750 + 50 = 810 ms < 1 s.
		const run = runDStreamCluster(spec({ maxRatePerPartition: 75_000 }));
		expect(at(run, 31)).toMatchObject({
			records: 300_000,
			processingDelayMs: 810,
			rateLimit: 300_000
		});
		expect(Math.max(...run.batches.map((b) => b.schedulingDelayMs))).toBe(0);
	});

	it('streaming dynamic allocation scales by the processing/batch ratio, executors arriving late', () => {
		const run = runDStreamCluster(
			spec({
				dynamicAllocation: {
					scalingIntervalMs: 10_000,
					scalingUpRatio: 0.9,
					scalingDownRatio: 0.3,
					minExecutors: 1,
					maxExecutors: 8
				}
			})
		);
		// 10 s: batches 1–9 s completed, 185 ms each → ratio 0.185 ≤ 0.3 → kill one (2 → 1).
		expect(run.scaling[0]).toMatchObject({
			atMs: 10_000,
			action: 'remove',
			avgProcessingMs: 185,
			executors: 1
		});
		// 20 s: one executor, 2 cores: 4 tasks in two waves of 135 → 270 + 50 = 320 ms → 0.32: none.
		expect(run.scaling[1]).toMatchObject({ atMs: 20_000, action: 'none', avgProcessingMs: 320 });
		// 40 s: the spike's batches take ~2.8 s → +round(2.8) = 3 → target 4, requested at 40 s,
		// registered at 60 s (20 s start-up).
		expect(run.scaling[3]).toMatchObject({ atMs: 40_000, action: 'add', executors: 4 });
		const arrivals = run.executorEvents.filter((e) => e.kind === 'register' && e.atMs > 0);
		expect(arrivals[0]?.atMs).toBe(60_000);
		expect(run.processed + run.backlog).toBe(run.produced);
	});

	it('stalls without cores and still accounts for every record', () => {
		const run = runDStreamCluster(spec({ executors: 0 }));
		expect(run.stalled).toBe(true);
		expect(run.batches).toEqual([]);
		expect(run.queued).toBe(50_000);
		expect(run.processed + run.queued + run.backlog).toBe(run.produced);
	});
});
