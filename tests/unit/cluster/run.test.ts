// The query on the cluster model: admission control on a spike, dynamic allocation lagging it,
// skew and UDF kinds — each checked against numbers computed by hand.
import { describe, expect, it } from 'vitest';
import { runClusterQuery } from '../../../simulations/cluster/run';
import { requestOutcomes } from '../../../simulations/cluster/scaling-lag';
import { summarizeRun } from '../../../simulations/cluster/summary';
import { smallQuery } from './fixtures';

const spike = {
	kind: 'spike',
	recordsPerSecond: 50_000,
	factor: 16,
	atMs: 30_000,
	durationMs: 20_000
} as const;
const heavy = { ...smallQuery().inputCost, perRowMs: 0.01 };

describe('admission control on a spike', () => {
	const none = runClusterQuery(
		smallQuery({ durationMs: 180_000, profile: spike, inputCost: heavy, recordTasks: false })
	);
	const limited = runClusterQuery(
		smallQuery({
			durationMs: 180_000,
			profile: spike,
			inputCost: heavy,
			admission: { kind: 'maxOffsetsPerTrigger', limit: 300_000 },
			recordTasks: false
		})
	);

	it('runs steady batches before the spike', () => {
		// 50,000 rows/s over 4 partitions → 12,500 rows per task: 10 + 125 = 135 ms, 4 tasks on 4
		// cores in parallel; trigger = 50 (driver before) + 135 + 30 + 20 (after) = 235 ms.
		const b = none.batches.find((x) => x.startMs === 20_000);
		expect(b?.numInputRows).toBe(50_000);
		expect(b?.phases.triggerExecution).toBe(235);
		// Oldest record produced at 19,000 + ceil(1000 / 12,500) = 19,001; the batch ends at
		// 20,000 + 235 = 20,235 → latency 1234 ms.
		expect(b?.latencyMs.max).toBe(20_235 - 19_001);
	});

	it('without a limit the batch after the spike takes the whole backlog and grows', () => {
		// Batch at 31 s reads the 800,000 rows of second 30: 200,000 per task → 10 + 2000 = 2010 ms,
		// trigger 50 + 2010 + 50 = 2110 ms; the next one starts late and reads ~2.1 s of data.
		const first = none.batches.find((x) => x.startMs === 31_000);
		expect(first?.numInputRows).toBe(800_000);
		expect(first?.phases.triggerExecution).toBe(2110);
		const next = none.batches[none.batches.indexOf(first!) + 1];
		expect(next?.startMs).toBe(33_110);
		expect(next?.schedulingDelayMs).toBe(33_110 - 32_000);
		expect(Math.max(...none.batches.map((b) => b.phases.triggerExecution))).toBeGreaterThan(10_000);
	});

	it('with maxOffsetsPerTrigger every batch stays bounded and the backlog waits in the source', () => {
		// 300,000 rows per batch over 4 equal partitions = 75,000 each: 10 + 750 = 760 ms,
		// trigger 50 + 760 + 50 = 860 ms < 1 s interval: always on schedule.
		for (const b of limited.batches) {
			expect(b.numInputRows).toBeLessThanOrEqual(300_000 + 4);
			expect(b.phases.triggerExecution).toBeLessThanOrEqual(860);
			expect(b.schedulingDelayMs).toBe(0);
		}
		// During the spike 800,000 arrive per second and 300,000 are read: the source's lag grows
		// by 500,000 a second for 20 s, i.e. to 10,000,000 offsets behind.
		expect(Math.max(...limited.batches.map((b) => b.offsetsBehindLatest))).toBe(10_000_000);
		expect(Math.max(...none.batches.map((b) => b.offsetsBehindLatest))).toBe(0);
	});
});

describe('core dynamic allocation lags a spike', () => {
	// One executor of 4 cores, up to 8 executors, executors take 20 s to start. 16 partitions;
	// 200,000 rows/s from 30 s: batch at 31 s has 12,500 rows per task → 10 + 625 = 635 ms;
	// 16 tasks on 4 cores run in 4 waves starting 31,050, 31,685, 32,320, 32,955.
	const run = runClusterQuery(
		smallQuery({
			durationMs: 240_000,
			profile: {
				kind: 'spike',
				recordsPerSecond: 20_000,
				factor: 10,
				atMs: 30_000,
				durationMs: 30_000
			},
			source: { topic: 't', partitions: 16, skew: 0, retentionMs: null },
			inputCost: { ...smallQuery().inputCost, perRowMs: 0.05 },
			cluster: {
				executors: 1,
				coresPerExecutor: 4,
				executorStartupMs: 20_000,
				dynamicAllocation: {
					minExecutors: 1,
					maxExecutors: 8,
					initialExecutors: 1,
					schedulerBacklogTimeoutMs: 1000,
					sustainedSchedulerBacklogTimeoutMs: 1000,
					executorIdleTimeoutMs: 60_000,
					executorAllocationRatio: 1,
					tasksPerExecutor: 4
				}
			},
			recordTasks: false
		})
	);

	it('asks one backlog timeout after the stage is submitted, then cancels when the queue drains', () => {
		// Stage submitted 31,050 → addTime 32,050 → the 100 ms tick at 32,100 asks for 1.
		// The last pending task starts at 32,955; at the 33,000 tick 4 tasks run, maxNeeded =
		// ceil(4 / 4) = 1 < target 2 → target 1 and the request (due at 52,100) is cancelled.
		expect(run.executorEvents.slice(1, 3).map((e) => [e.kind, e.atMs])).toEqual([
			['request', 32_100],
			['cancel', 33_000]
		]);
	});

	it('tells each request apart: most are cancelled before their executor could start', () => {
		const outcomes = requestOutcomes(run.executorEvents, 20_000);
		expect(outcomes[0]).toEqual({
			requestedAtMs: 32_100,
			dueMs: 52_100,
			outcome: 'cancelled',
			atMs: 33_000
		});
		const registered = outcomes.filter((o) => o.outcome === 'registered');
		expect(registered.length).toBe(
			run.executorEvents.filter((e) => e.kind === 'register' && e.atMs > 0).length
		);
		expect(registered.every((o) => o.atMs === o.dueMs)).toBe(true);
		expect(outcomes.filter((o) => o.outcome === 'cancelled').length).toBeGreaterThan(
			registered.length
		);
	});

	it('gets its first extra executor only long after the spike began', () => {
		const firstRegister = run.executorEvents.find((e) => e.kind === 'register' && e.atMs > 0);
		const firstRequest = run.executorEvents.find((e) => e.kind === 'request');
		expect(firstRegister).toBeDefined();
		// Never earlier than a request plus the 20 s start-up.
		expect(firstRegister!.atMs).toBeGreaterThanOrEqual(firstRequest!.atMs + 20_000);
		// The worst latency comes before the extra executors are there.
		const worst = run.batches.reduce((a, b) => (b.latencyMs.max > a.latencyMs.max ? b : a));
		expect(worst.cores).toBe(4);
	});
});

describe('skew and UDF kinds', () => {
	it('a hot partition holds the batch', () => {
		// 10,000 rows/s, 4 partitions, skew 0.7: weights 0.775/0.075×3 → 7750 and 750 rows:
		// tasks 10 + 15.5 = 26 (rounded) and 10 + 1.5 = 12 (rounded); the trigger is
		// 50 + 26 + 50 = 126 ms instead of 50 + 15 + 50 = 115 ms uniform (10 + 5).
		const skewed = runClusterQuery(
			smallQuery({
				source: { topic: 't', partitions: 4, skew: 0.7, retentionMs: null },
				profile: { kind: 'steady', recordsPerSecond: 10_000 }
			})
		);
		const even = runClusterQuery(
			smallQuery({ profile: { kind: 'steady', recordsPerSecond: 10_000 } })
		);
		expect(skewed.batches[5]?.stages[0]?.maxTaskMs).toBe(26);
		expect(skewed.batches[5]?.phases.triggerExecution).toBe(126);
		expect(even.batches[5]?.phases.triggerExecution).toBe(115);
	});

	it('prices built-in, Python and pandas UDFs on the same query', () => {
		// 10,000 rows/s over 4 partitions = 2500 rows per task:
		// builtin 10 + 5 = 15; python + 2500 × 0.02 = 50 → 65; pandas + 1 batch × 4 + 2.5 → 21.5 → 22
		const kinds = ['builtin', 'python', 'pandas'] as const;
		const triggers = kinds.map(
			(udf) =>
				runClusterQuery(
					smallQuery({
						profile: { kind: 'steady', recordsPerSecond: 10_000 },
						inputCost: { ...smallQuery().inputCost, udf }
					})
				).batches[5]?.phases.triggerExecution
		);
		expect(triggers).toEqual([115, 165, 122]);
	});
});

describe('run summary', () => {
	it('reads the worst numbers off the batches', () => {
		// Steady 10,000 rows/s on 4 partitions: every trigger is 115 ms (see UDF case), latency of
		// the oldest record = 1000 + 115 − ceil(1000 / 2500) = 1114 ms.
		const s = summarizeRun(
			runClusterQuery(smallQuery({ profile: { kind: 'steady', recordsPerSecond: 10_000 } }))
		);
		expect(s).toMatchObject({
			maxBatchDurationMs: 115,
			maxSchedulingDelayMs: 0,
			medianLatencyMs: 1114,
			maxLatencyMs: 1114,
			maxOffsetsBehindLatest: 0,
			maxCores: 4,
			dropped: 0
		});
		expect(s.processed + s.backlog).toBe(s.produced);
	});
});
