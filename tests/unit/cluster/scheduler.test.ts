// The scheduler and the task cost model on virtual time, against numbers computed by hand.
import { describe, expect, it } from 'vitest';
import {
	BatchExecutor,
	batchStages,
	driverPhases
} from '../../../simulations/cluster/batch-execution';
import { ExecutorPool } from '../../../simulations/cluster/executors';
import { ClusterRuntime, type StageSpec } from '../../../simulations/cluster/scheduler';
import { DEFAULT_TASK_COST, taskMs, type TaskCost } from '../../../simulations/cluster/task-cost';

const stage = (name: string, taskMs: number[]): StageSpec => ({
	name,
	taskMs,
	rows: taskMs.map(() => 0)
});
const runtime = (executors: number, cores: number) =>
	new ClusterRuntime(new ExecutorPool(cores, 0, executors));

describe('task cost', () => {
	const c: TaskCost = { ...DEFAULT_TASK_COST, taskOverheadMs: 10, perRowMs: 0.002 };
	it('adds the fixed overhead, the per-row cost and the UDF by kind', () => {
		// builtin: 10 + 5000 × 0.002 = 10 + 10 = 20
		expect(taskMs(5000, c)).toBe(20);
		// Python row-at-a-time: + 5000 × 0.02 = 100 → 120
		expect(taskMs(5000, { ...c, udf: 'python', pythonPerRowMs: 0.02 })).toBe(120);
		// pandas: ceil(5000 / 10000) = 1 Arrow batch × 4 ms + 5000 × 0.001 = 5 → 10 + 10 + 4 + 5 = 29
		const pandas: TaskCost = {
			...c,
			udf: 'pandas',
			arrowBatchOverheadMs: 4,
			pandasPerRowMs: 0.001
		};
		expect(taskMs(5000, pandas)).toBe(29);
		// 25,000 rows: ceil(2.5) = 3 batches × 4 = 12, + 25 → 10 + 50 + 12 + 25 = 97
		expect(taskMs(25_000, pandas)).toBe(97);
		// maxRecordsPerBatch 1000 → 25 batches × 4 = 100 → 10 + 50 + 100 + 25 = 185
		expect(taskMs(25_000, { ...pandas, arrowMaxRecordsPerBatch: 1000 })).toBe(185);
	});

	it('charges an empty task its overhead', () => {
		expect(taskMs(0, c)).toBe(10);
		expect(taskMs(0, { ...c, udf: 'python' })).toBe(10);
	});
});

describe('scheduling tasks on cores', () => {
	it('fills free cores round-robin and holds the next stage until the previous ends', () => {
		// 2 executors × 2 cores; offer order e0c0, e1c0, e0c1, e1c1.
		// t=0: scan tasks 0–3 start, each ends at 100. t=100: tasks 4, 5 on e0c0, e1c0 → 150.
		// t=150: the stage is done; the 4 stateful tasks of 30 ms run 150 → 180.
		const r = runtime(2, 2).runStages(
			[stage('scan', [100, 100, 100, 100, 50, 50]), stage('stateful', [30, 30, 30, 30])],
			0
		);
		expect(r.endMs).toBe(180);
		expect(r.stages.map((s) => [s.submittedMs, s.endMs])).toEqual([
			[0, 150],
			[150, 180]
		]);
		const bar = (st: number, i: number) => r.tasks?.find((t) => t.stage === st && t.index === i);
		expect(bar(0, 0)).toMatchObject({ executor: 0, core: 0, startMs: 0, endMs: 100 });
		expect(bar(0, 1)).toMatchObject({ executor: 1, core: 0, startMs: 0, endMs: 100 });
		expect(bar(0, 2)).toMatchObject({ executor: 0, core: 1, startMs: 0, endMs: 100 });
		expect(bar(0, 4)).toMatchObject({ executor: 0, core: 0, startMs: 100, endMs: 150 });
		expect(bar(0, 5)).toMatchObject({ executor: 1, core: 0, startMs: 100, endMs: 150 });
		expect(bar(1, 3)).toMatchObject({ executor: 1, core: 1, startMs: 150, endMs: 180 });
	});

	it('lets one skewed task hold the stage', () => {
		// 1 executor × 2 cores, tasks 300, 50, 50, 50: task 0 holds core 0 until 300; tasks 1–3
		// run one after another on core 1 (0–50, 50–100, 100–150); the stage ends at 300.
		const r = runtime(1, 2).runStages([stage('scan', [300, 50, 50, 50])], 0);
		expect(r.endMs).toBe(300);
		expect(r.tasks?.filter((t) => t.core === 1).map((t) => [t.startMs, t.endMs])).toEqual([
			[0, 50],
			[50, 100],
			[100, 150]
		]);
	});

	it('reports a batch that no core can run', () => {
		expect(runtime(0, 4).runStages([stage('scan', [10])], 0).endMs).toBeNull();
	});
});

describe('a batch on the cluster', () => {
	it('splits the driver overhead into the durationMs phases', () => {
		// SIM-1's shares of 100 ms: latestOffset 5, walCommit 15, getBatch 5, queryPlanning 25,
		// addBatch 30, commitOffsets 20.
		expect(driverPhases(100)).toEqual({
			latestOffset: 5,
			walCommit: 15,
			getBatch: 5,
			queryPlanning: 25,
			addBatch: 30,
			commitOffsets: 20
		});
	});

	it('builds one scan task per partition with data, then one task per shuffle partition', () => {
		// Scan: partitions with 1000 and 3000 rows → 10 + 2 = 12 ms and 10 + 6 = 16 ms.
		// Shuffle: 4000 rows over 4 partitions with keySkew 0.5 → weights 0.625, 0.125 × 3
		// → 2500, 500, 500, 500 rows.
		const stages = batchStages({
			inputRows: [1000, 0, 3000],
			inputCost: { ...DEFAULT_TASK_COST, taskOverheadMs: 10, perRowMs: 0.002 },
			stateful: {
				shufflePartitions: 4,
				keySkew: 0.5,
				cost: { ...DEFAULT_TASK_COST, taskOverheadMs: 3, perRowMs: 0.01 }
			}
		});
		expect(stages[0]?.taskMs).toEqual([12, 16]);
		expect(stages[1]?.rows).toEqual([2500, 500, 500, 500]);
		// 3 + 2500 × 0.01 = 28; 3 + 5 = 8
		expect(stages[1]?.taskMs).toEqual([28, 8, 8, 8]);
	});

	it('times a whole trigger: driver phases, tasks, commit', () => {
		// 2 × 2 cores, scan tasks as in the first scheduler case would be too long to build from
		// rows, so use 4 partitions of 45,000 rows: 10 + 90 = 100 ms each, all in parallel.
		// Trigger at 1000; pre-execution phases 5 + 15 + 5 + 25 = 50 → tasks 1050–1150;
		// addBatch = 30 + 100 = 130; end = 1150 + 30 + 20 = 1200; triggerExecution 200.
		const ex = new BatchExecutor(runtime(2, 2), 100);
		const b = ex.execute(
			{
				inputRows: [45_000, 45_000, 45_000, 45_000],
				inputCost: { ...DEFAULT_TASK_COST, taskOverheadMs: 10, perRowMs: 0.002 },
				stateful: null
			},
			1000
		);
		expect(b.execStartMs).toBe(1050);
		expect(b.endMs).toBe(1200);
		expect(b.phases).toEqual({
			latestOffset: 5,
			walCommit: 15,
			getBatch: 5,
			queryPlanning: 25,
			addBatch: 130,
			commitOffsets: 20,
			triggerExecution: 200
		});
	});
});
