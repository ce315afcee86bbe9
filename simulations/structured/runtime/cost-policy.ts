/**
 * Batch cost model (QUESTIONS.md building block EXEC): a batch costs a fixed overhead (offset
 * log, planning, commit: on the driver's critical path, R1.2) plus its rows × perRowCost spread
 * over parallel tasks. One task per input partition (SPARK-SEMANTICS.md §9); with fewer cores than
 * partitions the tasks run in waves, so duration ≈ fixedOverhead + rows × perRowCost / parallelism.
 *
 * The cluster pages refine the same policy (cluster/batch-execution.ts): the fixed overhead split
 * by these shares, and addBatch as the makespan of the batch's stages on the executors' cores.
 */

export interface CostModel {
	readonly fixedOverheadMs: number;
	readonly perRowCostUs: number;
	readonly numPartitions: number;
	readonly cores: number;
}

/** durationMs keys of a batch that ran, in the order MicroBatchExecution times them (R1.6.2). */
export const PHASES = [
	'latestOffset',
	'walCommit',
	'getBatch',
	'queryPlanning',
	'addBatch',
	'commitOffsets'
] as const;
export type Phase = (typeof PHASES)[number];

// How the fixed overhead splits over the driver's phases. Illustrative shares: Spark does not fix
// them, but planning and the two log writes dominate a small batch.
const FIXED_SHARE: Readonly<Record<Phase, number>> = {
	latestOffset: 0.05,
	walCommit: 0.15,
	getBatch: 0.05,
	queryPlanning: 0.25,
	addBatch: 0.3,
	commitOffsets: 0.2
};

export const parallelism = (cost: CostModel): number =>
	Math.max(1, Math.min(cost.numPartitions, cost.cores));

/** Time the tasks of addBatch take: waves of tasks, each wave as slow as its fullest partition. */
export function executionMs(cost: CostModel, rowsPerPartition: readonly number[]): number {
	const waves = Math.ceil(Math.max(1, rowsPerPartition.length) / Math.max(1, cost.cores));
	const fullest = rowsPerPartition.reduce((m, n) => Math.max(m, n), 0);
	return (waves * fullest * cost.perRowCostUs) / 1000;
}

/** Whole-millisecond duration of each phase of a batch. */
export function batchPhases(
	cost: CostModel,
	rowsPerPartition: readonly number[]
): Record<Phase, number> {
	const out = {} as Record<Phase, number>;
	for (const phase of PHASES) out[phase] = Math.round(cost.fixedOverheadMs * FIXED_SHARE[phase]);
	out.addBatch = Math.round(
		cost.fixedOverheadMs * FIXED_SHARE.addBatch + executionMs(cost, rowsPerPartition)
	);
	return out;
}

/** An idle trigger only asks the source for its latest offset. */
export const idleTriggerMs = (cost: CostModel): number =>
	Math.round(cost.fixedOverheadMs * FIXED_SHARE.latestOffset);
