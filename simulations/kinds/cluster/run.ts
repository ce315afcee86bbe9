/**
 * A cluster page's program → its run under load. The program's settings come from the project's
 * front ends (settings.ts); the world it runs in from the page (question.ts); the run itself
 * from the cluster model: a Structured Streaming query on the one micro-batch loop
 * (cluster/run.ts), or a DStream program's batches with its receiver's rate control
 * (cluster/dstream-run.ts: PID backpressure, receiver.maxRate). Both become one batch record
 * shape the views draw: delays, backlog, latency, rate limit, PID terms, tasks and progress.
 */
import type { Result, SourceError } from '../../core/errors';
import type { Params } from '../../core/params';
import { runDStreamCluster } from '../../cluster/dstream-run';
import { PartitionedArrivals } from '../../cluster/input-profile';
import { callQueryListeners, type ListenerCall } from '../../cluster/listener-calls';
import type { DStreamProgram } from '../../dstream/index';
import { tell } from '../../dstream/listener';
import { listenerEvents } from '../../cluster/listener';
import { clusterProgress, printProgress, progressContext } from '../../cluster/progress';
import type { ProgramEnv } from '../../structured/reader/index';
import { runClusterQuery, type ClusterBatch } from '../../cluster/run';
import { sweep, type SweepSetting } from '../../cluster/sweep';
import {
	dynamicAllocationConf,
	type DynamicAllocationConf
} from '../../cluster/dynamic-allocation';
import type { PoolEvent } from '../../cluster/executors';
import type { RunRequest } from '../kind';
import type { CBatch, ClusterSimRun, ExecutorPoint } from './frames';
import { challengeOf, withChallenge } from './challenge-run';
import type { TaskRecord } from '../../cluster/scheduler';
import { ceilingsOf, costPartsOf, inputOf } from './udf-run';
import type { ClusterScenario, ClusterWorld } from './question';
import {
	readDStreamSettings,
	readStructuredSettings,
	type DStreamSettings,
	type StructuredSettings
} from './settings';

const CONSOLE = 'org.apache.spark.sql.execution.streaming.ConsoleTable$';

export function runClusterProgram(
	question: ClusterScenario,
	request: RunRequest
): Result<ClusterSimRun, SourceError> {
	const world = question.world(request.params);
	if (question.api === 'structured') {
		// A program that starts a dead-letter query beside its results runs the first one.
		const env: ProgramEnv = question.manyQueries ? { query: 0 } : {};
		const s = readStructuredSettings(request.code, env);
		if (!s.ok) return s;
		const da = dynamicAllocationConf(new Map(Object.entries(s.value.conf)), world.coresPerExecutor);
		// SparkContext refuses to start with invalid allocation settings (validateSettings).
		if (typeof da === 'string')
			return { ok: false, error: { line: s.value.sessionLine, column: 1, message: da } };
		return {
			ok: true,
			value: runStructured(question, s.value, da ?? null, world, request, env)
		};
	}
	const read: { program?: DStreamProgram } = {};
	const s = readDStreamSettings(request.code, read);
	return s.ok
		? { ok: true, value: runDStream(question, s.value, world, request, read.program) }
		: s;
}

/** A windowed aggregation's output rows per batch: append emits the windows the watermark
 *  evicted; update emits every row the batch changed. */
const windowedOutput =
	(settings: StructuredSettings) =>
	(b: ClusterBatch): number =>
		settings.outputMode === 'append'
			? (b.state?.numRowsRemoved ?? 0)
			: (b.state?.numRowsUpdated ?? 0);

/** Total records produced by `t` over all partitions. */
const producedBy = (arrivals: PartitionedArrivals, t: number): number =>
	arrivals.offsetsAt(t).reduce((a, b) => a + b, 0);

function runStructured(
	question: ClusterScenario,
	settings: StructuredSettings,
	da: DynamicAllocationConf | null,
	world: ClusterWorld,
	request: RunRequest,
	env: ProgramEnv
): ClusterSimRun {
	const input = inputOf(settings, world);
	const run = runClusterQuery({
		seed: request.seed,
		durationMs: question.runMs,
		triggerIntervalMs: settings.triggerMs,
		profile: input.profile,
		profileJitter: input.jitter,
		source: input.source,
		admission:
			settings.maxOffsetsPerTrigger === null
				? { kind: 'none' }
				: { kind: 'maxOffsetsPerTrigger', limit: settings.maxOffsetsPerTrigger },
		inputCost: input.cost,
		stateful: settings.stateful
			? {
					shufflePartitions: settings.shufflePartitions,
					keySkew: 0,
					cost: { ...world.cost, udf: 'builtin' },
					keys: world.keys,
					watermarkDelayMs: settings.watermarkDelayMs,
					...(settings.windowMs ? { windowMs: settings.windowMs } : {}),
					...(world.stateRowCostMs
						? { perStateRowMs: world.stateRowCostMs[settings.stateStore ?? 'hdfs'] }
						: {})
				}
			: null,
		driverOverheadMs: world.driverOverheadMs,
		cluster: {
			executors: world.executors,
			coresPerExecutor: world.coresPerExecutor,
			executorStartupMs: world.executorStartupMs,
			executorAllocationMs: world.executorAllocationMs,
			dynamicAllocation: da
		},
		recordTasks: true
	});
	const ctx = progressContext(request.seed, {
		epochMs: question.startEpochMs,
		name: settings.queryName,
		sink: {
			description: settings.sink === 'foreachBatch' ? 'ForeachBatchSink' : CONSOLE,
			numOutputRows: settings.windowMs
				? windowedOutput(settings)
				: (b) => Math.min(b.numInputRows, world.keys)
		}
	});
	const progress = run.batches.map((b) => clusterProgress(run, b, ctx));
	const interval = settings.triggerMs;
	const challenge = world.challenge ? challengeOf(run, world, settings, ctx) : null;
	const parts = (tasks: readonly TaskRecord[] | null) =>
		tasks && (settings.udf || settings.rate) ? { costParts: costPartsOf(tasks, input.cost) } : {};
	const batches: CBatch[] = run.batches.map((b) => ({
		id: b.batchId,
		dueMs: b.dueMs,
		startMs: b.startMs,
		endMs: b.endMs,
		records: b.numInputRows,
		schedulingDelayMs: b.schedulingDelayMs,
		processingMs: b.endMs - b.startMs,
		totalDelayMs: b.endMs - b.dueMs,
		latencyMs: b.latencyMs.max,
		backlogAtEnd: b.backlogAtEnd,
		leftAtSource: b.offsetsBehindLatest,
		queuedAtEnd: 0,
		rateLimit:
			settings.maxOffsetsPerTrigger === null || interval <= 0
				? null
				: (settings.maxOffsetsPerTrigger * 1000) / interval,
		pid: null,
		cores: b.cores,
		tasks: b.tasks,
		...parts(b.tasks)
	}));
	const out: ClusterSimRun = {
		api: 'structured',
		...(settings.udf || settings.rate ? { ceilings: ceilingsOf(input.cost, world) } : {}),
		settings,
		runMs: question.runMs,
		intervalMs: interval,
		startEpochMs: question.startEpochMs,
		arrivalsPerSecond: run.arrivalsPerSecond,
		batches,
		progress,
		listener: callQueryListeners(
			env.listeners ?? [],
			listenerEvents(run),
			ctx,
			(id) => {
				const p = progress[id];
				return p ? { p, printed: printProgress(p) } : undefined;
			},
			env,
			request.code
		),
		logs: run.logs,
		executors: executorPoints(run.executorEvents, da ? da.initialExecutors : world.executors),
		executorStartupMs: world.executorStartupMs,
		coreAllocation: da
			? {
					minExecutors: da.minExecutors,
					maxExecutors: da.maxExecutors,
					schedulerBacklogTimeoutMs: da.schedulerBacklogTimeoutMs,
					executorIdleTimeoutMs: da.executorIdleTimeoutMs
				}
			: null,
		streamingAllocation: null,
		totals: {
			produced: run.produced,
			processed: run.processed,
			backlog: run.backlog,
			queued: 0,
			dropped: run.dropped
		},
		sweep: sweepOf(question, settings, run.spec, request),
		...(challenge ? { challenge } : {})
	};
	return challenge ? withChallenge(out, challenge, progress) : out;
}

/** The page's sweep, when it has one: the run's spec once per value of the swept setting. */
function sweepOf(
	question: ClusterScenario,
	settings: StructuredSettings,
	spec: Parameters<typeof sweep>[0],
	request: RunRequest
) {
	const plan = question.sweep?.(request.params) ?? null;
	if (!plan) return null;
	const current: Record<SweepSetting, number> = {
		triggerInterval: settings.triggerMs,
		shufflePartitions: settings.shufflePartitions,
		maxOffsetsPerTrigger: settings.maxOffsetsPerTrigger ?? 0
	};
	return sweep(spec, plan, current[plan.over]);
}

function runDStream(
	question: ClusterScenario,
	settings: DStreamSettings,
	world: ClusterWorld,
	request: RunRequest,
	program: DStreamProgram | undefined
): ClusterSimRun {
	const c = settings.conf;
	const B = settings.batchMs;
	// A receiver's batch RDD has one partition per block (batch interval / block interval);
	// modelled as that many partitions of the waiting data, so the receiver's rate limit
	// (receiver.maxRate, or the PID's rate) bounds what a batch takes, and the rest waits at the
	// source, as a rate-limited receiver leaves it (R8.2, R8.6).
	const partitions = Math.max(1, Math.round(B / c.blockIntervalMs));
	const run = runDStreamCluster({
		seed: request.seed,
		durationMs: question.runMs,
		batchMs: B,
		profile: world.profile,
		profileJitter: world.jitter,
		partitions,
		skew: 0,
		cost: world.cost,
		jobOverheadMs: world.driverOverheadMs,
		// local[n]: one executor (the driver's JVM), the receiver keeping one core for itself. On
		// a cluster, the page's executors (streaming allocation starts at its minExecutors); the
		// receiver's core there is not taken out of the task slots (a simplification).
		executors: settings.local ? 1 : (settings.allocation?.minExecutors ?? world.executors),
		coresPerExecutor: settings.local ? settings.cores - 1 : world.coresPerExecutor,
		executorStartupMs: world.executorStartupMs,
		backpressure: c.backpressure
			? { initialRate: c.initialRate ?? (Number.isFinite(c.maxRate) ? c.maxRate : null) }
			: null,
		maxRatePerPartition: Number.isFinite(c.maxRate) ? c.maxRate / partitions : 0,
		dynamicAllocation: settings.allocation,
		pid: {
			proportional: c.pid.proportional,
			integral: c.pid.integral,
			derivative: c.pid.derivative,
			minRate: c.pid.minRate
		}
	});
	const arrivals = new PartitionedArrivals(run.arrivalsPerSecond, partitions, 0);
	// Records are taken in arrival order: the first record of a batch is the one after every
	// record of the batches generated before it.
	let taken = 0;
	const takenBefore: number[] = [];
	for (const b of run.batches) {
		takenBefore.push(taken);
		taken += b.records;
	}
	const batches: CBatch[] = run.batches.map((b, i) => {
		const generated = run.batches.filter((x) => x.batchTimeMs <= b.endMs);
		const inBatches = generated.reduce((a, x) => a + x.records, 0);
		const queued = generated.reduce((a, x) => a + (x.endMs > b.endMs ? x.records : 0), 0);
		const first = takenBefore[i] ?? 0;
		return {
			id: i,
			dueMs: b.batchTimeMs,
			startMs: b.startMs,
			endMs: b.endMs,
			records: b.records,
			schedulingDelayMs: b.schedulingDelayMs,
			processingMs: b.processingDelayMs,
			totalDelayMs: b.totalDelayMs,
			latencyMs: b.records === 0 ? 0 : b.endMs - arrivalOf(arrivals, first, b.endMs),
			backlogAtEnd: Math.max(0, producedBy(arrivals, b.endMs) - inBatches),
			leftAtSource: Math.max(0, producedBy(arrivals, b.batchTimeMs) - first - b.records),
			queuedAtEnd: queued,
			rateLimit: b.rateLimit,
			pid: b.pid,
			cores: b.cores,
			tasks: b.tasks
		};
	});
	return {
		api: 'dstream',
		settings,
		runMs: question.runMs,
		intervalMs: B,
		startEpochMs: question.startEpochMs,
		arrivalsPerSecond: run.arrivalsPerSecond,
		batches,
		progress: null,
		listener: program ? streamingListenerCalls(program, batches, question.startEpochMs) : [],
		logs: [],
		executors: executorPoints(
			run.executorEvents,
			settings.local ? 1 : (settings.allocation?.minExecutors ?? world.executors)
		),
		executorStartupMs: world.executorStartupMs,
		coreAllocation: null,
		streamingAllocation: settings.allocation
			? {
					scalingUpRatio: settings.allocation.scalingUpRatio,
					scalingDownRatio: settings.allocation.scalingDownRatio,
					decisions: run.scaling.map((d) => ({
						atMs: d.atMs,
						action: d.action,
						ratio: d.ratio ?? null,
						executors: d.executors
					}))
				}
			: null,
		totals: {
			produced: run.produced,
			processed: run.processed,
			backlog: run.backlog,
			queued: run.queued,
			dropped: 0
		}
	};
}

/**
 * The program's StreamingListeners told of each completed batch (onBatchCompleted, on the
 * listener bus after the batch ends), with what they print. A callback that raises is logged by
 * the bus and the next batches go on.
 */
function streamingListenerCalls(
	program: DStreamProgram,
	batches: readonly CBatch[],
	epochMs: number
): ListenerCall[] {
	if (program.state.listeners.length === 0) return [];
	const out: ListenerCall[] = [];
	for (const b of batches) {
		const printed = program.session.stdout.length;
		const error = tell(program, 'onBatchCompleted', {
			batchTime: b.dueMs,
			epochMs,
			numRecords: b.records,
			start: b.startMs,
			end: b.endMs
		});
		out.push({
			callback: 'onBatchCompleted',
			atMs: b.endMs,
			synchronous: false,
			batchId: b.id,
			lines: program.session.stdout.splice(printed),
			...(error
				? { error: { ...error, message: `Listener threw an exception: ${error.message}` } }
				: {})
		});
	}
	return out;
}

/** Executors over time from the pool's events: registered, and registered + pending requests. */
function executorPoints(events: readonly PoolEvent[], initial: number): ExecutorPoint[] {
	const out: ExecutorPoint[] = [{ atMs: 0, running: initial, requested: initial, kind: 'start' }];
	for (const e of events)
		out.push({
			atMs: e.atMs,
			running: e.executors,
			requested: e.executors + e.pending,
			kind: e.kind
		});
	return out;
}

/** When the n-th record (0-based, over all partitions) was produced: the first ms by which
 *  more than n records exist (binary search; production is monotone). */
function arrivalOf(arrivals: PartitionedArrivals, n: number, upTo: number): number {
	let lo = 0;
	let hi = Math.max(0, Math.ceil(upTo));
	while (lo < hi) {
		const mid = Math.floor((lo + hi) / 2);
		if (producedBy(arrivals, mid) > n) hi = mid;
		else lo = mid + 1;
	}
	return lo;
}

export type { Params };
