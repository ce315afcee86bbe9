/**
 * A Kafka-to-sink program under one injected failure, on the one micro-batch loop (loop.ts): the
 * producer sends sensor readings; each trigger MicroBatchExecution plans the offsets, writes
 * offsets/N, runs the batch (state stores per shuffle partition), hands the rows to the sink and
 * writes commits/N. The failure (failures/schedule.ts's phases) stops the driver at its phase;
 * the deployment restarts it `downMs` later from what the checkpoint holds, so a batch whose
 * offsets were logged and not committed re-runs with the same id and offsets (R1.3), and the
 * sink decides whether that second write shows (its ledger counts every delivery). An executor
 * loss only re-runs that executor's tasks inside the batch.
 *
 * The phases' times inside a batch are a modelled duration (a fixed cost plus a cost per row),
 * split in fixed shares; the files are the checkpoint's (failures/checkpoint-files.ts) and the
 * file sink's own log, each placed at the phase that writes it.
 */
import { isoText } from '../../core/calendar';
import type { Result, SourceError } from '../../core/errors';
import { createRng } from '../../core/rng';
import type { StreamingSink } from '../../sinks/contract';
import type { DeliveryLedger } from '../../sinks/ledger';
import { FileStreamSink } from '../../sinks/file-sink';
import { createSink } from '../../sinks/sink-factory';
import { KafkaInput } from '../../sources/inputs';
import { producerSchedule } from '../../sources/kafka/producer';
import type { StreamingSource } from '../../sources/contract';
import { prepareQuery } from '../../structured/index';
import type { ProgramEnv } from '../../structured/reader/index';
import { checkpointFiles } from '../../structured/failures/checkpoint-files';
import { checkpointLocation } from '../../structured/failures/checkpoint-location';
import { checkRestart, nodeById } from '../../structured/failures/restart-check';
import type { FailurePhase } from '../../structured/failures/schedule';
import {
	MicroBatchExecution,
	type BatchRecord,
	type Checkpoint,
	type ExecutorOptions
} from '../../structured/runtime/executor';
import type { AnalyzedNode } from '../../structured/analyzer/types';
import { sourceName } from '../../structured/runtime/physical';
import { socketOffsets, socketSource, startOnSocket } from './socket-feed';
import { asProviderFiles, crashedBatchStateFiles, storeLayout } from './state-store-files';
import { drawRecovery } from './recovery';
import { MicroBatchLoop } from '../../structured/runtime/loop';
import { kafkaSourceOf, lines, located, startOnKafka, producerOn } from '../kafka-query';
import { parseOffsets } from '../source-sink/checkpoint-json';
import { foreachBatchHost } from '../foreach-batch-host';
import type { FtBatch, FtRun, LoopPhase } from './frames';
import { ClusterModel, clipToDeath } from './internals';
import type { FtWorld } from './question';

/** Virtual 0 on the wall clock the readings' event times are written in (10 s before a minute
 *  boundary, so the first one-minute window closes within the run). */
const EPOCH_MS = Date.UTC(2026, 0, 1, 10, 0, 50);
const QUERY_ID = '6f1c2a9e-0b7d-4c1a-9a51-3e2b7d8c4f10';
/** Where each loop phase starts, as a share of the batch's duration. */
const SHARE: Readonly<Record<LoopPhase, number>> = {
	plan: 0,
	offsetLog: 0.1,
	run: 0.2,
	sink: 0.7,
	commit: 0.9
};
/** Where the driver dies, as a share of the batch's duration, per failure phase. */
const DIES_AT: Readonly<Record<FailurePhase, number>> = {
	beforeOffsetLog: 0.05,
	afterOffsetLog: 0.15,
	duringProcessing: 0.45,
	afterSinkBeforeCommit: 0.8,
	executorLost: 1
};
const DIES_SAYING: Readonly<Record<FailurePhase, string>> = {
	beforeOffsetLog: 'the driver died while planning the offsets: offsets/N was never written',
	afterOffsetLog: 'the driver died after writing offsets/N, before the batch ran',
	duringProcessing: 'the driver died while the batch’s tasks ran: no sink write, no commit',
	afterSinkBeforeCommit:
		'the driver died after the sink wrote the batch and before commits/N was written',
	executorLost: 'an executor was lost; its tasks re-ran on the other executor'
};

class DriverDied extends Error {}

const batchMs = (rows: number, intervalMs: number) =>
	Math.min(Math.max(400, intervalMs * 0.6), 300 + rows * 4);

export function runFaultTolerance(
	code: string,
	world: FtWorld,
	seed: number,
	/** Sees the sink's ledger at the end (the comparison with a failure-free run reads it). */
	atEnd?: (ledger: DeliveryLedger) => void
): Result<FtRun, SourceError> {
	const env: ProgramEnv = {};
	const prepared = prepareQuery(code, {}, {}, env);
	if (!prepared.ok) return prepared;
	const q = prepared.value;
	// The program before the restart, when the page changes it (advanced-04); else the editor's.
	const first = world.firstProgram ? prepareQuery(world.firstProgram, {}, {}, env) : null;
	let running = first?.ok ? first.value : q;
	// A socket source (basic-14) or else the Kafka topic every other page reads.
	const socketSrc = socketSource(q);
	const kafka = socketSrc === null ? kafkaSourceOf(q) : null;
	if (kafka !== null && !kafka.ok) return kafka;
	const { src, options, name, columns } = kafka?.value ?? {
		src: socketSrc as AnalyzedNode,
		options: {},
		name: sourceName(socketSrc as AnalyzedNode),
		columns: []
	};
	const offsetsOf = socketSrc ? socketOffsets : parseOffsets;
	let clock = 0;
	// What the user's foreachBatch function writes with batch_df.write (one path per table).
	const host = foreachBatchHost(q, env);
	const input = new KafkaInput({ [world.topic]: world.partitions }, options, {
		clock: { nowMs: () => clock },
		defaultParallelism: 2
	});
	const sinkResult = createSink(
		{
			format: q.write.format,
			outputMode: q.outputMode,
			options: q.write.options,
			...(q.write.queryName !== undefined ? { queryName: q.write.queryName } : {}),
			schema: q.schema
		},
		{ broker: input.broker, ...(host ? { foreachBatch: host.fn } : {}) }
	);
	if (!sinkResult.ok) return { ok: false, error: located(q, sinkResult.error.message) };
	const sink: StreamingSink = sinkResult.sink;
	const fileSink = sink instanceof FileStreamSink ? sink : null;
	const location = checkpointLocation(q.write.options, q.conf, q.write.format, q.write.queryName);
	const stateOp = q.statefulOperators[0];
	const stateNode = stateOp ? nodeById(q.root, stateOp.nodeId) : undefined;
	const conf = q.conf;
	const intervalMs =
		q.trigger.kind === 'processingTime' && q.trigger.intervalMs > 0 ? q.trigger.intervalMs : 0;

	const run: FtRun = {
		topic: world.topic,
		partitions: world.partitions,
		shufflePartitions: Number(conf['spark.sql.shuffle.partitions'] ?? 200),
		minDeltasForSnapshot: Number(conf['spark.sql.streaming.stateStore.minDeltasForSnapshot'] ?? 10),
		checkpointLocation: location.ok ? location.path : '',
		outputPath: q.write.options['path'] ?? (host ? 'written by foreachBatch' : null),
		queryId: QUERY_ID,
		batches: [],
		files: [],
		crashes: [],
		restarts: [],
		refused: location.ok ? null : location.error,
		refusedAt: { line: q.write.at.line, column: q.write.at.column },
		refusedAtMs: 0,
		endMs: world.runMs,
		sinkDescription: sink.description,
		sinkGuarantee: sink.guarantee,
		failure: world.failure,
		spans: {
			source: { line: src.plan.at.line, endLine: src.plan.at.line },
			state: stateNode ? lines(q, stateNode.plan.at) : null,
			sink: lines(q, q.write.at)
		}
	};
	// The executors and their tasks, when the page draws them (advanced-01).
	const cluster = world.cluster
		? new ClusterModel(world.cluster, run.shufflePartitions, storeLayout(conf))
		: null;
	// Spark refuses the start: no batch, no file, the error in the editor.
	if (run.refused !== null) return { ok: true, value: run };

	// The producer: readings from `keys` devices (event time a little before the send time), or orders.
	const rng = createRng(seed);
	const schedule = producerSchedule(
		{
			topic: world.topic,
			profile: { kind: 'steady', recordsPerSecond: world.recordsPerSecond },
			skew: Array.from({ length: world.partitions }, () => 1),
			fromMs: 0,
			untilMs: world.runMs
		},
		rng
	);
	const values = schedule.map((s, i) =>
		JSON.stringify(
			world.records === 'purchases'
				? {
						user: `u-${Math.floor(rng.next() * world.keys)}`,
						merchant: `m-${Math.floor(rng.next() * 5)}`,
						amount: Math.round(100 + rng.next() * 9900) / 100,
						event_time: isoText(EPOCH_MS + s.atMs)
					}
				: world.records === 'orders'
					? {
							order_id: `o-${i}`,
							customer: `c-${Math.floor(rng.next() * world.keys)}`,
							amount: Math.round(500 + rng.next() * 9500) / 100,
							event_time: isoText(EPOCH_MS + s.atMs)
						}
					: {
							device: `d-${Math.floor(rng.next() * world.keys)}`,
							reading: Math.round(200 + rng.next() * 100) / 10,
							event_time: isoText(EPOCH_MS + s.atMs - Math.floor(rng.next() * 3000))
						}
		)
	);
	const socketLines = socketSrc
		? schedule.map((s, i) => ({ atMs: s.atMs, text: values[i] ?? '' }))
		: [];
	const produce = socketSrc ? () => {} : producerOn(input, world.topic, schedule, values);

	const history: Checkpoint[] = [];
	const known = new Set<string>(['metadata']);
	run.files.push({
		area: 'checkpoint',
		path: 'metadata',
		content: JSON.stringify({ id: QUERY_ID }),
		atMs: 0,
		batchId: -1
	});
	/** New checkpoint files since the last look, each placed at the phase that writes it. */
	const collectFiles = (b: FtBatch) => {
		for (const f of checkpointFiles(history, conf, QUERY_ID)) {
			if (known.has(f.path)) continue;
			known.add(f.path);
			const at = f.path.startsWith('offsets/')
				? b.phases.offsetLog
				: f.path.startsWith('commits/')
					? b.phases.commit
					: // State stores commit their version as the tasks finish, before the sink.
						b.phases.sink;
			run.files.push({
				area: 'checkpoint',
				path: f.path,
				content: f.content,
				atMs: (at ?? b.startMs) + (f.path.endsWith('.snapshot') ? 1 : 0),
				batchId: f.batchId
			});
		}
	};
	const outputFiles = (b: FtBatch) => {
		// A foreachBatch function's writes, each a file of the path it wrote (re-runs included).
		if (host && b.phases.sink !== undefined)
			host.target.writes.forEach((w, i) =>
				run.files.push({
					area: 'output',
					path: `${w.path}/part-${b.batchId}-${b.attempt}-${i} (${w.mode})`,
					content: w.rows.map((r) => JSON.stringify(r)).join('\n'),
					atMs: (b.phases.sink ?? b.startMs) + i,
					batchId: b.batchId
				})
			);
		if (!fileSink || b.phases.sink === undefined || b.sink?.status !== 'written') return;
		for (const { file } of fileSink.filesOnDisk()) {
			if (file.batchId !== b.batchId || known.has(`out:${file.name}`)) continue;
			known.add(`out:${file.name}`);
			run.files.push({
				area: 'output',
				path: file.name,
				content: file.rows.map((r) => JSON.stringify(r)).join('\n'),
				atMs: b.phases.sink,
				batchId: b.batchId
			});
		}
		const logName = fileSink.log.fileNames().find((n) => n.split('.')[0] === String(b.batchId));
		const text = fileSink.log.fileText(b.batchId);
		if (logName && text !== null)
			run.files.push({
				area: 'output',
				path: `_spark_metadata/${logName}`,
				content: text,
				atMs: (b.phases.sink ?? b.startMs) + 1,
				batchId: b.batchId
			});
	};

	const pending = world.failure ? [world.failure] : [];
	const fire = (batchId: number, phase: FailurePhase): boolean => {
		const i = pending.findIndex((f) => f.batchId === batchId && f.phase === phase);
		if (i < 0) return false;
		pending.splice(i, 1);
		return true;
	};

	// The state a batch that dies before its commit wrote: its version's files stay behind.
	const keepState = world.failure?.phase === 'afterSinkBeforeCommit' && stateOp !== undefined;
	const layout = storeLayout(conf);
	let exec: MicroBatchExecution | null = null;
	let source: StreamingSource<unknown> | null = null;
	let checkpoint: Checkpoint | undefined;
	let downUntil: number | null = null;
	let runIndex = 0;
	const attempts = new Map<number, number>();
	const start = (): string | null => {
		const begin = socketSrc
			? (o: ExecutorOptions) => {
					const r = startOnSocket(socketLines, clock, q, socketSrc, o);
					return r.ok ? { ok: true as const, ...r.value } : r;
				}
			: (o: ExecutorOptions) => startOnKafka(input, running, { name, columns }, o);
		const started = begin({
			clock: () => clock,
			sink,
			queryId: QUERY_ID,
			...(keepState ? { captureState: true } : {}),
			...(checkpoint ? { checkpoint } : {}),
			deliver: (d) => {
				if (fire(d.batchId, 'afterOffsetLog')) throw new DriverDied('afterOffsetLog');
				if (fire(d.batchId, 'duringProcessing')) throw new DriverDied('duringProcessing');
			}
		});
		if (!started.ok) return started.error;
		source = started.source as StreamingSource<unknown>;
		exec = started.exec;
		return null;
	};
	const startError = start();
	if (startError !== null) return { ok: false, error: located(q, startError) };

	/** The batch the next trigger runs: a logged, uncommitted one first (R1.3). */
	const upcoming = (e: MicroBatchExecution): { id: number; replay: boolean } => {
		const cp = e.checkpoint();
		const last = cp.offsets.at(-1);
		const commit = cp.commits.at(-1);
		return last !== undefined && (commit === undefined || commit.batchId < last.batchId)
			? { id: last.batchId, replay: true }
			: { id: e.nextBatchId, replay: false };
	};

	const crash = (b: FtBatch, phase: FailurePhase, e: MicroBatchExecution) => {
		checkpoint = e.checkpoint();
		history.push(checkpoint);
		exec = null;
		downUntil = b.endMs + world.downMs;
		run.crashes.push({ atMs: b.endMs, batchId: b.batchId, phase, message: DIES_SAYING[phase] });
		const cp = checkpoint;
		const last = cp.offsets.at(-1);
		const commit = cp.commits.at(-1);
		run.restarts.push({
			stopMs: b.endMs,
			startMs: downUntil,
			replays:
				last !== undefined && (commit === undefined || commit.batchId < last.batchId)
					? last.batchId
					: null
		});
	};

	const ledger = () => sink.ledger.totals();
	let sourcesWritten = false;

	const runTrigger = (now: number): FtBatch | null => {
		clock = now;
		produce(now);
		if (downUntil !== null) {
			if (now < downUntil) return null;
			downUntil = null;
			runIndex++;
			if (running !== q) {
				// The restart runs the changed program on the old checkpoint: Spark checks it first.
				const verdict = checkRestart(running, q);
				if (verdict.error !== null) {
					run.refused = verdict.error;
					run.refusedAtMs = now;
					run.restartRefused = true;
					// Located at the stateful operator whose state the changed program cannot read:
					// its groupBy line when the statement has one.
					const span = run.spans.state;
					if (span) {
						const text = code.split('\n');
						let at = { line: span.line, column: 1 };
						for (let l = span.line; l <= span.endLine; l++) {
							const c = text[l - 1]?.indexOf('.groupBy(') ?? -1;
							if (c >= 0) at = { line: l, column: c + 1 };
						}
						run.refusedAt = at;
					}
					return null;
				}
				running = q;
			}
			const e = start();
			if (e !== null) {
				run.refused = e;
				run.refusedAtMs = now;
				return null;
			}
		}
		const e = exec as MicroBatchExecution | null;
		if (e === null) return null;
		const next = upcoming(e);
		const attempt = (attempts.get(next.id) ?? 0) + 1;
		const base = {
			batchId: next.id,
			attempt,
			replay: next.replay,
			runIndex,
			startMs: now
		};
		if (!next.replay && fire(next.id, 'beforeOffsetLog')) {
			attempts.set(next.id, attempt);
			const d = batchMs(0, intervalMs);
			const b: FtBatch = {
				...base,
				phases: { plan: now },
				endMs: now + Math.round(d * DIES_AT.beforeOffsetLog),
				failed: 'beforeOffsetLog',
				start: {},
				end: {},
				numInputRows: 0,
				numOutputRows: 0,
				batchWatermarkMs: e.currentWatermarkMs,
				sink: null,
				tasksRerun: 0,
				ledger: ledger()
			};
			run.batches.push(b);
			crash(b, 'beforeOffsetLog', e);
			return b;
		}
		const crashBeforeCommit =
			world.failure?.phase === 'afterSinkBeforeCommit' &&
			pending.some((f) => f.batchId === next.id && f.phase === 'afterSinkBeforeCommit');
		let record: BatchRecord | null;
		let died: FailurePhase | null = null;
		try {
			record = e.runTrigger({ crashBeforeCommit });
		} catch (err) {
			if (!(err instanceof DriverDied)) {
				run.refused = (err as Error).message;
				run.refusedAtMs = now;
				exec = null;
				return null;
			}
			died = err.message as FailurePhase;
			record = null;
		}
		if (record === null && died === null) return null;
		if (crashBeforeCommit) {
			fire(next.id, 'afterSinkBeforeCommit');
			died = 'afterSinkBeforeCommit';
		}
		const lost = record !== null && fire(next.id, 'executorLost');
		attempts.set(next.id, attempt);
		const cp = e.checkpoint();
		const logged = cp.offsets.find((o) => o.batchId === next.id);
		const prevLogged = cp.offsets.filter((o) => o.batchId < next.id).at(-1);
		const startOffsets = offsetsOf(
			(prevLogged?.offsets[name] as string | undefined) ??
				(source ? source.offsetJson(source.initialOffset()) : undefined)
		);
		const endOffsets = offsetsOf(logged?.offsets[name] as string | undefined);
		const rows = Object.entries(endOffsets).reduce(
			(n, [p, v]) => n + v - (startOffsets[Number(p)] ?? 0),
			0
		);
		const onCluster =
			cluster?.execute({
				runIndex,
				startMs: now,
				batchId: next.id,
				inputRows: Array.from(
					{ length: world.partitions },
					(_, p) => (endOffsets[p] ?? 0) - (startOffsets[p] ?? 0)
				),
				loseExecutor: lost,
				files: run.files,
				replay: next.replay
			}) ?? null;
		const full = onCluster ? onCluster.durationMs : batchMs(rows, intervalMs) * (lost ? 1.5 : 1);
		const endMs =
			now + Math.round(died ? (onCluster ? onCluster.diesAt(died) : full * DIES_AT[died]) : full);
		const phases: Partial<Record<LoopPhase, number>> = {};
		for (const p of Object.keys(SHARE) as LoopPhase[]) {
			// A re-run does not write offsets/N again: it runs what the log already holds.
			if (p === 'offsetLog' && next.replay) continue;
			const at = now + Math.round(onCluster ? onCluster.phaseAt[p] : full * SHARE[p]);
			if (at < endMs || (!died && at <= endMs)) phases[p] = at;
		}
		const b: FtBatch = {
			...base,
			phases,
			endMs,
			failed: died ?? (lost ? 'executorLost' : null),
			start: startOffsets,
			end: endOffsets,
			numInputRows: record?.numInputRows ?? rows,
			numOutputRows: record?.output.length ?? 0,
			batchWatermarkMs: logged?.batchWatermarkMs ?? 0,
			sink: record?.sink ? { status: record.sink.status, note: record.sink.note ?? null } : null,
			// One task per Kafka partition and per shuffle partition; the lost executor had half.
			tasksRerun: onCluster
				? onCluster.internals.tasks.filter((t) => t.retry).length
				: lost
					? Math.ceil((world.partitions + run.shufflePartitions) / 2)
					: 0,
			ledger: ledger(),
			...(onCluster ? { internals: clipToDeath(onCluster.internals, endMs) } : {})
		};
		run.batches.push(b);
		// A socket stream keeps no metadata of its own in sources/ (its lines are the driver's).
		if (!sourcesWritten && source !== null && !socketSrc) {
			sourcesWritten = true;
			run.files.push({
				area: 'checkpoint',
				path: 'sources/0/0',
				content: ['v1', source.offsetJson(source.initialOffset())].join('\n'),
				atMs: now,
				batchId: next.id
			});
		}
		if (died) crash(b, died, e);
		else history.push(cp);
		if (died === 'afterSinkBeforeCommit' && record?.state && checkpoint)
			for (const f of crashedBatchStateFiles(
				history.slice(0, -1),
				checkpoint,
				record.state,
				conf,
				QUERY_ID
			)) {
				known.add(f.path);
				run.files.push({
					area: 'checkpoint',
					path: f.path,
					content: f.content,
					atMs: (b.phases.sink ?? b.startMs) + (f.path.endsWith('.snapshot') ? 1 : 0),
					batchId: f.batchId
				});
			}
		collectFiles(b);
		outputFiles(b);
		return b;
	};

	const loop = new MicroBatchLoop<FtBatch>(
		{ runTrigger, stopped: () => run.refused !== null },
		{
			trigger:
				intervalMs > 0
					? { kind: 'processingTime' as const, intervalMs }
					: { kind: 'default' as const, intervalMs: 0 },
			epochOffsetMs: 0,
			untilMs: world.runMs,
			cost: { batchMs: (b) => b.endMs - b.startMs, idleMs: 100 }
		},
		0
	);
	for (let guard = 0; loop.wakeAt !== null && guard < 100_000; guard++) loop.step(loop.wakeAt);
	run.files.sort((a, b) => a.atMs - b.atMs);
	if (world.drawRecovery) drawRecovery(run, layout, history, world.inspectBatchId);
	// The files as the configured provider names them (drawRecovery renames them itself).
	else if (layout !== 'hdfs')
		run.files.splice(0, run.files.length, ...asProviderFiles(run.files, layout));
	// A batch that started before the end commits after it: the run ends with its commit.
	run.endMs = Math.max(world.runMs, ...run.batches.map((b) => b.endMs));
	atEnd?.(sink.ledger);
	return { ok: true, value: run };
}
