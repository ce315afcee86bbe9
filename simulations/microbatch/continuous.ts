/**
 * Continuous processing, `.trigger(continuous="1 second")` (SPARK-SEMANTICS.md R1.4.6; SS-PERF
 * "Continuous Processing"; ContinuousExecution, EpochCoordinator). One long-running task per source
 * partition processes each row as it arrives. The trigger value only paces the driver's epoch
 * counter (a ProcessingTimeExecutor on the epoch grid); when every partition has reported its end
 * offset and committed an epoch, the coordinator writes the offset and commit logs. A failure stops
 * the query (no task retries); a restart resumes from the last committed epoch's offsets, so rows
 * processed after it are processed again: at-least-once. Tasks that get no core never start, and
 * without them no epoch can ever commit.
 */
import { createRng } from '../core/rng';
import { EPOCH_OFFSET_MS } from './run';
import type { BatchQuery } from './query';
import { assembleEpochs, driverClock, type ContinuousEpoch } from './continuous-epochs';
import { resolveConfig, type ContinuousConfig, type ResolvedConfig } from './continuous-config';
import {
	latencyStats,
	microBatchContrast,
	type LatencyStats,
	type MicroBatchContrast
} from './continuous-contrast';
import {
	effectiveRowsPerSecond,
	initialOffsets,
	readTimeIncrementMs,
	type RatePartitionOffset
} from './continuous-rate-reader';
import {
	EXECUTOR_POLL_INTERVAL_MS,
	runContinuousTask,
	type ContinuousRow,
	type PartitionEpochEnd
} from './continuous-task';

export type { ContinuousConfig, ContinuousSink } from './continuous-config';
export type { ContinuousRow, PartitionEpochEnd } from './continuous-task';
export type { LatencyStats, MicroBatchContrast } from './continuous-contrast';
export type { ContinuousEpoch } from './continuous-epochs';

// Illustrative start-up costs (Spark does not fix them): planning the query before the epoch
// thread starts, then launching the long-running job's tasks.
export const QUERY_PLANNING_MS = 150;
export const TASK_LAUNCH_MS = 100;
/** spark.sql.streaming.continuous.epochBacklogQueueSize */
export const EPOCH_BACKLOG_QUEUE_SIZE = 10_000;

export interface ContinuousLane {
	readonly partition: number;
	/** Task start per run; null when the task never got a core. */
	readonly taskStartMs: readonly (number | null)[];
	readonly rows: readonly ContinuousRow[];
}

export interface ContinuousRun {
	readonly run: number;
	readonly startMs: number;
	readonly firstEpoch: number;
	readonly startOffsets: readonly RatePartitionOffset[];
	readonly stopMs: number;
	readonly stoppedBy: 'failure' | 'backlog' | 'end';
}

export interface ContinuousTrace {
	readonly config: ResolvedConfig;
	readonly notices: readonly string[];
	readonly queryStartMs: number;
	readonly epochOffsetMs: number;
	readonly endMs: number;
	readonly readTimeIncrementMs: number;
	readonly effectiveRowsPerSecond: number;
	readonly runs: readonly ContinuousRun[];
	readonly lanes: readonly ContinuousLane[];
	readonly epochs: readonly ContinuousEpoch[];
	/** Every IncrementAndGetEpoch: the driver's epoch boundaries. */
	readonly boundaries: readonly {
		readonly epoch: number;
		readonly atMs: number;
		readonly run: number;
	}[];
	readonly failure: {
		readonly atMs: number;
		readonly message: string;
		readonly lastCommittedEpoch: number | null;
		/** When the restarted run began; null if it did not within the simulation. */
		readonly restartMs: number | null;
		/** Rows the restarted run processed a second time. */
		readonly reprocessedRows: number;
		/** Of those, rows the sink had already published: duplicates a consumer sees. */
		readonly duplicatesInSink: number;
	} | null;
	readonly stall: {
		readonly runningTasks: number;
		readonly waitingPartitions: readonly number[];
		readonly message: string;
		/** When the coordinator's offset backlog overflows and the query stops, if within the run. */
		readonly backlogStopMs: number | null;
	} | null;
	readonly latency: {
		/** Row due → processed by its task. */
		readonly processing: LatencyStats | null;
		/** Row due → published by the sink (per row, or at its epoch's commit for console/memory). */
		readonly sink: LatencyStats | null;
		readonly microBatch: MicroBatchContrast;
	};
}

const FAILURE_MESSAGE =
	'A task failed; its retry threw ContinuousTaskRetryException ("Continuous execution does not ' +
	'support task retry"), so the query stopped and must be restarted from the checkpoint.';

/**
 * Simulates a continuous query over the rate source on virtual time.
 * @example buildContinuousTrace({ rowsPerSecond: 100, numPartitions: 2, epochIntervalMs: 1000,
 *   cores: 2, perRowCostUs: 50, untilMs: 10_000, seed: 1 }, query)
 */
export function buildContinuousTrace(
	input: ContinuousConfig,
	/** The same query run as micro-batches, for the latency contrast. */
	contrastQuery: BatchQuery
): ContinuousTrace {
	const { config, notices } = resolveConfig(input);
	const { numPartitions: n, epochIntervalMs: interval } = config;
	const rng = createRng(config.seed);
	// The same first draw as the micro-batch engine: one seed starts both queries at the same moment.
	const queryStartMs = rng.int(1000);
	const inc = readTimeIncrementMs(config.rowsPerSecond, n);
	const running = Math.min(config.cores, n);
	const costMs = config.perRowCostUs / 1000;
	const rowsBy: ContinuousRow[][] = Array.from({ length: n }, () => []);
	const taskStarts: (number | null)[][] = Array.from({ length: n }, () => []);
	const runs: ContinuousRun[] = [];
	const epochs: ContinuousEpoch[] = [];
	const boundaries: ContinuousTrace['boundaries'][number][] = [];
	let backlogStopMs: number | null = null;

	const runOnce = (
		run: number,
		startMs: number,
		firstEpoch: number,
		start: readonly RatePartitionOffset[],
		limitMs: number
	) => {
		const threadMs = startMs + QUERY_PLANNING_MS;
		const clock = driverClock(firstEpoch, threadMs, interval);
		const startOf = (epoch: number) => clock.startOf(epoch, startMs);
		let stopMs = limitMs;
		let stoppedBy: ContinuousRun['stoppedBy'] = limitMs < config.untilMs ? 'failure' : 'end';
		if (running < n) {
			// Reports pile up uncommitted; the coordinator stops the query past its backlog limit.
			const epochsToOverflow = Math.floor(EPOCH_BACKLOG_QUEUE_SIZE / running) + 1;
			const overflowMs = startOf(firstEpoch + epochsToOverflow) + EXECUTOR_POLL_INTERVAL_MS;
			if (overflowMs < stopMs) {
				stopMs = overflowMs;
				stoppedBy = 'backlog';
				backlogStopMs = overflowMs;
			}
		}
		const ends: PartitionEpochEnd[] = [];
		for (let p = 0; p < n; p++) {
			if (p >= running) {
				taskStarts[p]!.push(null);
				continue;
			}
			const taskStartMs = threadMs + TASK_LAUNCH_MS + rng.int(EXECUTOR_POLL_INTERVAL_MS);
			taskStarts[p]!.push(taskStartMs);
			const result = runContinuousTask({
				partition: p,
				run,
				start: start[p]!,
				firstEpoch,
				taskStartMs,
				stopAtMs: stopMs,
				numPartitions: n,
				incrementMs: inc,
				perRowCostMs: costMs,
				driverEpochAt: clock.epochAt
			});
			for (const r of result.rows) rowsBy[p]!.push(r);
			for (const x of result.ends) ends.push(x);
		}
		for (let e = firstEpoch + 1; e <= clock.epochAt(stopMs); e++) {
			boundaries.push({ epoch: e, atMs: startOf(e), run });
		}
		for (const e of assembleEpochs({ run, firstEpoch, numPartitions: n, ends, stopMs, startOf })) {
			epochs.push(e);
		}
		runs.push({ run, startMs, firstEpoch, startOffsets: start, stopMs, stoppedBy });
	};

	const failureAt = config.failureAtMs;
	const firstLimit = failureAt !== null && failureAt > queryStartMs ? failureAt : config.untilMs;
	if (failureAt !== null && firstLimit === config.untilMs) {
		notices.push(
			`The failure at ${failureAt} ms is not inside the run (${queryStartMs}–${config.untilMs} ms): none injected.`
		);
	}
	runOnce(0, queryStartMs, 0, initialOffsets(n, queryStartMs), firstLimit);
	let failure: ContinuousTrace['failure'] = null;
	if (runs[0]!.stoppedBy === 'failure') {
		const last = epochs.filter((e) => e.commitMs !== null).at(-1) ?? null;
		const wanted = config.restartAfterMs === null ? null : firstLimit + config.restartAfterMs;
		const restartMs = wanted !== null && wanted < config.untilMs ? wanted : null;
		if (restartMs !== null) {
			// getStartOffsets: resume after the last committed epoch; with none, start afresh.
			const start = last ? last.ends.map((x) => x.offset) : initialOffsets(n, restartMs);
			runOnce(1, restartMs, last ? last.epoch + 1 : 0, start, config.untilMs);
		}
		failure = {
			atMs: firstLimit,
			message: FAILURE_MESSAGE,
			lastCommittedEpoch: last?.epoch ?? null,
			restartMs,
			reprocessedRows: 0,
			duplicatesInSink: 0
		};
	}

	const commitOf = new Map(epochs.map((e) => [`${e.run}:${e.epoch}`, e.commitMs]));
	const perRow = config.sink === 'kafka' || config.sink === 'foreach';
	const publishedAt = (r: ContinuousRow): number | null =>
		perRow ? r.processedMs : (commitOf.get(`${r.run}:${r.epoch}`) ?? null);
	let reprocessed = 0;
	let duplicates = 0;
	const lanes: ContinuousLane[] = rowsBy.map((rows, partition) => {
		const firstRun = new Map(rows.filter((r) => r.run === 0).map((r) => [r.value, r]));
		const marked = rows.map((r) => {
			const earlier = r.run > 0 ? firstRun.get(r.value) : undefined;
			if (!earlier) return r;
			reprocessed++;
			if (publishedAt(earlier) !== null) duplicates++;
			return { ...r, replay: true };
		});
		return { partition, taskStartMs: taskStarts[partition]!, rows: marked };
	});
	if (failure) failure = { ...failure, reprocessedRows: reprocessed, duplicatesInSink: duplicates };

	const all = lanes.flatMap((l) => l.rows);
	const sinkLatencies: number[] = [];
	for (const r of all) {
		const at = publishedAt(r);
		if (at !== null) sinkLatencies.push(at - r.createdMs);
	}
	const stall: ContinuousTrace['stall'] =
		running < n
			? {
					runningTasks: running,
					waitingPartitions: Array.from({ length: n - running }, (_, i) => running + i),
					message:
						`${n} source partitions need ${n} long-running tasks but only ${running} cores exist: ` +
						`${n - running} tasks wait for a core forever, no epoch can commit, and the query ` +
						`hangs without an error (Spark does not check this; "the cluster must have at least ${n} ` +
						`cores for the query to make progress").`,
					backlogStopMs
				}
			: null;
	if (stall && backlogStopMs !== null) {
		notices.push(
			'The coordinator stopped the query: "Size of the partition offset queue has exceeded its maximum".'
		);
	}
	return {
		config,
		notices,
		queryStartMs,
		epochOffsetMs: EPOCH_OFFSET_MS,
		endMs: config.untilMs,
		readTimeIncrementMs: inc,
		effectiveRowsPerSecond: effectiveRowsPerSecond(config.rowsPerSecond, n),
		runs,
		lanes,
		epochs,
		boundaries,
		failure,
		stall,
		latency: {
			processing: latencyStats(all.map((r) => r.processedMs - r.createdMs)),
			sink: latencyStats(sinkLatencies),
			microBatch: microBatchContrast(config, contrastQuery)
		}
	};
}
