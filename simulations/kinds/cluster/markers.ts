/**
 * What happened in a run under load, on the processing-time axis, each naming the Spark rule:
 * the first batch that started late (the previous one overran), the first rate the PID estimator
 * published and when it hit its floor, the first batch maxOffsetsPerTrigger capped, the deepest
 * backlog, and the first "falling behind" log line.
 */
import type { SimMarker } from '../kind';
import type { ClusterSimRun } from './frames';

export const CLUSTER_MARKER_KINDS = ['delay', 'rate', 'scaling', 'backlog'] as const;
export type ClusterMarkerKind = (typeof CLUSTER_MARKER_KINDS)[number];

const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const n = (x: number): string => Math.round(x).toLocaleString('en-US');

export function clusterMarkersOf(run: ClusterSimRun): SimMarker[] {
	const out: SimMarker[] = [];
	const inRun = run.batches.filter((b) => b.endMs <= run.runMs);
	// A start a few ms late is the job's own overhead, not a queue: mark delays of 50 ms or more.
	const late = inRun.find((b) => b.schedulingDelayMs >= 50);
	if (late)
		out.push({
			id: 'first-late',
			atMs: late.startMs,
			kind: 'delay',
			label: `Batch ${late.id} starts ${s(late.schedulingDelayMs)} late: the one before it overran its interval`,
			rule:
				run.api === 'dstream'
					? 'JobScheduler runs one batch job at a time (spark.streaming.concurrentJobs = 1): a batch waits for the previous one, its scheduling delay (SPARK-SEMANTICS R8.1).'
					: 'ProcessingTimeExecutor starts the next trigger at once when a batch ran past the interval; missed ticks are skipped (SPARK-SEMANTICS R1.4.2).'
		});
	const log = run.logs.find((l) => l.atMs <= run.runMs);
	if (log)
		out.push({
			id: 'falling-behind',
			atMs: log.atMs,
			kind: 'delay',
			label: `WARN ${log.message}`,
			rule: 'ProcessingTimeExecutor logs this when a batch took longer than the trigger interval (SPARK-SEMANTICS R1.4.2).'
		});
	const seeded = inRun.find((b) => b.pid?.computed && b.pid.firstRun);
	if (seeded?.pid)
		out.push({
			id: 'pid-seeded',
			atMs: seeded.endMs,
			kind: 'rate',
			label: `The PID estimator's first batch: latestRate = ${n(seeded.pid.processingRate ?? 0)} records/s, no rate published yet`,
			rule: 'PIDRateEstimator: the first batch with elements only seeds latestRate with the processing rate; initialRate bounds batches until an estimate exists (SPARK-SEMANTICS R8.6).'
		});
	const published = inRun.find((b) => b.pid?.newRate !== undefined);
	if (published?.pid?.newRate !== undefined)
		out.push({
			id: 'pid-rate',
			atMs: published.endMs,
			kind: 'rate',
			label: `Backpressure publishes ${n(Math.floor(published.pid.newRate))} records/s after batch ${published.id}`,
			rule: 'newRate = max(latestRate − kp·error − ki·historicalError − kd·dError, minRate), published after every completed batch (PIDRateEstimator, SPARK-SEMANTICS R8.6).'
		});
	const firstRate = inRun.find((b) => b.pid?.newRate !== undefined)?.endMs ?? Infinity;
	const held = inRun.find(
		(b) => b.dueMs >= firstRate && b.rateLimit !== null && b.leftAtSource > 0
	);
	if (held?.rateLimit != null)
		out.push({
			id: 'held-back',
			atMs: held.dueMs,
			kind: 'rate',
			label: `The receiver's rate (${n(held.rateLimit)} records/s) holds ${n(held.leftAtSource)} records back at the source for batch ${held.id}`,
			rule: "With backpressure the receiver's RateLimiter takes at most the published rate (capped by receiver.maxRate); the rest waits at the source, it is not dropped (SPARK-SEMANTICS R8.6)."
		});
	const floor = run.settings.api === 'dstream' ? run.settings.conf.pid.minRate : null;
	const floored = inRun.find(
		(b) => floor !== null && b.pid?.newRate !== undefined && b.pid.newRate <= floor
	);
	if (floored && floor !== null)
		out.push({
			id: 'pid-floor',
			atMs: floored.endMs,
			kind: 'rate',
			label: `The estimate hits spark.streaming.backpressure.pid.minRate (${n(floor)} records/s): it cannot go lower`,
			rule: 'PIDRateEstimator clamps every estimate at minRate (default 100), even when the batches process fewer records per second (SPARK-SEMANTICS R8.6).'
		});
	const limit = run.settings.api === 'structured' ? run.settings.maxOffsetsPerTrigger : null;
	const capped = inRun.find((b) => limit !== null && b.leftAtSource > 0);
	if (capped && limit !== null)
		out.push({
			id: 'capped',
			atMs: capped.startMs,
			kind: 'rate',
			label: `maxOffsetsPerTrigger caps batch ${capped.id} at ${n(limit)} offsets; the rest waits in Kafka`,
			rule: 'The Kafka source reads at most maxOffsetsPerTrigger offsets per trigger, split over partitions by their lag (KafkaMicroBatchStream.rateLimit, SPARK-SEMANTICS R4).'
		});
	const deepest = inRun.reduce<(typeof inRun)[number] | null>(
		(m, b) => (b.backlogAtEnd + b.queuedAtEnd > (m ? m.backlogAtEnd + m.queuedAtEnd : 0) ? b : m),
		null
	);
	if (deepest)
		out.push({
			id: 'deepest',
			atMs: deepest.endMs,
			kind: 'backlog',
			label: `Deepest backlog: ${n(deepest.backlogAtEnd)} records waiting at the source${deepest.queuedAtEnd > 0 ? `, ${n(deepest.queuedAtEnd)} in queued batches` : ''}`,
			rule:
				run.api === 'dstream'
					? 'A receiver takes what its rate limit allows; without one, everything is received and waits in queued batches (SPARK-SEMANTICS R8.2, R8.6).'
					: 'Each trigger reads from the last committed offsets to latestOffset (or the cap): what is not read yet waits in the topic (SPARK-SEMANTICS R1.2).'
		});
	out.push(...scalingMarkers(run));
	return out.sort((a, b) => a.atMs - b.atMs);
}

/** Executors asked for, arriving, cancelled and released; DStreams' ratio decisions. */
function scalingMarkers(run: ClusterSimRun): SimMarker[] {
	const out: SimMarker[] = [];
	const ev = run.executors.filter((e) => e.atMs <= run.runMs && e.kind !== 'start');
	const firstRequest = ev.find((e) => e.kind === 'request');
	const core = run.coreAllocation;
	if (firstRequest && core)
		out.push({
			id: 'first-request',
			atMs: firstRequest.atMs,
			kind: 'scaling',
			label: `Tasks pending ${s(core.schedulerBacklogTimeoutMs)}: Spark asks for an executor (then 2, 4, … per round while the backlog lasts)`,
			rule: 'ExecutorAllocationManager: tasks pending for schedulerBacklogTimeout add executors, doubling each sustainedSchedulerBacklogTimeout round, never past what the pending tasks need nor maxExecutors (SPARK-SEMANTICS §9).'
		});
	const cancel = ev.find((e) => e.kind === 'cancel');
	if (cancel && core)
		out.push({
			id: 'first-cancel',
			atMs: cancel.atMs,
			kind: 'scaling',
			label: 'The batch’s tasks drained first: a request not yet granted is cancelled',
			rule: 'When fewer executors are needed than the target, the target drops to max(needed, minExecutors) and the cluster manager cancels requests it has not granted yet (ExecutorAllocationManager.updateAndSyncNumExecutorsTarget).'
		});
	// Executors present at the start register at 0; the first asked for comes after a request.
	const arrived = firstRequest
		? ev.find((e) => e.kind === 'register' && e.atMs > firstRequest.atMs)
		: undefined;
	if (arrived)
		out.push({
			id: 'first-register',
			atMs: arrived.atMs,
			kind: 'scaling',
			label: `An executor registers, ${s(run.executorStartupMs)} after it was asked for: ${arrived.running} running`,
			rule: 'A requested executor runs tasks only once its container or pod is up and it has registered with the driver; until then the backlog grows (SPARK-SEMANTICS §9).'
		});
	const removed = ev.find((e) => e.kind === 'remove');
	if (removed)
		out.push({
			id: 'first-remove',
			atMs: removed.atMs,
			kind: 'scaling',
			label: `An executor is released: ${removed.running} left`,
			rule: core
				? 'An executor with no task for executorIdleTimeout is removed, never below minExecutors (ExecutorMonitor, SPARK-SEMANTICS §9).'
				: 'Streaming dynamic allocation kills one executor running no receiver when the ratio is at most scalingDownRatio (SPARK-SEMANTICS R8.8).'
		});
	const sa = run.streamingAllocation;
	const add = sa?.decisions.find((d) => d.action === 'add' && d.atMs <= run.runMs);
	if (sa && add)
		out.push({
			id: 'ratio-add',
			atMs: add.atMs,
			kind: 'scaling',
			label: `Processing time / batch interval = ${(add.ratio ?? 0).toFixed(2)} ≥ ${sa.scalingUpRatio}: ask for ${Math.max(Math.round(add.ratio ?? 0), 1)} more executor(s)`,
			rule: 'Every scalingInterval, the average processing time over the batch interval: ≥ scalingUpRatio requests max(round(ratio), 1) executors, ≤ scalingDownRatio kills one (ExecutorAllocationManager in streaming, SPARK-SEMANTICS R8.8).'
		});
	return out;
}
