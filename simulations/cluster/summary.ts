/**
 * The few numbers a preset is judged by (the closing note quotes them at seed 1): how far the
 * query fell behind and how late its output was.
 */
import type { ClusterRun } from './run';

export interface RunSummary {
	readonly batches: number;
	readonly maxBatchDurationMs: number;
	readonly maxSchedulingDelayMs: number;
	/** Median and worst end-to-end latency of the oldest record per batch. */
	readonly medianLatencyMs: number;
	readonly maxLatencyMs: number;
	/** Most records left in the source at a trigger (admission control) or produced and unread at a batch's end. */
	readonly maxOffsetsBehindLatest: number;
	readonly maxBacklogAtEnd: number;
	readonly maxCores: number;
	readonly produced: number;
	readonly processed: number;
	readonly backlog: number;
	readonly dropped: number;
}

export function summarizeRun(run: ClusterRun): RunSummary {
	const b = run.batches;
	const max = (f: (x: ClusterRun['batches'][number]) => number) =>
		b.reduce((m, x) => Math.max(m, f(x)), 0);
	const lat = b.map((x) => x.latencyMs.max).sort((x, y) => x - y);
	return {
		batches: b.length,
		maxBatchDurationMs: max((x) => x.phases.triggerExecution),
		maxSchedulingDelayMs: max((x) => x.schedulingDelayMs),
		medianLatencyMs: lat.length === 0 ? 0 : (lat[Math.floor((lat.length - 1) / 2)] ?? 0),
		maxLatencyMs: lat[lat.length - 1] ?? 0,
		maxOffsetsBehindLatest: max((x) => x.offsetsBehindLatest),
		maxBacklogAtEnd: max((x) => x.backlogAtEnd),
		maxCores: max((x) => x.cores),
		produced: run.produced,
		processed: run.processed,
		backlog: run.backlog,
		dropped: run.dropped
	};
}
