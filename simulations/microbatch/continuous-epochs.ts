/**
 * Epochs of a continuous query (ContinuousExecution, EpochCoordinator). The driver's epoch thread
 * is a ProcessingTimeExecutor: its first IncrementAndGetEpoch runs at once, the next ones on the
 * interval's grid. The coordinator writes an epoch to the offset log once every reader partition
 * has reported its end offset, and commits it (sink commit, then commit log) once every writer
 * partition has committed too, strictly in epoch order.
 */
import { EPOCH_OFFSET_MS } from './run';
import { nextBatchTime } from '../structured/runtime/trigger-policy';
import type { PartitionEpochEnd } from './continuous-task';

/** Illustrative: writing the offset log and commit log entries of one epoch. */
export const EPOCH_COMMIT_MS = 10;

export interface ContinuousEpoch {
	readonly epoch: number;
	readonly run: number;
	/** The driver's IncrementAndGetEpoch that made this epoch current. */
	readonly startMs: number;
	/** Per partition: when its task took the epoch marker and the offset it reported. */
	readonly ends: readonly PartitionEpochEnd[];
	readonly rows: number;
	/** Offsets of all partitions merged and written to the offset log; null if never. */
	readonly offsetsLoggedMs: number | null;
	/** The commit log entry (and, for console/memory, the sink's output); null if never. */
	readonly commitMs: number | null;
}

/** The driver's epoch counter for one run, and when it made each epoch current. */
export function driverClock(firstEpoch: number, threadStartMs: number, intervalMs: number) {
	const firstGrid = nextBatchTime(threadStartMs + EPOCH_OFFSET_MS, intervalMs) - EPOCH_OFFSET_MS;
	const epochAt = (t: number): number => {
		if (t < threadStartMs) return firstEpoch;
		const ticks = t >= firstGrid ? Math.floor((t - firstGrid) / intervalMs) + 1 : 0;
		return firstEpoch + 1 + ticks;
	};
	/** firstEpoch is current from the run's start; the next one from the thread's first tick. */
	const startOf = (epoch: number, runStartMs: number): number => {
		if (epoch <= firstEpoch) return runStartMs;
		if (epoch === firstEpoch + 1) return threadStartMs;
		return firstGrid + (epoch - firstEpoch - 2) * intervalMs;
	};
	return { epochAt, startOf };
}

export interface EpochInputs {
	readonly run: number;
	readonly firstEpoch: number;
	readonly numPartitions: number;
	readonly ends: readonly PartitionEpochEnd[];
	/** Nothing is logged or committed after the run stops. */
	readonly stopMs: number;
	readonly startOf: (epoch: number) => number;
}

/** Every epoch some partition ended in this run, with its offset-log and commit times. */
export function assembleEpochs(input: EpochInputs): ContinuousEpoch[] {
	const byEpoch = new Map<number, PartitionEpochEnd[]>();
	for (const x of input.ends) {
		const list = byEpoch.get(x.epoch);
		if (list) list.push(x);
		else byEpoch.set(x.epoch, [x]);
	}
	const lastEpoch = input.ends.reduce((m, x) => Math.max(m, x.epoch), input.firstEpoch);
	const epochs: ContinuousEpoch[] = [];
	// null once an epoch failed to commit: no later one can (commits are sequenced).
	let previousCommit: number | null = -Infinity;
	for (let e = input.firstEpoch; e <= lastEpoch; e++) {
		const mine = (byEpoch.get(e) ?? []).sort((a, b) => a.partition - b.partition);
		const logged =
			mine.length === input.numPartitions
				? mine.reduce((m, x) => Math.max(m, x.atMs), -Infinity)
				: null;
		let commit: number | null = null;
		if (logged !== null && previousCommit !== null) {
			const at: number = Math.max(logged, previousCommit) + EPOCH_COMMIT_MS;
			commit = at <= input.stopMs ? at : null;
		}
		previousCommit = commit;
		epochs.push({
			epoch: e,
			run: input.run,
			startMs: input.startOf(e),
			ends: mine,
			rows: mine.reduce((s, x) => s + x.rows, 0),
			offsetsLoggedMs: logged,
			commitMs: commit
		});
	}
	return epochs;
}
