/**
 * A Structured Streaming query on a cluster under load, on counts: a partitioned source fed by a
 * rate profile, the micro-batch trigger loop, admission control, the batch's stages on the
 * executors' cores, and optionally core dynamic allocation. One record per batch with its
 * offsets, durations, scheduling delay, backlog, end-to-end latency and tasks.
 *
 * Rows are never materialised: a batch is the offsets it covers per partition. Every produced
 * record is processed once (batches cover contiguous offset ranges), still in the backlog, or
 * dropped (only when the source's retention deleted it before it was read: Kafka with
 * failOnDataLoss=false skips to the earliest offset still available).
 */
import { createRng } from '../core/rng';
import { admit, type Admission } from './admission';
import { BatchExecutor, type Phases, type StatefulStage } from './batch-execution';
import {
	CoreAllocationManager,
	type AllocationStep,
	type DynamicAllocationConf
} from './dynamic-allocation';
import { ExecutorPool, type PoolEvent } from './executors';
import { arrivalsPerSecond, PartitionedArrivals, type RateProfile } from './input-profile';
import { ClusterRuntime, type StageRun, type TaskRecord } from './scheduler';
import type { TaskCost } from './task-cost';
import type { Json } from './progress';
import { MicroBatchLoop } from '../structured/runtime/loop';
import { nextBatchTime, type TriggerSpec } from '../structured/runtime/trigger-policy';

/** spark.sql.streaming.noDataProgressEventInterval (SQLConf default 10000 ms). */
export const NO_DATA_PROGRESS_EVENT_INTERVAL_MS = 10_000;

// The loop starts no attempt after untilMs; a cluster run starts none at or after durationMs.
const LAST_START_MARGIN_MS = 1e-6;

export interface ClusterSpec {
	readonly executors: number;
	readonly coresPerExecutor: number;
	/** Request → registration time of a new executor. */
	readonly executorStartupMs: number;
	/** Of that, how long a request stays cancellable (not yet granted a container); default all. */
	readonly executorAllocationMs?: number;
	readonly dynamicAllocation: DynamicAllocationConf | null;
}

export interface SourceSpec {
	readonly topic: string;
	readonly partitions: number;
	/** Share of records on the hottest partition beyond an even spread. */
	readonly skew: number;
	/** Records older than this are deleted before being read (Kafka retention.ms); null = kept. */
	readonly retentionMs: number | null;
	/** minPartitions: a batch's large offset ranges split into more read tasks (offset-ranges.ts). */
	readonly minPartitions?: number | null;
	/** lastProgress's source description, when it is not a Kafka topic (the rate source). */
	readonly description?: string;
	/** lastProgress's offsets from the partitions' offsets, when they are not Kafka's JSON. */
	readonly offsetJson?: (offsets: readonly number[]) => Json;
}

export interface StatefulSpec extends StatefulStage {
	/** Distinct grouping keys (bounds the state rows). */
	readonly keys: number;
	/** withWatermark delay on the production time; null = no watermark (no eventTime in progress). */
	readonly watermarkDelayMs: number | null;
	/**
	 * A tumbling event-time window (groupBy(window(ts, W), key)): state is one row per key and
	 * window, and a window's rows are evicted (emitted in append mode) once the batch's
	 * watermark passes its end. Without a watermark nothing is ever evicted. Absent: one row
	 * per key (`keys` bounds the state).
	 */
	readonly windowMs?: number;
}

export interface ClusterQuerySpec {
	readonly seed: number;
	/** Triggers start while virtual time is below this. */
	readonly durationMs: number;
	/** 0 = default trigger (as fast as possible). */
	readonly triggerIntervalMs: number;
	readonly profile: RateProfile;
	/** Seeded noise on each second's count: uniform factor in [1 − jitter, 1 + jitter] (default 0). */
	readonly profileJitter?: number;
	readonly source: SourceSpec;
	readonly admission: Admission;
	readonly inputCost: TaskCost;
	readonly stateful: StatefulSpec | null;
	readonly driverOverheadMs: number;
	readonly cluster: ClusterSpec;
	/** Keep Gantt bars (default true); off for long runs. */
	readonly recordTasks?: boolean;
}

export interface ClusterBatch {
	readonly batchId: number;
	/** When the trigger was due (grid time) and when it started. */
	readonly dueMs: number;
	readonly startMs: number;
	readonly endMs: number;
	/** start − due: how late the batch began because the previous one overran. */
	readonly schedulingDelayMs: number;
	readonly phases: Phases;
	/** Start of the previous trigger attempt (idle polls count; R1.6.3), null for the first. */
	readonly previousAttemptMs: number | null;
	readonly startOffsets: readonly number[];
	readonly endOffsets: readonly number[];
	/** What the source had at the trigger (latestOffset). */
	readonly latestOffsets: readonly number[];
	readonly numInputRows: number;
	/** Records skipped since the previous batch because retention deleted them unread. */
	readonly droppedRows: number;
	/** latest − end at the trigger: left in the source by admission control. */
	readonly offsetsBehindLatest: number;
	/** Produced by the batch's end and not yet read. */
	readonly backlogAtEnd: number;
	/** End-to-end latency (batch end − production time): oldest, newest, mean record. */
	readonly latencyMs: { readonly max: number; readonly min: number; readonly avg: number };
	readonly stages: readonly StageRun[];
	readonly tasks: readonly TaskRecord[] | null;
	readonly cores: number;
	/** Production times of the batch's records (they are the event times): oldest, newest, mean. */
	readonly eventTimeMs: { readonly min: number; readonly max: number; readonly avg: number } | null;
	/** The watermark this batch ran with (max event time of earlier batches − delay, R2.2). */
	readonly watermarkMs: number | null;
	/** State rows after the batch (stateful queries). */
	readonly state: {
		readonly numRowsTotal: number;
		readonly numRowsUpdated: number;
		/** Rows evicted by the watermark in this batch (windowed state only). */
		readonly numRowsRemoved?: number;
	} | null;
}

export interface ClusterRun {
	readonly spec: ClusterQuerySpec;
	readonly batches: readonly ClusterBatch[];
	readonly arrivalsPerSecond: readonly number[];
	readonly allocation: readonly AllocationStep[];
	readonly executorEvents: readonly PoolEvent[];
	/** Where the run stopped (the last trigger's end) and the totals then. */
	readonly endMs: number;
	readonly produced: number;
	readonly processed: number;
	readonly dropped: number;
	readonly backlog: number;
	/** Where the next batch would start reading (after the last batch and any deletions). */
	readonly nextStartOffsets: readonly number[];
	/**
	 * Idle progress entries (R1.6.8): a trigger that ran no batch records a progress only if
	 * spark.sql.streaming.noDataProgressEventInterval (10 s) passed since the last progress.
	 * `batchId` is the next batch's id.
	 */
	readonly idleProgress: readonly { readonly atMs: number; readonly batchId: number }[];
	/** The loop's log lines ("Current batch is falling behind ..."), in time order. */
	readonly logs: readonly { readonly atMs: number; readonly message: string }[];
	/** Set when no core was available to run a batch (e.g. zero executors, no allocation). */
	readonly stalled: boolean;
}

/** The loop's trigger policy for a cluster query: processingTime(interval), 0 = the default. */
const triggerOf = (intervalMs: number): TriggerSpec => ({
	kind: 'processingTime',
	intervalMs: Math.max(0, intervalMs)
});

/**
 * The query on the one micro-batch loop (structured/runtime/loop.ts): this file is the loop's
 * target (offsets, admission, state, one record per batch) and its cost/cluster policy (the
 * batch's stages on the executors' cores, BatchExecutor). The loop decides when triggers start.
 */
export function runClusterQuery(spec: ClusterQuerySpec): ClusterRun {
	const rng = createRng(spec.seed);
	const horizonSeconds = Math.ceil(spec.durationMs / 1000) + 1;
	const perSecond = arrivalsPerSecond(
		spec.profile,
		horizonSeconds,
		rng.fork(),
		spec.profileJitter ?? 0
	);
	const source = new PartitionedArrivals(perSecond, spec.source.partitions, spec.source.skew);
	const c = spec.cluster;
	const initial = c.dynamicAllocation ? c.dynamicAllocation.initialExecutors : c.executors;
	const pool = new ExecutorPool(
		c.coresPerExecutor,
		c.executorStartupMs,
		initial,
		0,
		true,
		c.executorAllocationMs ?? c.executorStartupMs
	);
	const manager = c.dynamicAllocation ? new CoreAllocationManager(c.dynamicAllocation) : null;
	const runtime = new ClusterRuntime(pool, manager, { recordTasks: spec.recordTasks !== false });
	const executor = new BatchExecutor(runtime, spec.driverOverheadMs);
	const interval = spec.triggerIntervalMs;

	const P = spec.source.partitions;
	let start: number[] = new Array<number>(P).fill(0);
	const batches: ClusterBatch[] = [];
	let processed = 0;
	let dropped = 0;
	let droppedSinceBatch = 0;
	let stateRows = 0;
	// Windowed state: the first window seen and the newest (indices of event time / W).
	let firstWindow: number | null = null;
	let lastWindow = -1;
	let watermark = 0;
	let stalled = false;
	let previousAttempt: number | null = null;
	let batchId = 0;
	const idleProgress: { atMs: number; batchId: number }[] = [];
	const logs: { atMs: number; message: string }[] = [];
	let lastProgressMs = -Infinity;

	const runTrigger = (t: number): ClusterBatch | null => {
		// Time passed since the last attempt with no batch running: dynamic allocation ticks.
		executor.idleUntil(t);
		// When this attempt was due on the trigger's grid (a late start is scheduling delay).
		const due =
			previousAttempt !== null && interval > 0 ? nextBatchTime(previousAttempt, interval) : t;
		// startingOffsets="latest" on a topic that starts empty: batch 0 reads from offset 0.
		const latest = source.offsetsAt(t);
		let droppedNow = 0;
		if (spec.source.retentionMs !== null) {
			const earliest = source.offsetsAt(t - spec.source.retentionMs);
			start = start.map((s, p) => {
				const e = earliest[p] ?? 0;
				if (s >= e) return s;
				droppedNow += e - s;
				return e;
			});
		}
		dropped += droppedNow;
		// Deleted records are reported on the next batch that runs, idle triggers included.
		droppedSinceBatch += droppedNow;
		const end = admit(spec.admission, start, latest);
		const inputRows = end.map((e, p) => e - (start[p] ?? 0));
		const rows = inputRows.reduce((a, b) => a + b, 0);
		if (rows === 0 && batchId > 0) {
			// Nothing new: no batch runs (R1.2: batch 0 of a fresh query runs as soon as the source
			// reports an offset, even with 0 rows; later a trigger without new data runs none).
			if (t - lastProgressMs >= NO_DATA_PROGRESS_EVENT_INTERVAL_MS) {
				idleProgress.push({ atMs: t, batchId });
				lastProgressMs = t;
			}
			previousAttempt = t;
			return null;
		}
		const exec = executor.execute(
			{
				inputRows,
				inputCost: spec.inputCost,
				stateful: spec.stateful,
				stateRowsBefore: stateRows,
				minPartitions: spec.source.minPartitions ?? null
			},
			t
		);
		if (exec.endMs === null) {
			// No core to run on: the loop stops (stopped() below) and the run says so.
			stalled = true;
			return null;
		}
		const endMs = exec.endMs;
		let oldest = Infinity;
		let newest = -Infinity;
		let weighted = 0;
		for (let p = 0; p < P; p++) {
			const n = inputRows[p] ?? 0;
			if (n <= 0) continue;
			const a = source.arrivalOf(p, start[p] ?? 0);
			const b = source.arrivalOf(p, (end[p] ?? 0) - 1);
			oldest = Math.min(oldest, a);
			newest = Math.max(newest, b);
			weighted += (n * (a + b)) / 2;
		}
		processed += rows;
		let state: ClusterBatch['state'] = null;
		const W = spec.stateful?.windowMs;
		if (spec.stateful && W && W > 0) {
			state = windowedState(
				spec.stateful.keys,
				W,
				rows === 0 ? null : { min: oldest, max: newest },
				spec.stateful.watermarkDelayMs === null ? null : watermark,
				stateRows,
				{ first: firstWindow, last: lastWindow }
			);
			if (rows > 0) {
				firstWindow = Math.min(firstWindow ?? Infinity, Math.floor(oldest / W));
				lastWindow = Math.max(lastWindow, Math.floor(newest / W));
			}
			stateRows = state.numRowsTotal;
		} else if (spec.stateful) {
			stateRows = Math.min(spec.stateful.keys, stateRows + rows);
			state = { numRowsTotal: stateRows, numRowsUpdated: Math.min(rows, spec.stateful.keys) };
		}
		const produced = source.offsetsAt(endMs);
		const eventTimeMs =
			rows === 0 ? null : { min: oldest, max: newest, avg: Math.trunc(weighted / rows) };
		const watermarkDelay = spec.stateful?.watermarkDelayMs ?? null;
		const watermarkMs = watermarkDelay === null ? null : watermark;
		if (watermarkDelay !== null && eventTimeMs) {
			watermark = Math.max(watermark, eventTimeMs.max - watermarkDelay);
		}
		const batch: ClusterBatch = {
			batchId,
			dueMs: due,
			startMs: t,
			endMs,
			schedulingDelayMs: t - due,
			phases: exec.phases,
			previousAttemptMs: previousAttempt,
			startOffsets: start,
			endOffsets: end,
			latestOffsets: latest,
			numInputRows: rows,
			droppedRows: droppedSinceBatch,
			offsetsBehindLatest: latest.reduce((a, l, p) => a + l - (end[p] ?? 0), 0),
			backlogAtEnd: produced.reduce((a, l, p) => a + l - (end[p] ?? 0), 0),
			latencyMs:
				rows === 0
					? { max: 0, min: 0, avg: 0 }
					: { max: endMs - oldest, min: endMs - newest, avg: Math.round(endMs - weighted / rows) },
			stages: exec.stages,
			tasks: exec.tasks,
			cores: exec.coresAtStart,
			eventTimeMs,
			watermarkMs,
			state
		};
		batches.push(batch);
		batchId++;
		droppedSinceBatch = 0;
		lastProgressMs = endMs;
		start = end;
		previousAttempt = t;
		return batch;
	};

	const loop = new MicroBatchLoop<ClusterBatch>(
		{ runTrigger, stopped: () => stalled },
		{
			trigger: triggerOf(interval),
			epochOffsetMs: 0,
			// Triggers start while virtual time is below durationMs.
			untilMs: spec.durationMs - LAST_START_MARGIN_MS,
			// The batch's time is what its stages took on the cores; an idle poll costs nothing
			// beyond the trigger policy's pollingDelay.
			cost: { batchMs: (b) => b.endMs - b.startMs, idleMs: 0 }
		},
		0
	);
	let t = 0;
	for (let at = loop.wakeAt; at !== null; at = loop.wakeAt) {
		t = at;
		for (const e of loop.step(at))
			if (e.kind === 'log') logs.push({ atMs: e.at, message: e.message });
	}
	if (!stalled) executor.idleUntil(t);
	const finalLatest = source.offsetsAt(t);
	const produced = finalLatest.reduce((a, b) => a + b, 0);
	return {
		spec,
		batches,
		arrivalsPerSecond: perSecond,
		allocation: runtime.allocationSteps,
		executorEvents: pool.events,
		endMs: t,
		produced,
		processed,
		dropped,
		backlog: finalLatest.reduce((a, l, p) => a + l - (start[p] ?? 0), 0),
		nextStartOffsets: start,
		idleProgress,
		logs,
		stalled
	};
}

/**
 * One batch of a windowed aggregation's state on counts: every key appears in every window its
 * rows cover (at these rates each key has rows in each second). Rows of windows that end at or
 * before the batch's watermark are evicted (StateStoreSaveExec in append/update mode removes
 * them with the watermark predicate); without a watermark every window stays (R2.2, R6).
 */
export function windowedState(
	keys: number,
	windowMs: number,
	events: { readonly min: number; readonly max: number } | null,
	watermarkMs: number | null,
	rowsBefore: number,
	seen: { readonly first: number | null; readonly last: number }
): { numRowsTotal: number; numRowsUpdated: number; numRowsRemoved: number } {
	const first = events
		? Math.min(seen.first ?? Infinity, Math.floor(events.min / windowMs))
		: seen.first;
	const last = events ? Math.max(seen.last, Math.floor(events.max / windowMs)) : seen.last;
	if (first === null) return { numRowsTotal: 0, numRowsUpdated: 0, numRowsRemoved: 0 };
	// Windows [k·W, (k+1)·W) with (k+1)·W <= watermark are gone.
	const kept = watermarkMs === null ? first : Math.max(first, Math.floor(watermarkMs / windowMs));
	const total = keys * Math.max(0, last - kept + 1);
	const updated = events
		? keys *
			(Math.floor(events.max / windowMs) - Math.max(kept, Math.floor(events.min / windowMs)) + 1)
		: 0;
	// Windows opened by this batch's rows (after the newest one seen before).
	const opened = seen.first === null ? last - first + 1 : Math.max(0, last - seen.last);
	return {
		numRowsTotal: total,
		numRowsUpdated: Math.max(0, updated),
		numRowsRemoved: Math.max(0, rowsBefore + keys * opened - total)
	};
}
