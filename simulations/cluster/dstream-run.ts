/**
 * The DStream variant of the cluster under load (advanced-06, advanced-10): a direct Kafka
 * stream on the same partitioned source, cost model and cores, with the DStream engine's own
 * rules reused by import, not restated:
 * - batches are generated every B on schedule whether or not the previous finished, and run
 *   one at a time (spark.streaming.concurrentJobs = 1); scheduling delay = start − batch time,
 *   total delay = end − batch time (R8.1, JobGenerator / JobScheduler);
 * - each batch's offsets are fixed when it is generated, by DirectKafkaInputDStream's
 *   per-partition limit (../dstream/rate.ts `kafkaUntilOffsets`: maxRatePerPartition, or the
 *   backpressure rate split by lag) (R8.7);
 * - backpressure: the PID estimator (../dstream/pid.ts) runs when a batch completes; the rate
 *   it publishes, floor(newRate), bounds batches generated after that moment (R8.6);
 * - streaming dynamic allocation (../dstream/allocation.ts): every scalingInterval the ratio of
 *   average processing time to the batch interval adds round(ratio) executors or kills one
 *   (R8.8); executors still take their start-up time to arrive.
 */
import { createRng } from '../core/rng';
import {
	ExecutorAllocationManager,
	type AllocationConfig,
	type AllocationDecision
} from '../dstream/allocation';
import { pidRateEstimator, PID_DEFAULTS, type PidConfig, type PidStep } from '../dstream/pid';
import { kafkaUntilOffsets } from '../dstream/rate';
import { batchStages } from './batch-execution';
import { ExecutorPool, type PoolEvent } from './executors';
import { arrivalsPerSecond, PartitionedArrivals, type RateProfile } from './input-profile';
import { ClusterRuntime, type TaskRecord } from './scheduler';
import type { TaskCost } from './task-cost';

export interface DStreamClusterSpec {
	readonly seed: number;
	readonly durationMs: number;
	readonly batchMs: number;
	readonly profile: RateProfile;
	/** Seeded noise on each second's count (see ClusterQuerySpec.profileJitter). */
	readonly profileJitter?: number;
	readonly partitions: number;
	readonly skew: number;
	readonly cost: TaskCost;
	/** Driver-side job overhead per batch (ms). */
	readonly jobOverheadMs: number;
	readonly executors: number;
	readonly coresPerExecutor: number;
	readonly executorStartupMs: number;
	/** spark.streaming.backpressure.enabled, with spark.streaming.backpressure.initialRate. */
	readonly backpressure: { readonly initialRate: number | null } | null;
	/** spark.streaming.kafka.maxRatePerPartition (0 = none). */
	readonly maxRatePerPartition: number;
	readonly dynamicAllocation: Omit<AllocationConfig, 'batchMs'> | null;
	readonly recordTasks?: boolean;
	/** spark.streaming.backpressure.pid.* as the program sets them (Spark's defaults if absent). */
	readonly pid?: Omit<PidConfig, 'batchIntervalMs'>;
}

export interface DStreamClusterBatch {
	readonly batchTimeMs: number;
	readonly startMs: number;
	readonly endMs: number;
	readonly records: number;
	readonly schedulingDelayMs: number;
	readonly processingDelayMs: number;
	readonly totalDelayMs: number;
	/** The rate limit in force when the batch was generated (records/s), null = none. */
	readonly rateLimit: number | null;
	/** The PID step run when this batch completed (backpressure only). */
	readonly pid: PidStep | null;
	readonly cores: number;
	readonly tasks: readonly TaskRecord[] | null;
}

export interface DStreamClusterRun {
	readonly batches: readonly DStreamClusterBatch[];
	readonly arrivalsPerSecond: readonly number[];
	readonly scaling: readonly (AllocationDecision & { readonly atMs: number })[];
	readonly executorEvents: readonly PoolEvent[];
	readonly produced: number;
	readonly processed: number;
	/** Not yet read from the source. */
	readonly backlog: number;
	/** In batches generated but not processed (only when the stream stalled). */
	readonly queued: number;
	readonly stalled: boolean;
}

interface Generated {
	readonly time: number;
	readonly start: readonly number[];
	readonly end: readonly number[];
	readonly rateLimit: number | null;
}

export function runDStreamCluster(spec: DStreamClusterSpec): DStreamClusterRun {
	const rng = createRng(spec.seed);
	const perSecond = arrivalsPerSecond(
		spec.profile,
		Math.ceil(spec.durationMs / 1000) + 1,
		rng.fork(),
		spec.profileJitter ?? 0
	);
	const source = new PartitionedArrivals(perSecond, spec.partitions, spec.skew);
	const pool = new ExecutorPool(spec.coresPerExecutor, spec.executorStartupMs, spec.executors);
	const runtime = new ClusterRuntime(pool, null, { recordTasks: spec.recordTasks !== false });
	const B = spec.batchMs;
	const pid = spec.backpressure
		? pidRateEstimator({ batchIntervalMs: B, ...(spec.pid ?? PID_DEFAULTS) })
		: null;
	const allocation = spec.dynamicAllocation
		? new ExecutorAllocationManager({ ...spec.dynamicAllocation, batchMs: B }, rng.fork())
		: null;
	let rate: number | null = spec.backpressure?.initialRate ?? null;
	let current: number[] = new Array<number>(spec.partitions).fill(0);
	const queue: Generated[] = [];
	const batches: DStreamClusterBatch[] = [];
	const scaling: (AllocationDecision & { atMs: number })[] = [];
	let lastEnd = 0;
	let nextScale: number = allocation ? allocation.config.scalingIntervalMs : Infinity;
	let k = 1;
	let stalled = false;

	// Completed jobs whose effects (PID rate, processing time for the scaler) apply at their end.
	const done: { at: number; procMs: number; newRate: number | undefined }[] = [];
	const scaleTick = (at: number) => {
		if (!allocation) return;
		const live = pool.live;
		const d = allocation.manage(live.length, 0);
		scaling.push({ ...d, atMs: at });
		if (d.action === 'add')
			pool.request(Math.max(0, d.executors - live.length - pool.pendingCount), at);
		if (d.action === 'remove' && d.killed !== undefined) {
			const victim = live[d.killed];
			if (victim) runtime.removeExecutor(victim.id, at);
		}
	};
	/** Apply completions and scaling ticks up to t, in time order. */
	const flush = (t: number) => {
		for (;;) {
			const c = done[0];
			const nextC = c ? c.at : Infinity;
			if (Math.min(nextC, nextScale) > t) return;
			if (c && nextC <= nextScale) {
				done.shift();
				if (c.newRate !== undefined) rate = Math.floor(c.newRate);
				allocation?.addBatchProcTime(c.procMs);
			} else {
				scaleTick(nextScale);
				nextScale += allocation ? allocation.config.scalingIntervalMs : Infinity;
			}
		}
	};

	for (;;) {
		const g = k * B;
		const head = queue[0];
		if (head) {
			// The head job starts when its batch time has come and the previous job is done.
			const startMs = Math.max(head.time, lastEnd);
			if (startMs <= g || g >= spec.durationMs) {
				queue.shift();
				flush(startMs);
				runtime.advanceIdle(startMs);
				const inputRows = head.end.map((e, p) => e - (head.start[p] ?? 0));
				const cores = runtime.cores;
				const run = runtime.runStages(
					batchStages({ inputRows, inputCost: spec.cost, stateful: null }),
					startMs
				);
				if (run.endMs === null) {
					// No core left to run on (e.g. every executor removed): the stream stalls here.
					stalled = true;
					queue.unshift(head);
					break;
				}
				const endMs = run.endMs + spec.jobOverheadMs;
				const records = inputRows.reduce((a, b) => a + b, 0);
				const processingDelayMs = endMs - startMs;
				const schedulingDelayMs = startMs - head.time;
				// The estimator runs on completion; the rate it publishes (floor) and the processing
				// time the scaler averages take effect at endMs (see flush).
				const step = pid ? pid.compute(endMs, records, processingDelayMs, schedulingDelayMs) : null;
				done.push({ at: endMs, procMs: processingDelayMs, newRate: step?.newRate });
				batches.push({
					batchTimeMs: head.time,
					startMs,
					endMs,
					records,
					schedulingDelayMs,
					processingDelayMs,
					totalDelayMs: endMs - head.time,
					rateLimit: head.rateLimit,
					pid: step,
					cores,
					tasks: run.tasks
				});
				lastEnd = endMs;
				continue;
			}
		}
		if (g >= spec.durationMs) break;
		// Generate the batch at g: its offsets are fixed now, with the rate known now.
		flush(g);
		const latest = source.offsetsAt(g);
		const limited = pid ? (rate ?? undefined) : undefined;
		const end = kafkaUntilOffsets(current, latest, limited, {
			batchMs: B,
			maxRatePerPartition: spec.maxRatePerPartition,
			minRatePerPartition: 1
		});
		queue.push({
			time: g,
			start: current,
			end,
			rateLimit:
				limited ??
				(spec.maxRatePerPartition > 0 ? spec.maxRatePerPartition * spec.partitions : null)
		});
		current = end;
		k++;
	}
	const finalT = Math.max(lastEnd, k * B);
	const latest = source.offsetsAt(Math.min(finalT, (k - 1) * B));
	const produced = latest.reduce((a, b) => a + b, 0);
	const processed = batches.reduce((a, b) => a + b.records, 0);
	return {
		batches,
		arrivalsPerSecond: perSecond,
		scaling,
		executorEvents: pool.events,
		produced,
		processed,
		backlog: latest.reduce((a, l, p) => a + l - (current[p] ?? 0), 0),
		queued: queue.reduce((a, q) => a + q.end.reduce((s, e, p) => s + e - (q.start[p] ?? 0), 0), 0),
		stalled
	};
}
