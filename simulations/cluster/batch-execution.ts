/**
 * The cost/cluster policy a micro-batch loop calls once per batch: given the rows each input
 * partition contributes (and, for a stateful query, how they shuffle), it builds the stages,
 * runs them on the cluster and returns the batch's phases in `durationMs` terms.
 *
 * Driver work (offset log, planning, commit) is a fixed overhead split over the phases with
 * SIM-1's shares (structured/runtime/cost-policy.ts `batchPhases`), on the critical path before and after the
 * tasks (R1.2); `addBatch` also contains the tasks' makespan, since executing the DAG is what
 * addBatch times.
 */
import { batchPhases, type Phase } from '../structured/runtime/cost-policy';
import { offsetRangeTasks } from './offset-ranges';
import { skewWeights, splitCount } from './partitions';
import type { ClusterRuntime, StageRun, StagesRun, TaskRecord } from './scheduler';
import { taskMs, type TaskCost } from './task-cost';

export interface StatefulStage {
	/** spark.sql.shuffle.partitions, pinned in the checkpoint (R6.6): one task each, even empty. */
	readonly shufflePartitions: number;
	/** Share of shuffled rows on the hottest key's partition beyond an even spread. */
	readonly keySkew: number;
	readonly cost: TaskCost;
	/** What holding state costs a task per state row in its partition before the batch (ms):
	 *  the HDFS-backed store keeps every row on the executor's JVM heap, so collections and
	 *  snapshots grow with it; RocksDB keeps rows off-heap. Illustrative; absent = 0. */
	readonly perStateRowMs?: number;
}

export interface BatchWork {
	/** Rows per input partition (one task per partition with data). */
	readonly inputRows: readonly number[];
	readonly inputCost: TaskCost;
	readonly stateful: StatefulStage | null;
	/** State rows the stateful operator held before this batch (spread over its partitions). */
	readonly stateRowsBefore?: number;
	/** The Kafka source's minPartitions: large offset ranges split into more read tasks. */
	readonly minPartitions?: number | null;
}

export type Phases = Record<Phase | 'triggerExecution', number>;

export interface BatchExecution {
	readonly triggerStartMs: number;
	/** When the tasks could start (after latestOffset, walCommit, getBatch, queryPlanning). */
	readonly execStartMs: number;
	readonly endMs: number | null;
	readonly phases: Phases;
	readonly stages: readonly StageRun[];
	readonly tasks: readonly TaskRecord[] | null;
	readonly coresAtStart: number;
	readonly coresAtEnd: number;
}

/** The driver's fixed phases (ms), addBatch holding only its fixed share. */
export function driverPhases(fixedOverheadMs: number): Record<Phase, number> {
	return batchPhases({ fixedOverheadMs, perRowCostUs: 0, numPartitions: 1, cores: 1 }, []);
}

/** The stages of one batch: the scan's tasks, then the shuffle's tasks if stateful. */
export function batchStages(work: BatchWork) {
	const inputRows = offsetRangeTasks(work.inputRows, work.minPartitions ?? null);
	const stages = [
		{ name: 'scan', rows: inputRows, taskMs: inputRows.map((r) => taskMs(r, work.inputCost)) }
	];
	if (work.stateful) {
		const total = inputRows.reduce((a, b) => a + b, 0);
		const s = work.stateful;
		const rows = splitCount(total, skewWeights(s.shufflePartitions, s.keySkew));
		const held = ((work.stateRowsBefore ?? 0) / s.shufflePartitions) * (s.perStateRowMs ?? 0);
		stages.push({
			name: 'stateful',
			rows,
			taskMs: rows.map((r) => taskMs(r, s.cost) + Math.round(held))
		});
	}
	return stages;
}

/**
 * What the micro-batch loop calls, in virtual time: `idleUntil` whenever time passes without a
 * batch (so dynamic allocation can release idle executors), `execute` once per batch that runs.
 * The loop keeps its own offsets, state and sink; the policy only says how long the batch
 * takes on this cluster and what the cores did.
 */
export interface ClusterPolicy {
	idleUntil(ms: number): void;
	execute(work: BatchWork, triggerStartMs: number): BatchExecution;
}

/** The cluster model as a loop's cost/cluster policy. */
export function clusterPolicy(runtime: ClusterRuntime, fixedOverheadMs: number): ClusterPolicy {
	return new BatchExecutor(runtime, fixedOverheadMs);
}

export class BatchExecutor implements ClusterPolicy {
	private readonly fixed: Record<Phase, number>;

	constructor(
		readonly runtime: ClusterRuntime,
		fixedOverheadMs: number
	) {
		this.fixed = driverPhases(fixedOverheadMs);
	}

	/** Let virtual time pass with no batch running (idle triggers, waiting for the next one). */
	idleUntil(ms: number): void {
		this.runtime.advanceIdle(ms);
	}

	execute(work: BatchWork, triggerStartMs: number): BatchExecution {
		const f = this.fixed;
		const pre = f.latestOffset + f.walCommit + f.getBatch + f.queryPlanning;
		const execStartMs = triggerStartMs + pre;
		this.runtime.advanceIdle(execStartMs);
		const coresAtStart = this.runtime.cores;
		const run: StagesRun = this.runtime.runStages(batchStages(work), execStartMs);
		const phases: Phases = { ...f, triggerExecution: 0 };
		if (run.endMs === null) {
			return {
				triggerStartMs,
				execStartMs,
				endMs: null,
				phases,
				stages: run.stages,
				tasks: run.tasks,
				coresAtStart,
				coresAtEnd: this.runtime.cores
			};
		}
		phases.addBatch = f.addBatch + (run.endMs - execStartMs);
		const endMs = run.endMs + f.addBatch + f.commitOffsets;
		phases.triggerExecution = endMs - triggerStartMs;
		this.runtime.advanceIdle(endMs);
		return {
			triggerStartMs,
			execStartMs,
			endMs,
			phases,
			stages: run.stages,
			tasks: run.tasks,
			coresAtStart,
			coresAtEnd: this.runtime.cores
		};
	}
}
