/**
 * A cluster run as plain data, and what it shows at one processing time: the batches that have
 * completed (each reports when it ends, as Spark's progress and listener events do), the one
 * running, and the newest `lastProgress` text.
 */
import type { PidStep } from '../../dstream/pid';
import { printProgress, type FullStreamingQueryProgress } from '../../cluster/progress';
import type { TaskRecord } from '../../cluster/scheduler';
import type { ProgramSettings } from './settings';

/** One batch, in the terms both APIs share (a DStream batch's `id` counts from 0). */
export interface CBatch {
	readonly id: number;
	/** When it was due: its trigger on the grid, or a DStream batch's time. */
	readonly dueMs: number;
	readonly startMs: number;
	readonly endMs: number;
	readonly records: number;
	/** start − due: waiting for the previous batch. */
	readonly schedulingDelayMs: number;
	/** start → end. */
	readonly processingMs: number;
	/** due → end (the Streaming tab's Total Delay). */
	readonly totalDelayMs: number;
	/** End-to-end: the batch's oldest record, from production to the batch's end. */
	readonly latencyMs: number;
	/** Produced by the batch's end and in no batch yet: waiting in the source. */
	readonly backlogAtEnd: number;
	/** Left at the source when the batch's offsets were fixed (the rate bound held them back). */
	readonly leftAtSource: number;
	/** In batches generated but not finished at this batch's end (DStreams' queue of jobs). */
	readonly queuedAtEnd: number;
	/** The rate bound in force for this batch (records/s), null = none. */
	readonly rateLimit: number | null;
	/** The PID estimator's step when this batch completed (DStream backpressure). */
	readonly pid: PidStep | null;
	readonly cores: number;
	readonly tasks: readonly TaskRecord[] | null;
}

export interface ExecutorPoint {
	readonly atMs: number;
	readonly running: number;
	readonly requested: number;
	readonly kind: 'start' | 'request' | 'cancel' | 'register' | 'remove';
}

export interface ScalingDecision {
	readonly atMs: number;
	readonly action: 'add' | 'remove' | 'none';
	/** Average processing time / batch interval over the interval's batches (absent: none done). */
	readonly ratio: number | null;
	readonly executors: number;
}

export interface ClusterSimRun {
	readonly api: 'structured' | 'dstream';
	readonly settings: ProgramSettings;
	readonly runMs: number;
	/** Trigger or batch interval (0 = the default trigger). */
	readonly intervalMs: number;
	readonly startEpochMs: number;
	/** Records the producers wrote in each second. */
	readonly arrivalsPerSecond: readonly number[];
	readonly batches: readonly CBatch[];
	/** Structured: each batch's StreamingQueryProgress (batch order). */
	readonly progress: readonly FullStreamingQueryProgress[] | null;
	readonly logs: readonly { readonly atMs: number; readonly message: string }[];
	/** Executors over time: registered (running) and asked for (registered + pending requests),
	 *  one point per change. Empty when the cluster never changes. */
	readonly executors: readonly ExecutorPoint[];
	/** Request → registration time of an executor. */
	readonly executorStartupMs: number;
	/** Core dynamic allocation's settings (Structured), null when off. */
	readonly coreAllocation: {
		readonly minExecutors: number;
		readonly maxExecutors: number;
		readonly schedulerBacklogTimeoutMs: number;
		readonly executorIdleTimeoutMs: number;
	} | null;
	/** Streaming dynamic allocation's decisions every scalingInterval (DStream), with its ratios. */
	readonly streamingAllocation: {
		readonly scalingUpRatio: number;
		readonly scalingDownRatio: number;
		readonly decisions: readonly ScalingDecision[];
	} | null;
	/** At the run's end: every produced record is processed, waiting, queued or dropped. */
	readonly totals: {
		readonly produced: number;
		readonly processed: number;
		readonly backlog: number;
		readonly queued: number;
		readonly dropped: number;
	};
}

export interface ClusterFrame {
	readonly t: number;
	/** Batches completed by t. */
	readonly completed: number;
	/** The newest completed batch. */
	readonly last: CBatch | null;
	/** The batch running at t. */
	readonly running: CBatch | null;
	/** `print(query.lastProgress)` at t (Structured), null before the first batch ends. */
	readonly lastProgress: string | null;
}

/** Batches that have completed by t (their end is when Spark reports them). */
export function completedBy(run: ClusterSimRun, t: number): number {
	let lo = 0;
	let hi = run.batches.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if ((run.batches[mid]?.endMs ?? Infinity) <= t) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

export function frameAt(run: ClusterSimRun, t: number): ClusterFrame {
	const completed = completedBy(run, t);
	const last = run.batches[completed - 1] ?? null;
	const next = run.batches[completed];
	const running = next && next.startMs <= t ? next : null;
	const p = run.progress?.[completed - 1];
	return { t, completed, last, running, lastProgress: p ? printProgress(p) : null };
}

/** The run as the page plays it: to the run's length (a DStream queue may drain after it). */
export const endMsOf = (run: ClusterSimRun): number => run.runMs;
