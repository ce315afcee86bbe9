/**
 * A sources-and-sinks page's program, run on the one micro-batch loop (loop.ts). The program's
 * `readStream.format(...)` picks the source (source-feeds.ts: a file format, kafka, socket, rate,
 * rate-micro-batch; a Kafka page's world takes kafka only) and the world's readings reach it.
 * Each trigger, MicroBatchExecution asks the source for its offsets (Kafka: maxOffsetsPerTrigger
 * prorated by backlog, R7.1), writes offsets/N, reads the range (Kafka data loss fails the query
 * or is skipped, by failOnDataLoss), writes the sink and commits/N. Retention deletes old records
 * as the clock passes.
 *
 * A stop (planned, or a crash after the sink wrote batch N and before commits/N) restarts the
 * query from its checkpoint with a fresh source instance, as Spark does: startingOffsets is not
 * read again; the replayable sources read the same offsets again and return the same rows; the
 * socket's new instance connects with an empty buffer, so the lines the dead driver held are
 * gone, and counted. The sink outlives the restart and decides what a replayed batch does.
 */
import { createRng, type Rng } from '../../core/rng';
import type { Result, SourceError } from '../../core/errors';
import { ACCEPTED_MODES } from '../../sinks/output-modes';
import type { KafkaMicroBatchStream } from '../../sources/kafka/stream';
import { producerSchedule } from '../../sources/kafka/producer';
import { prepareQuery, type AnalyzedQuery } from '../../structured/index';
import type { AnalyzedNode } from '../../structured/analyzer/types';
import type { ProgramEnv } from '../../structured/reader/index';
import { MicroBatchExecution, type Checkpoint } from '../../structured/runtime/executor';
import { sourceName } from '../../structured/runtime/physical';
import { foreachBatchHost } from '../foreach-batch-host';
import { lines, located, programSink, runOnLoop, startOnSource } from '../kafka-query';
import { offsetLogJson, parseOffsets } from './checkpoint-json';
import type { SourceKindId, SourceTrack, SsRun } from './frames';
import type { SourcesWorld, TopicWorld } from './question';
import { recordOf, sinkColumns, sinkSnapshot } from './sink-snapshot';
import { READINGS_PER_FILE, sourceFeed } from './source-feeds';

export { READINGS_PER_FILE };

const FILE_FORMATS = ['json', 'csv', 'parquet', 'orc', 'text', 'avro'];

/** Both worlds in one shape: what arrives, what happens to the query, what the page draws. */
interface Feed {
	/** The program may read any source (basic-04); else only the world's Kafka topic. */
	readonly anySource: boolean;
	readonly topic: string;
	readonly partitions: number;
	readonly skew: readonly number[];
	/** Kafka records (and socket lines) per second; files land READINGS_PER_FILE times slower. */
	readonly recordsPerSecond: number;
	readonly records: 'orders' | 'sensor-events';
	readonly retentionMs: number;
	readonly restart: { readonly atMs: number; readonly downMs: number } | null;
	readonly crash: { readonly batchId: number; readonly downMs: number } | null;
	readonly emphasis: 'source' | 'sink';
	readonly backlogMs: number;
	readonly runMs: number;
}

function feedOf(world: TopicWorld | SourcesWorld): Feed {
	if ('sources' in world)
		return {
			anySource: true,
			topic: 'sensor-events',
			partitions: world.partitions,
			skew: Array.from({ length: world.partitions }, () => 1),
			recordsPerSecond: world.arrivalsPerSecond * READINGS_PER_FILE,
			records: 'sensor-events',
			retentionMs: 0,
			restart: null,
			crash:
				world.crashAtBatch === null ? null : { batchId: world.crashAtBatch, downMs: world.downMs },
			emphasis: 'source',
			backlogMs: world.backlogMs,
			runMs: world.runMs
		};
	return {
		anySource: false,
		topic: world.topic,
		partitions: world.partitions,
		skew: world.skew,
		recordsPerSecond: world.recordsPerSecond,
		records: world.records ?? 'orders',
		retentionMs: world.retentionMs,
		restart: world.restart,
		crash: world.crashAfterSink ?? null,
		emphasis: world.emphasis ?? 'source',
		backlogMs: world.backlogMs,
		runMs: world.runMs
	};
}

/** The source node the program reads (`spark.readStream…load()`), the first one found. */
function streamSource(q: AnalyzedQuery): AnalyzedNode | null {
	const stack = [q.root];
	while (stack.length > 0) {
		const n = stack.pop() as AnalyzedNode;
		if (n.plan.op === 'Source' && n.plan.source.kind === 'readStream') return n;
		stack.push(...n.children);
	}
	return null;
}

const kindOf = (format: string): SourceKindId | null =>
	FILE_FORMATS.includes(format)
		? 'file'
		: format === 'kafka' ||
			  format === 'socket' ||
			  format === 'rate' ||
			  format === 'rate-micro-batch'
			? format
			: null;

/** The readings every source that takes outside data sees: JSON text, with when it arrives. */
function readings(feed: Feed, rng: Rng) {
	const schedule = producerSchedule(
		{
			topic: feed.topic,
			profile: { kind: 'steady', recordsPerSecond: feed.recordsPerSecond },
			skew: feed.skew,
			fromMs: -feed.backlogMs,
			untilMs: feed.runMs
		},
		rng
	);
	return { schedule, values: schedule.map((s) => recordOf(feed.records, s, rng)) };
}

/** The program's source, or the located message saying what this page's world can feed. */
function sourceOf(
	q: AnalyzedQuery,
	feed: Feed
): Result<{ src: AnalyzedNode; format: string; kind: SourceKindId }, SourceError> {
	const src = streamSource(q);
	const format =
		src?.plan.op === 'Source' && src.plan.source.kind === 'readStream'
			? src.plan.source.format
			: null;
	const kind = format === null ? null : kindOf(format);
	if (src === null || format === null || (!feed.anySource && kind !== 'kafka'))
		return {
			ok: false,
			error: located(
				q,
				feed.anySource
					? 'This page simulates a query that reads spark.readStream: keep it.'
					: 'This page simulates a query that reads a Kafka topic: keep spark.readStream.format("kafka").'
			)
		};
	if (kind === null)
		return {
			ok: false,
			error: {
				line: src.plan.at.line,
				column: src.plan.at.column,
				message: `The page simulates the sources file (${FILE_FORMATS.join(', ')}), kafka, socket, rate and rate-micro-batch; format("${format}") is not one of them.`
			}
		};
	return { ok: true, value: { src, format, kind } };
}

export function runSourceSink(
	code: string,
	world: TopicWorld | SourcesWorld,
	seed: number
): Result<SsRun, SourceError> {
	const feed = feedOf(world);
	// The foreachBatch function's batch_df.write calls reach the host through this environment.
	const programEnv: ProgramEnv = {};
	const prepared = prepareQuery(code, {}, {}, programEnv);
	if (!prepared.ok) return prepared;
	const q = prepared.value;
	const found = sourceOf(q, feed);
	if (!found.ok) return found;
	const { src, format, kind } = found.value;
	if (src.plan.op !== 'Source' || src.plan.source.kind !== 'readStream') throw new Error('source');
	const options = { ...src.plan.source.options };
	delete options['kafka.bootstrap.servers'];
	const name = sourceName(src);
	const columns = src.plan.schema.map((f) => f.name);

	let clock = 0;
	const env = { clock: { nowMs: () => clock }, defaultParallelism: 2 };
	const { schedule, values } = readings(feed, createRng(seed));
	const track: SourceTrack & { units: SourceTrack['units']; lost: string[] } = {
		kind,
		format,
		replayable: kind !== 'socket',
		description: '',
		maxFilesPerTrigger:
			kind === 'file' && options['maxFilesPerTrigger'] !== undefined
				? Number(options['maxFilesPerTrigger'])
				: null,
		units: [],
		lost: []
	};
	/** The end offset of the last batch run: where a restarted socket counts on from. */
	let lastEnd: string | number | undefined;
	const source = sourceFeed(kind, format, options, track, {
		env,
		topic: feed.topic,
		partitions: feed.partitions,
		runMs: feed.runMs,
		schedule,
		values,
		lastEnd: () => lastEnd
	});
	const broker = source.broker;

	const host = foreachBatchHost(q, programEnv);
	const sinkResult = programSink(q, { broker }, host?.fn);
	if (!sinkResult.ok) return sinkResult;
	const sink = sinkResult.sink;

	const run: SsRun = {
		topic: kind === 'kafka' ? feed.topic : '',
		partitions: kind === 'kafka' ? feed.partitions : 0,
		sends: source.sends,
		retention: [],
		batches: [],
		restarts: [],
		failure: null,
		finished: null,
		dataLoss: [],
		endMs: feed.runMs,
		sinkGuarantee: sink.guarantee,
		sinkDescription: sink.description,
		sinkKind: sink.kind,
		emphasis: feed.emphasis,
		outputMode: q.outputMode,
		acceptedModes: ACCEPTED_MODES[sink.kind],
		sinkColumns: sinkColumns(
			sink,
			q.schema.map((f) => f.name)
		),
		startingOffsets: options['startingOffsets'] ?? 'latest',
		failOnDataLoss: (options['failOnDataLoss'] ?? 'true') !== 'false',
		maxOffsetsPerTrigger: options['maxOffsetsPerTrigger'] ?? null,
		...(feed.anySource ? { source: track } : {}),
		spans: {
			// A Kafka page's source controls are its option lines: its focus is the `.load()` line,
			// so the highlight does not cover them.
			source: feed.anySource
				? lines(q, src.plan.at)
				: { line: src.plan.at.line, endLine: src.plan.at.line },
			sink: lines(q, q.write.at)
		}
	};

	let exec: MicroBatchExecution | null = null;
	let kafka: KafkaMicroBatchStream | null = null;
	let checkpoint: Checkpoint | undefined;
	let restarted = false;
	let crashed = false;
	/** When the stopped query starts again from its checkpoint. */
	let resumeAtMs: number | null = null;
	const stop = (now: number, resumeAt: number) => {
		if (exec === null) return;
		checkpoint = exec.checkpoint();
		exec = null;
		resumeAtMs = resumeAt;
		run.restarts.push({
			stopMs: now,
			startMs: resumeAt,
			...(crashed ? { crashBeforeCommit: true } : {})
		});
	};
	const start = (): string | null => {
		const started = startOnSource(
			source.handle.start(),
			q,
			{ name, columns },
			{ clock: () => clock, sink, ...(checkpoint ? { checkpoint } : {}) }
		);
		if (!started.ok) return started.error;
		exec = started.exec;
		if (kind === 'kafka') kafka = started.source as KafkaMicroBatchStream;
		if (track.description === '')
			(track as { description: string }).description = started.source.description ?? format;
		return null;
	};
	/** Retention moving each partition's log start, recorded when it moves. */
	const retain = (now: number) => {
		if (feed.retentionMs <= 0 || source.kafka === null) return;
		const b = source.kafka.broker;
		const before = b.partitionsOf([feed.topic]).map((tp) => b.earliest(tp));
		b.applyRetention(feed.retentionMs, now);
		b.partitionsOf([feed.topic]).forEach((tp, i) => {
			const e = b.earliest(tp);
			if (e !== before[i]) run.retention.push({ atMs: now, partition: tp.partition, earliest: e });
		});
	};
	source.arrive(0);
	const startError = start();
	if (startError !== null) return { ok: false, error: located(q, startError) };

	const terminatedMs = runOnLoop(
		q,
		{
			runTrigger: (now) => {
				clock = now;
				source.arrive(now);
				retain(now);
				const r = feed.restart;
				if (r !== null && !restarted && now >= r.atMs) {
					restarted = true;
					stop(now, r.atMs + r.downMs);
				}
				if (exec === null && resumeAtMs !== null && now >= resumeAtMs) {
					resumeAtMs = null;
					const e = start();
					if (e !== null) {
						run.failure = { atMs: now, message: e };
						return null;
					}
				}
				if (exec === null) return null;
				const e = exec as MicroBatchExecution;
				const k = kafka as KafkaMicroBatchStream | null;
				const lossBefore = k?.dataLossEvents.length ?? 0;
				const nextId = (run.batches.at(-1)?.batchId ?? -1) + 1;
				const crashNow = feed.crash !== null && !crashed && nextId === feed.crash.batchId;
				try {
					const b = e.runTrigger(crashNow ? { crashBeforeCommit: true } : {});
					if (b === null) return null;
					const offsets = b.sourceOffsets[name];
					for (const d of (k?.dataLossEvents ?? []).slice(lossBefore))
						run.dataLoss.push({
							atMs: now,
							batchId: b.batchId,
							partition: d.topicPartition,
							skipped: d.skippedOffsets
						});
					// Batch 0 of a Kafka query reads from the source's initial offsets (startingOffsets,
					// resolved when the query first started).
					const start = offsets?.start ?? (k ? k.offsetJson(k.initialOffset()) : undefined);
					run.batches.push({
						batchId: b.batchId,
						triggerMs: now,
						start: kind === 'kafka' ? parseOffsets(start) : {},
						end: kind === 'kafka' ? parseOffsets(offsets?.end) : {},
						numInputRows: b.numInputRows,
						numOutputRows: b.output.length,
						offsetLog: offsetLogJson(now, b.batchWatermarkMs, q.conf, offsets?.end),
						commitLog: crashNow
							? null
							: JSON.stringify({ nextBatchWatermarkMs: b.nextBatchWatermarkMs }),
						sinkRecords: sink.ledger.totals().writes,
						attempt: run.batches.filter((x) => x.batchId === b.batchId).length + 1,
						sink: sinkSnapshot(sink, b.sink, run.batches.at(-1)?.sink),
						...(feed.anySource ? { read: source.readOf(offsets?.start, offsets?.end) } : {})
					});
					lastEnd = offsets?.end;
					if (crashNow) {
						crashed = true;
						stop(now, now + (feed.crash?.downMs ?? 0));
					}
					return b;
				} catch (err) {
					run.failure = { atMs: now, message: (err as Error).message };
					exec = null;
					return null;
				}
			},
			stopped: () => run.failure !== null
		},
		feed.runMs
	);
	if (
		terminatedMs !== null &&
		run.failure === null &&
		(q.trigger.kind === 'once' || q.trigger.kind === 'availableNow')
	)
		run.finished = { atMs: terminatedMs, trigger: q.trigger.kind };
	if (source.socket !== null) track.lost.push(...lostLines(run, source.socket));
	if (run.failure !== null) run.endMs = Math.min(feed.runMs, run.failure.atMs + 2000);
	return { ok: true, value: run };
}

/** Socket lines sent before the last reconnect that no committed batch read. */
function lostLines(
	run: SsRun,
	socket: { readonly connections: readonly { readonly connectMs: number }[] }
): string[] {
	const reconnect = socket.connections.at(-1)?.connectMs ?? 0;
	if (socket.connections.length < 2) return [];
	const read = new Set(
		run.batches.filter((b) => b.commitLog !== null).flatMap((b) => b.read?.units ?? [])
	);
	return (run.source?.units ?? [])
		.filter((u) => u.atMs < reconnect && !read.has(u.id))
		.map((u) => u.id);
}
