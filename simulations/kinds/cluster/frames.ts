/**
 * A cluster run as plain data, and what it shows at one processing time: the batches that have
 * completed (each reports when it ends, as Spark's progress and listener events do), the one
 * running, and the newest `lastProgress` text.
 */
import type { PidStep } from '../../dstream/pid';
import { printProgress, type FullStreamingQueryProgress } from '../../cluster/progress';
import type { TaskRecord } from '../../cluster/scheduler';
import type { UdfKind } from '../../cluster/task-cost';
import type { ListenerCall } from '../../cluster/listener-calls';
import type { SweepResult } from '../../cluster/sweep';
import type { ProgramSettings } from './settings';
import type { ChallengeBatch } from '../../cluster/challenges';

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
	/** A query with a Python UDF: its tasks' time summed by where it goes (ms of task time). */
	readonly costParts?: CostParts;
}

export interface CostParts {
	readonly jvmMs: number;
	readonly transferMs: number;
	readonly pythonMs: number;
}

export interface UdfCeiling {
	readonly kind: UdfKind;
	readonly rowsPerSecond: number;
	readonly current: boolean;
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
	/** The program's listener callbacks as they ran, with what each printed (time order). */
	readonly listener: readonly ListenerCall[];
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
	/** A query with a Python UDF or the rate source: each way of writing the transformation's
	 *  throughput ceiling on this cluster (rows/s), the program's own marked. */
	readonly ceilings?: readonly UdfCeiling[];
	/** The same query once per value of one setting (a page that sweeps one, advanced-05). */
	readonly sweep?: SweepResult | null;
	/** Late, duplicate, malformed records and files written, per batch (basic-13), when the
	 *  page's world has them; `failure` when FAILFAST stopped the query. */
	readonly challenge?: {
		readonly batches: readonly ChallengeBatch[];
		/** The counter the page draws as the challenge's signature. */
		/** 'tasks': the signature is the batch's task bars (skew), the Gantt drawn first. */
		readonly focus: 'lateDropped' | 'dedupState' | 'files' | 'corrupt' | 'tasks' | null;
		readonly failure: {
			readonly batchId: number;
			readonly atMs: number;
			readonly line: number;
			readonly message: string;
		} | null;
	} | null;
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
	/** The listener's most recent callbacks by t (oldest first), with what they printed. */
	readonly listener: readonly ListenerCall[];
	/** Signs of trouble read off the numbers reported by t (empty: healthy). */
	readonly trouble: readonly TroubleSign[];
}

export interface TroubleSign {
	readonly id: 'rates' | 'duration' | 'backlog' | 'listener';
	readonly text: string;
}

/** How many batches in a row a sign must hold before it is raised (a spike's single batch is
 *  noise; three in a row is a trend, QUESTIONS.md basic-12's alert rule). */
export const TROUBLE_RUN = 3;
const LISTENER_TAIL = 8;

const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * What a reader of the dashboard would conclude at t, from the reported numbers only: the
 * processed rate below the input rate (Structured: the progress records' two rates; DStream:
 * processing time above the interval, the Streaming tab's rule), a batch longer than the trigger,
 * the records waiting at the source growing, and a listener that raised.
 */
export function troubleAt(run: ClusterSimRun, completed: number, t: number): TroubleSign[] {
	const out: TroubleSign[] = [];
	const recent = run.batches.slice(Math.max(0, completed - TROUBLE_RUN), completed);
	const full = recent.length === TROUBLE_RUN;
	const slow = (b: CBatch): boolean => {
		const p = run.progress?.[run.batches.indexOf(b)];
		return p
			? p.numInputRows > 0 && p.processedRowsPerSecond < p.inputRowsPerSecond
			: run.intervalMs > 0 && b.processingMs > run.intervalMs;
	};
	if (full && recent.every(slow))
		out.push({
			id: 'rates',
			text: run.progress
				? `Process Rate below Input Rate for ${TROUBLE_RUN} batches in a row: the query is falling behind.`
				: `Processing time above the ${sec(run.intervalMs)} batch interval for ${TROUBLE_RUN} batches in a row: the query is falling behind.`
		});
	const last = recent[recent.length - 1];
	if (last && run.intervalMs > 0 && last.processingMs > run.intervalMs)
		out.push({
			id: 'duration',
			text: `Batch ${last.id} took ${sec(last.processingMs)}, longer than the ${sec(run.intervalMs)} ${run.api === 'dstream' ? 'batch interval' : 'trigger'}.`
		});
	// Grew every batch, and more waits than the last batch took (a healthy query leaves only
	// what arrived while its batch ran, less than a batch's worth).
	const growing = recent.every(
		(b, i) => i === 0 || b.backlogAtEnd > (recent[i - 1]?.backlogAtEnd ?? 0)
	);
	if (full && last && growing && last.backlogAtEnd > last.records)
		out.push({
			id: 'backlog',
			text: `Records waiting at the source grew for ${TROUBLE_RUN} batches: ${(last?.backlogAtEnd ?? 0).toLocaleString('en-US')} now.`
		});
	const raised = run.listener.find((c) => c.error && c.atMs <= t);
	if (raised?.error) out.push({ id: 'listener', text: raised.error.message });
	return out;
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
	const heard = run.listener.filter((c) => c.atMs <= t);
	return {
		t,
		completed,
		last,
		running,
		lastProgress: p ? printProgress(p) : null,
		listener: heard.slice(-LISTENER_TAIL),
		trouble: troubleAt(run, completed, t)
	};
}

/** The run as the page plays it: to the run's length (a DStream queue may drain after it). */
export const endMsOf = (run: ClusterSimRun): number => run.runMs;
