/**
 * Processing time of a batch from a cost model (QUESTIONS.md EXEC): one task per RDD partition,
 * task time = taskOverheadMs + records x perRecordMs, tasks run on executors x cores slots minus
 * one core per receiver (R8.2), in FIFO order on the first free slot; a job adds a fixed
 * overhead. Real Spark measures this; the simulator needs a stand-in that scales the same way.
 */
import type { Rng } from '../core/rng';
import { maxOf } from '../core/arrays';

export interface CostModel {
	readonly perRecordMs: number;
	readonly taskOverheadMs: number;
	readonly batchOverheadMs: number;
	readonly executors: number;
	readonly coresPerExecutor: number;
	/** Relative spread of task times (0 = exact), drawn from the run's seeded Rng. */
	readonly jitter: number;
}

export const DEFAULT_COST: CostModel = {
	perRecordMs: 0.5,
	taskOverheadMs: 10,
	batchOverheadMs: 20,
	executors: 1,
	coresPerExecutor: 2,
	jitter: 0
};

/** Finish time of a stage whose tasks start together on `slots` cores (list scheduling). */
export function makespan(taskMs: readonly number[], slots: number): number {
	const free = Array.from({ length: Math.max(1, slots) }, () => 0);
	for (const t of taskMs) {
		let best = 0;
		for (let i = 1; i < free.length; i++) if ((free[i] ?? 0) < (free[best] ?? 0)) best = i;
		free[best] = (free[best] ?? 0) + t;
	}
	return Math.max(0, maxOf(free));
}

/** Stages are given as partition sizes; returns the batch's processing delay in whole ms. */
export function processingMs(
	stages: readonly (readonly number[])[],
	cost: CostModel,
	receivers: number,
	rng: Rng
): number | undefined {
	const slots = cost.executors * cost.coresPerExecutor - receivers;
	if (slots <= 0) return undefined;
	let total = cost.batchOverheadMs;
	for (const sizes of stages) {
		const tasks = sizes.map(
			(n) => (cost.taskOverheadMs + n * cost.perRecordMs) * (1 + cost.jitter * (rng.next() - 0.5))
		);
		total += makespan(tasks, slots);
	}
	return Math.max(1, Math.round(total));
}
