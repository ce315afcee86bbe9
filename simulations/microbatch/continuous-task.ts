/**
 * One long-running continuous task: one source partition, read and processed row by row
 * (ContinuousQueuedDataReader, ContinuousWriteRDD). A reader thread puts rows into a bounded queue
 * (spark.sql.streaming.continuous.executorQueueSize, 1024) as they fall due; a poller asks the
 * driver for its epoch every executorPollIntervalMs (100 ms) and queues one marker per epoch the
 * driver moved past. The task takes the queue in order: a row is processed, a marker ends the
 * partition's epoch (ReportPartitionOffset with the last row's offset, then CommitPartitionEpoch).
 */
import { rowAfter, type RatePartitionOffset } from './continuous-rate-reader';

export const EXECUTOR_QUEUE_SIZE = 1024;
export const EXECUTOR_POLL_INTERVAL_MS = 100;

/** A row as one task run handled it. Times are virtual ms. */
export interface ContinuousRow {
	readonly value: number;
	/** The row's `timestamp` column: when the rate reader had it due. */
	readonly createdMs: number;
	/** When the task finished writing it to the sink's data writer. */
	readonly processedMs: number;
	readonly epoch: number;
	/** Index of the query run (0, then 1 after a restart from the checkpoint). */
	readonly run: number;
	/** Already processed once by a run that failed before its epoch committed. */
	readonly replay: boolean;
}

/** A partition ending an epoch: when its task took the marker, and the offset it reported. */
export interface PartitionEpochEnd {
	readonly epoch: number;
	readonly partition: number;
	readonly atMs: number;
	readonly offset: RatePartitionOffset;
	readonly rows: number;
}

export interface TaskRunSpec {
	readonly partition: number;
	readonly run: number;
	readonly start: RatePartitionOffset;
	readonly firstEpoch: number;
	readonly taskStartMs: number;
	/** The run ends here (query failure or the end of the simulation): nothing after it happens. */
	readonly stopAtMs: number;
	readonly numPartitions: number;
	readonly incrementMs: number;
	readonly perRowCostMs: number;
	/** The driver's epoch counter at a time (EpochCoordinator's GetCurrentEpoch answer). */
	readonly driverEpochAt: (t: number) => number;
}

export interface TaskRunResult {
	readonly rows: ContinuousRow[];
	readonly ends: PartitionEpochEnd[];
}

/** Runs one task until its run stops; rows and markers are taken strictly in queue order. */
export function runContinuousTask(spec: TaskRunSpec): TaskRunResult {
	const { start, taskStartMs: t0, stopAtMs: stop } = spec;
	const rows: ContinuousRow[] = [];
	const ends: PartitionEpochEnd[] = [];
	// Take times of the last EXECUTOR_QUEUE_SIZE rows: the reader blocks on a full queue.
	const takes = new Float64Array(EXECUTOR_QUEUE_SIZE);
	let epoch = spec.firstEpoch;
	let offset = start;
	let epochRows = 0;
	let busy = t0;
	let nextPoll = t0;
	let k = 1;
	for (;;) {
		const due = rowAfter(start, k, spec.numPartitions, spec.incrementMs);
		const queueFree = k > EXECUTOR_QUEUE_SIZE ? takes[k % EXECUTOR_QUEUE_SIZE]! : -Infinity;
		const readAt = Math.max(due.runTimeMs, t0, queueFree);
		// The poller is scheduled before the reader thread starts, so a tie goes to the marker.
		if (nextPoll <= readAt) {
			if (nextPoll > stop) break;
			const target = spec.driverEpochAt(nextPoll);
			for (; epoch < target; epoch++) {
				const at = Math.max(nextPoll, busy);
				if (at > stop) return { rows, ends };
				ends.push({ epoch, partition: spec.partition, atMs: at, offset, rows: epochRows });
				epochRows = 0;
			}
			nextPoll += EXECUTOR_POLL_INTERVAL_MS;
			continue;
		}
		if (readAt > stop) break;
		const take = Math.max(readAt, busy);
		const processed = take + spec.perRowCostMs;
		if (processed > stop) break;
		busy = processed;
		takes[k % EXECUTOR_QUEUE_SIZE] = take;
		rows.push({
			value: due.value,
			createdMs: due.runTimeMs,
			processedMs: processed,
			epoch,
			run: spec.run,
			replay: false
		});
		offset = due;
		epochRows++;
		k++;
	}
	return { rows, ends };
}
