// Core dynamic allocation (ExecutorAllocationManager, Spark 3.x/4.x) on virtual time: the
// doubling ramp, the cap by pending tasks, cancellation when the backlog clears, idle removal.
import { describe, expect, it } from 'vitest';
import {
	CoreAllocationManager,
	dynamicAllocationConf,
	type DynamicAllocationConf
} from '../../../simulations/cluster/dynamic-allocation';
import { ExecutorPool } from '../../../simulations/cluster/executors';
import { ClusterRuntime } from '../../../simulations/cluster/scheduler';

const conf = (over: Partial<DynamicAllocationConf> = {}): DynamicAllocationConf => ({
	minExecutors: 0,
	maxExecutors: 10,
	initialExecutors: 1,
	schedulerBacklogTimeoutMs: 1000,
	sustainedSchedulerBacklogTimeoutMs: 1000,
	executorIdleTimeoutMs: 60_000,
	executorAllocationRatio: 1,
	tasksPerExecutor: 1,
	...over
});

function cluster(c: DynamicAllocationConf, startupMs: number, coresPerExecutor = 1) {
	const pool = new ExecutorPool(coresPerExecutor, startupMs, c.initialExecutors);
	const manager = new CoreAllocationManager(c);
	return { pool, manager, rt: new ClusterRuntime(pool, manager) };
}

const tasks = (n: number, ms: number) => ({
	name: 'scan',
	taskMs: Array(n).fill(ms),
	rows: Array(n).fill(0)
});

describe('the add rule', () => {
	it('doubles the executors added each round: 1, 2, 4, then caps at maxExecutors', () => {
		// 100 tasks of 10 s on one 1-core executor, executors start instantly.
		// t=0 stage submitted → addTime = 1000. maxNeeded = ceil(100 / 1) = 100 all along.
		// 1000: target max(1, 1) + 1 = 2 (delta 1 = toAdd → toAdd 2)
		// 2000: 2 + 2 = 4 (delta 2 → toAdd 4); 3000: 4 + 4 = 8 (delta 4 → toAdd 8)
		// 4000: 8 + 8 = 16 → capped at maxExecutors 10, delta 2 ≠ 8 → toAdd back to 1
		// 5000: target 10 ≥ max → nothing.
		const { pool, rt } = cluster(conf(), 0);
		const r = rt.runStages([tasks(100, 10_000)], 0);
		const adds = rt.allocationSteps.filter((s) => s.delta > 0);
		expect(adds.map((s) => [s.atMs, s.delta, s.target, s.nextToAdd])).toEqual([
			[1000, 1, 2, 2],
			[2000, 2, 4, 4],
			[3000, 4, 8, 8],
			[4000, 2, 10, 1]
		]);
		// Executors registered at 0 (initial), 1000, 2000 ×2, 3000 ×4, 4000 ×2.
		const registered = pool.events.filter((e) => e.kind === 'register').map((e) => e.atMs);
		expect(registered).toEqual([0, 1000, 2000, 2000, 3000, 3000, 3000, 3000, 4000, 4000]);
		// Tasks 0–9 start at 0, 1000, 2000, 2000, 3000 ×4, 4000 ×2; then 10 per 10 s wave.
		expect(
			r.tasks
				?.filter((t) => t.index < 10)
				.map((t) => t.startMs)
				.sort((a, b) => a - b)
		).toEqual([0, 1000, 2000, 2000, 3000, 3000, 3000, 3000, 4000, 4000]);
	});

	it('asks for executors early but gets them only after their start-up time', () => {
		// Same ramp, executors take 30 s to start: requested at 1, 2, 3, 4 s, registered at
		// 31, 32, 33, 34 s. Meanwhile the one executor runs the 10 s tasks one by one.
		const { pool, rt } = cluster(conf(), 30_000);
		rt.runStages([tasks(100, 10_000)], 0);
		const requests = pool.events.filter((e) => e.kind === 'request').map((e) => e.atMs);
		expect(requests).toEqual([1000, 2000, 2000, 3000, 3000, 3000, 3000, 4000, 4000]);
		const registered = pool.events
			.filter((e) => e.kind === 'register' && e.atMs > 0)
			.map((e) => e.atMs);
		expect(registered).toEqual([
			31_000, 32_000, 32_000, 33_000, 33_000, 33_000, 33_000, 34_000, 34_000
		]);
	});

	it('never asks for more executors than the pending and running tasks need', () => {
		// 3 tasks of 1.5 s on one executor, start-up 5 s.
		// 1000: maxNeeded = ceil((2 pending + 1 running) / 1) = 3; target 1 + 1 = 2 → request 1 (arrives 6000).
		// 1500: task 1 starts. 2000: maxNeeded = ceil((1 + 1) / 1) = 2 = target, add → min(2 + 2, 2) = 2,
		//       delta 0 → toAdd resets to 1.
		// 3000: task 2 starts, no task pending → addTime cleared; maxNeeded = 1 < target 2 → target 1
		//       and the request still starting is cancelled: the executor never arrives.
		const { pool, rt } = cluster(conf(), 5000);
		const r = rt.runStages([tasks(3, 1500)], 0);
		expect(r.endMs).toBe(4500);
		expect(pool.events.filter((e) => e.kind !== 'register').map((e) => [e.kind, e.atMs])).toEqual([
			['request', 1000],
			['cancel', 3000]
		]);
		expect(rt.allocationSteps.map((s) => [s.atMs, s.delta, s.target])).toEqual([
			[1000, 1, 2],
			[3000, -1, 1]
		]);
	});

	it('uses executorAllocationRatio and cores per executor in maxNeeded', () => {
		// ceil(10 tasks × 0.5 / 4 tasks per executor) = ceil(1.25) = 2
		const m = new CoreAllocationManager(
			conf({ executorAllocationRatio: 0.5, tasksPerExecutor: 4 })
		);
		expect(m.maxNeeded(7, 3)).toBe(2);
	});
});

describe('the remove rule', () => {
	it('removes executors idle for executorIdleTimeout, keeping minExecutors', () => {
		// 3 executors, min 1. After a 150 ms batch all are idle from 150; target drops to
		// max(maxNeeded 0, min 1) = 1 at the first tick. Deadline 150 + 60,000 = 60,150 → the tick at
		// 60,200 removes two (3 − 1 ≥ 1 and ≥ target), the third stays.
		const c = conf({ minExecutors: 1, initialExecutors: 3 });
		const { pool, rt } = cluster(c, 0);
		rt.runStages([tasks(3, 150)], 0);
		rt.advanceIdle(200_000);
		expect(
			pool.events.filter((e) => e.kind === 'remove').map((e) => [e.atMs, e.executorId])
		).toEqual([
			[60_200, 0],
			[60_200, 1]
		]);
		expect(pool.liveCount).toBe(1);
	});

	it('keeps executors that a short trigger interval never leaves idle for long', () => {
		// A batch every 10 s (150 ms of tasks each) keeps every executor busy again well within 60 s.
		const c = conf({ minExecutors: 0, initialExecutors: 3 });
		const { pool, rt } = cluster(c, 0);
		for (let t = 0; t < 300_000; t += 10_000) {
			rt.advanceIdle(t);
			rt.runStages([tasks(3, 150)], t);
		}
		expect(pool.events.filter((e) => e.kind === 'remove')).toEqual([]);
	});
});

describe('settings', () => {
	const m = (entries: [string, string][]) =>
		new Map([['spark.dynamicAllocation.enabled', 'true'], ...entries]);
	it("takes Spark's defaults", () => {
		expect(dynamicAllocationConf(m([]), 4)).toEqual({
			minExecutors: 0,
			maxExecutors: 2147483647,
			initialExecutors: 0,
			schedulerBacklogTimeoutMs: 1000,
			sustainedSchedulerBacklogTimeoutMs: 1000,
			executorIdleTimeoutMs: 60_000,
			executorAllocationRatio: 1,
			tasksPerExecutor: 4
		});
		expect(dynamicAllocationConf(new Map(), 4)).toBeUndefined();
	});
	it('initialExecutors is the max of min, initial and spark.executor.instances', () => {
		const c = dynamicAllocationConf(
			m([
				['spark.dynamicAllocation.minExecutors', '2'],
				['spark.executor.instances', '5']
			]),
			1
		);
		expect(typeof c === 'object' && c.initialExecutors).toBe(5);
	});
	it('sustained timeout defaults to the backlog timeout', () => {
		const c = dynamicAllocationConf(
			m([['spark.dynamicAllocation.schedulerBacklogTimeout', '5s']]),
			1
		);
		expect(typeof c === 'object' && c.sustainedSchedulerBacklogTimeoutMs).toBe(5000);
	});
	it("rejects bad settings with Spark's messages", () => {
		expect(dynamicAllocationConf(m([['spark.dynamicAllocation.maxExecutors', '0']]), 1)).toBe(
			'spark.dynamicAllocation.maxExecutors cannot be 0!'
		);
		expect(
			dynamicAllocationConf(
				m([
					['spark.dynamicAllocation.minExecutors', '3'],
					['spark.dynamicAllocation.maxExecutors', '2']
				]),
				1
			)
		).toBe(
			'spark.dynamicAllocation.minExecutors (3) must be less than or equal to spark.dynamicAllocation.maxExecutors (2)!'
		);
		expect(
			dynamicAllocationConf(m([['spark.dynamicAllocation.executorAllocationRatio', '1.5']]), 1)
		).toBe('spark.dynamicAllocation.executorAllocationRatio must be > 0 and <= 1.0');
		expect(
			dynamicAllocationConf(m([['spark.dynamicAllocation.schedulerBacklogTimeout', '500ms']]), 1)
		).toBe('spark.dynamicAllocation.schedulerBacklogTimeout must be > 0!');
	});
});
