/**
 * A DStream application over virtual time (SPARK-SEMANTICS R8.1, R8.2, R8.6, R8.7). Receivers cut
 * what they admit into blocks every spark.streaming.blockInterval; at each batch time the blocks
 * of the last interval become the input RDD's partitions; batches are generated on schedule
 * whether or not the previous one finished and run one at a time (concurrentJobs = 1), so
 * schedulingDelay = start - batchTime grows when processing overruns; after each batch the rate
 * controller feeds the PID estimator and the published rate limits the receivers (or the next
 * Kafka offset ranges) from then on. Deterministic for a given program, sources and seed.
 */
import { createRng } from '../core/rng';
import type { PyValue } from '../python/values';
import { ExecutorAllocationManager, allocationConfig } from './allocation';
import { BatchRunner } from './batches';
import { tell } from './listener';
import { readStreamingConf } from './streaming-conf';
import { DEFAULT_COST, processingMs } from './cost';
import type { CostModel } from './cost';
import type { DStreamEvent } from './events';
import { pidRateEstimator } from './pid';
import type { PidRateEstimator } from './pid';
import type { InputSpec } from './program';
import { ReceiverRateLimiter, kafkaUntilOffsets } from './rate';
import * as R from './rdd';
import type { Rdd } from './rdd';
import { defaultCheckpointMs, validateAtStart } from './reader';
import type { DStreamProgram } from './reader';
import { pushAll } from '../core/arrays';
import { RunLimitExceeded } from '../core/budget';
import { asPyException, toSourceError } from '../python/errors';

export interface RecordSource {
	/** Records that reach the source (socket, directory) in (fromMs, toMs]. */
	arrivals(fromMs: number, toMs: number): readonly PyValue[];
}

export interface KafkaSource {
	readonly partitions: number;
	/** Records produced to a partition in (fromMs, toMs]. */
	arrivals(partition: number, fromMs: number, toMs: number): readonly PyValue[];
}

export interface SimulateOptions {
	readonly durationMs: number;
	/** Data for the program's socket and file inputs, in the order the program creates them. */
	readonly sources?: readonly RecordSource[];
	/** Reads the first receiver input through a direct Kafka stream instead (no receiver core). */
	readonly kafka?: KafkaSource;
	readonly cost?: Partial<CostModel>;
	readonly seed?: number;
	readonly startEpochMs?: number;
}

const SHUFFLE_OPS = new Set([
	'reduceByKey',
	'groupByKey',
	'countByValue',
	'join',
	'leftOuterJoin',
	'rightOuterJoin',
	'fullOuterJoin',
	'cogroup',
	'reduceByKeyAndWindow',
	'updateStateByKey',
	'reduce',
	'count'
]);

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

interface ReceiverState {
	readonly spec: InputSpec;
	readonly source: RecordSource | undefined;
	readonly backlog: PyValue[];
	readonly limiter: ReceiverRateLimiter;
	blocks: { time: number; records: PyValue[] }[];
}

/** Never throws: a configuration Spark would reject ends the trace with an error event. */
export function simulateDStreams(
	program: DStreamProgram,
	options: SimulateOptions
): DStreamEvent[] {
	try {
		return simulate(program, options);
	} catch (e) {
		if (e instanceof RunLimitExceeded) {
			// A run limit crossed outside a batch's jobs (checkpoints, scheduling): at ssc.start().
			const at = program.state.startSpan ?? { from: 0, to: 0 };
			return [{ type: 'error', time: 0, error: toSourceError(program.src, asPyException(e, at)) }];
		}
		const message = e instanceof Error ? e.message : String(e);
		return [
			{
				type: 'error',
				time: 0,
				error: { line: 1, column: 1, message: `IllegalArgumentException: ${message}` }
			}
		];
	}
}

function simulate(program: DStreamProgram, options: SimulateOptions): DStreamEvent[] {
	const { state } = program;
	const events: DStreamEvent[] = [];
	const invalid = validateAtStart(program);
	if (invalid) return [{ type: 'error', time: 0, error: invalid }];
	const B = state.batchMs ?? 1000;
	const conf = state.conf;
	const sc = readStreamingConf(conf, B);
	const { blockIntervalMs: bi, maxRate, backpressure, initialRate } = sc;
	const cost: CostModel = { ...DEFAULT_COST, ...options.cost };
	const rng = createRng(options.seed ?? 1);
	let executors = cost.executors;
	const pid = (): PidRateEstimator => pidRateEstimator(sc.pid);

	const fed = state.inputs.filter((i) => i.kind !== 'queueStream');
	const kafkaInput = options.kafka ? fed.find((i) => i.receiver) : undefined;
	const receivers: ReceiverState[] = fed
		.filter((i) => i.receiver && i !== kafkaInput)
		.map((spec) => ({
			spec,
			source: options.sources?.[fed.indexOf(spec)],
			backlog: [],
			limiter: new ReceiverRateLimiter(maxRate, backpressure ? initialRate : undefined),
			blocks: []
		}));
	const estimators = new Map<string, PidRateEstimator>(
		backpressure
			? [...receivers.map((r) => r.spec.label), ...(kafkaInput ? [kafkaInput.label] : [])].map(
					(l) => [l, pid()]
				)
			: []
	);
	const kafka = options.kafka;
	const kLog: PyValue[][] = Array.from({ length: kafka?.partitions ?? 0 }, () => []);
	let kOffsets: number[] = kLog.map(() => 0);
	let kRate: number | undefined = backpressure ? initialRate : undefined;
	const kafkaCfg = sc.kafka;

	const inputRdds = new Map<InputSpec, Map<number, Rdd>>();
	state.feed = (input, t) => inputRdds.get(input)?.get(t);
	if (options.startEpochMs !== undefined) state.startEpochMs = options.startEpochMs;
	const runner = new BatchRunner(program);
	const pendingRates: { time: number; apply: () => void }[] = [];
	const ends: number[] = [];
	const allocCfg = allocationConfig(conf, B, receivers.length);
	if (typeof allocCfg === 'string') {
		return [
			{
				type: 'error',
				time: 0,
				error: { line: 1, column: 1, message: `IllegalArgumentException: ${allocCfg}` }
			}
		];
	}
	const allocator = allocCfg ? new ExecutorAllocationManager(allocCfg, rng.fork()) : undefined;
	let nextScaling = allocCfg?.scalingIntervalMs ?? Infinity;
	const completions: { end: number; proc: number }[] = [];
	const scaleUpTo = (time: number) => {
		while (allocator && nextScaling <= time) {
			for (const c of completions.filter((x) => x.end <= nextScaling))
				allocator.addBatchProcTime(c.proc);
			completions.splice(0, completions.length, ...completions.filter((x) => x.end > nextScaling));
			const decision = allocator.manage(executors, receivers.length);
			executors = decision.executors;
			events.push({ type: 'allocation', time: nextScaling, decision });
			nextScaling += allocCfg ? allocCfg.scalingIntervalMs : Infinity;
		}
	};
	let lastEnd = 0;
	const step = gcd(bi, B);

	for (let t = step; t <= options.durationMs; t += step) {
		scaleUpTo(t);
		pendingRates.sort((a, b) => a.time - b.time);
		while (pendingRates.length && (pendingRates[0]?.time ?? Infinity) <= t)
			pendingRates.shift()?.apply();
		if (t % bi === 0) {
			for (const r of receivers) {
				pushAll(r.backlog, r.source?.arrivals(t - bi, t) ?? []);
				const n = r.limiter.admit(r.backlog.length, bi);
				const records = r.backlog.splice(0, n);
				if (records.length) r.blocks.push({ time: t, records });
				events.push({
					type: 'block',
					time: t,
					input: r.spec.label,
					records: records.length,
					backlog: r.backlog.length,
					rate: r.limiter.rate
				});
			}
		}
		if (t % B !== 0) continue;

		const perInput: Record<string, number> = {};
		const stages: number[][] = [];
		const put = (spec: InputSpec, rdd: Rdd) => {
			let m = inputRdds.get(spec);
			if (!m) inputRdds.set(spec, (m = new Map()));
			m.set(t, rdd);
			for (const old of m.keys()) if (old < t - 10 * B - 600_000) m.delete(old);
			perInput[spec.label] = R.countOf(rdd);
			stages.push(rdd.partitions.map((p) => p.length));
		};
		for (const r of receivers) {
			put(r.spec, R.rddOf(r.blocks.map((b) => b.records)));
			r.blocks = [];
		}
		for (const spec of fed.filter((i) => !i.receiver))
			put(spec, R.rddOf([[...(options.sources?.[fed.indexOf(spec)]?.arrivals(t - B, t) ?? [])]]));
		if (kafka && kafkaInput) {
			kLog.forEach((log, p) => pushAll(log, kafka.arrivals(p, t - B, t)));
			const latest = kLog.map((l) => l.length);
			const until = kafkaUntilOffsets(kOffsets, latest, kRate, kafkaCfg);
			events.push({ type: 'kafkaOffsets', time: t, batchTime: t, from: kOffsets, until, latest });
			put(kafkaInput, R.rddOf(kLog.map((log, p) => log.slice(kOffsets[p] ?? 0, until[p] ?? 0))));
			kOffsets = until;
		}
		const numRecords = Object.values(perInput).reduce((a, b) => a + b, 0);
		events.push({ type: 'batchSubmitted', time: t, batchTime: t, numRecords, inputs: perInput });
		if (state.checkpointDir !== undefined)
			events.push({ type: 'checkpoint', time: t, batchTime: t, kind: 'metadata' });

		const figures = { batchTime: t, epochMs: state.startEpochMs, numRecords };
		const printedBefore = program.session.stdout.length;
		const listenerError = tell(program, 'onBatchSubmitted', figures);
		const heard = program.session.stdout.splice(printedBefore);
		if (listenerError) {
			events.push({ type: 'error', time: t, batchTime: t, error: listenerError });
			break;
		}
		const result = runner.runBatch(t);
		if (result.error) {
			events.push({ type: 'error', time: t, batchTime: t, error: result.error });
			break;
		}
		// queueStream inputs report no records to Spark's InputInfoTracker, but their tasks still run.
		for (const s of result.rdds) {
			if (SHUFFLE_OPS.has(s.op) || s.op === 'queueStream') stages.push([...s.partitionSizes]);
		}
		const proc = processingMs(stages, { ...cost, executors }, receivers.length, rng);
		if (proc === undefined) {
			events.push({
				type: 'stalled',
				time: t,
				reason: `no core left for processing: ${executors * cost.coresPerExecutor} core(s), ${receivers.length} taken by receivers`
			});
			break;
		}
		const start = Math.max(t, lastEnd);
		const end = start + proc;
		lastEnd = end;
		const lateError =
			tell(program, 'onBatchStarted', { ...figures, start }) ??
			tell(program, 'onBatchCompleted', { ...figures, start, end });
		const heardLate = program.session.stdout.splice(printedBefore);
		if (lateError) {
			events.push({ type: 'error', time: end, batchTime: t, error: lateError });
			break;
		}
		events.push({
			type: 'batchStarted',
			time: start,
			batchTime: t,
			schedulingDelay: start - t,
			queued: ends.filter((e) => e > t).length
		});
		ends.push(end);
		completions.push({ end, proc });
		events.push({
			type: 'batchCompleted',
			time: end,
			batchTime: t,
			numRecords,
			schedulingDelay: start - t,
			processingDelay: proc,
			totalDelay: end - t,
			outputs: result.outputs,
			rdds: result.rdds,
			stdout: [...heard, ...result.stdout, ...heardLate],
			files: result.files
		});
		for (const n of state.graph.nodes) {
			const interval =
				n.checkpointMs ?? (n.mustCheckpoint ? defaultCheckpointMs(n.slideMs) : undefined);
			if (interval && t % interval === 0 && result.rdds.some((s) => s.nodeId === n.id))
				events.push({ type: 'checkpoint', time: end, batchTime: t, kind: 'data', nodeId: n.id });
		}
		for (const [label, est] of estimators) {
			const step = est.compute(end, perInput[label] ?? 0, proc, start - t);
			const published = step.newRate !== undefined ? Math.floor(step.newRate) : undefined;
			const r = receivers.find((x) => x.spec.label === label);
			const effectiveRate =
				published !== undefined && published > 0
					? Math.min(published, r ? maxRate : Infinity)
					: r
						? r.limiter.rate
						: (kRate ?? Infinity);
			events.push({
				type: 'rateUpdate',
				time: end,
				batchTime: t,
				input: label,
				pid: step,
				...(published !== undefined ? { published } : {}),
				effectiveRate
			});
			if (published !== undefined) {
				pendingRates.push({
					time: end,
					apply: () => (r ? r.limiter.updateRate(published) : (kRate = published))
				});
			}
		}
	}
	return events
		.map((e, i) => ({ e, i }))
		.sort((a, b) => a.e.time - b.e.time || a.i - b.i)
		.map(({ e }) => e);
}
