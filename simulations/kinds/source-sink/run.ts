/**
 * A Kafka-to-sink program over a simulated topic, on the one micro-batch loop (loop.ts): the
 * producer sends JSON orders at its rate, skewed across partitions; retention deletes old records;
 * each trigger, MicroBatchExecution asks the Kafka source for its offsets (maxOffsetsPerTrigger
 * prorated by backlog, R7.1), writes offsets/N, reads the ranges (data loss fails the query or is
 * skipped, by failOnDataLoss), writes the sink and commits/N. A restart builds a fresh source over
 * the same broker and checkpoint, so startingOffsets is not read again.
 */
import { createRng } from '../../core/rng';
import type { Result, SourceError } from '../../core/errors';
import type { StreamingSink } from '../../sinks/contract';
import { ACCEPTED_MODES } from '../../sinks/output-modes';
import { recordOf, sinkColumns, sinkSnapshot } from './sink-snapshot';
import { KafkaInput } from '../../sources/inputs';
import type { KafkaMicroBatchStream } from '../../sources/kafka/stream';
import { producerSchedule } from '../../sources/kafka/producer';
import { prepareQuery } from '../../structured/index';
import { MicroBatchExecution, type Checkpoint } from '../../structured/runtime/executor';
import {
	kafkaSourceOf,
	lines,
	located,
	programSink,
	startOnKafka,
	producerOn,
	runOnLoop
} from '../kafka-query';
import type { SsBatch, SsRun } from './frames';
import type { TopicWorld } from './question';

export function runSourceSink(
	code: string,
	world: TopicWorld,
	seed: number
): Result<SsRun, SourceError> {
	const prepared = prepareQuery(code, {});
	if (!prepared.ok) return prepared;
	const q = prepared.value;
	const kafka = kafkaSourceOf(q);
	if (!kafka.ok) return kafka;
	const { src, options, name, columns } = kafka.value;
	let clock = 0;
	const input = new KafkaInput({ [world.topic]: world.partitions }, options, {
		clock: { nowMs: () => clock },
		defaultParallelism: 2
	});
	const sinkResult = programSink(q, input);
	if (!sinkResult.ok) return sinkResult;
	const sink: StreamingSink = sinkResult.sink;

	const rng = createRng(seed);
	const schedule = producerSchedule(
		{
			topic: world.topic,
			profile: { kind: 'steady', recordsPerSecond: world.recordsPerSecond },
			skew: world.skew,
			fromMs: -world.backlogMs,
			untilMs: world.runMs
		},
		rng
	);
	const values = schedule.map((x) => recordOf(world.records ?? 'orders', x, rng));
	const produce = producerOn(input, world.topic, schedule, values);

	const run: SsRun = {
		topic: world.topic,
		partitions: world.partitions,
		sends: Array.from({ length: world.partitions }, () => []),
		retention: [],
		batches: [],
		restarts: [],
		failure: null,
		dataLoss: [],
		endMs: world.runMs,
		sinkGuarantee: sink.guarantee,
		sinkDescription: sink.description,
		sinkKind: sink.kind,
		emphasis: world.emphasis ?? 'source',
		outputMode: q.outputMode,
		acceptedModes: ACCEPTED_MODES[sink.kind],
		sinkColumns: sinkColumns(
			sink,
			q.schema.map((f) => f.name)
		),
		startingOffsets: options['startingOffsets'] ?? 'latest',
		failOnDataLoss: (options['failOnDataLoss'] ?? 'true') !== 'false',
		maxOffsetsPerTrigger: options['maxOffsetsPerTrigger'] ?? null,
		// The source's focus is its `.load()` line: the whole chain would cover the option values.
		spans: {
			source: { line: src.plan.at.line, endLine: src.plan.at.line },
			sink: lines(q, q.write.at)
		}
	};
	for (const s of schedule) run.sends[s.partition]?.push(s.atMs);

	let exec: MicroBatchExecution | null = null;
	let source: KafkaMicroBatchStream | null = null;
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
		const started = startOnKafka(
			input,
			q,
			{ name, columns },
			{
				clock: () => clock,
				sink,
				...(checkpoint ? { checkpoint } : {})
			}
		);
		if (!started.ok) return started.error;
		({ source, exec } = started);
		return null;
	};
	produce(0);
	const startError = start();
	if (startError !== null) return { ok: false, error: located(q, startError) };

	runOnLoop(
		q,
		{
			runTrigger: (now) => {
				clock = now;
				produce(now);
				if (world.retentionMs > 0) {
					const before = input.broker
						.partitionsOf([world.topic])
						.map((tp) => input.broker.earliest(tp));
					input.broker.applyRetention(world.retentionMs, now);
					input.broker.partitionsOf([world.topic]).forEach((tp, i) => {
						const e = input.broker.earliest(tp);
						if (e !== before[i])
							run.retention.push({ atMs: now, partition: tp.partition, earliest: e });
					});
				}
				const r = world.restart;
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
				const lossBefore = source?.dataLossEvents.length ?? 0;
				const crash = world.crashAfterSink ?? null;
				const nextId = (run.batches.at(-1)?.batchId ?? -1) + 1;
				const crashNow = crash !== null && !crashed && nextId === crash.batchId;
				try {
					const b = e.runTrigger(crashNow ? { crashBeforeCommit: true } : {});
					if (b === null) return null;
					const offsets = b.sourceOffsets[name];
					for (const d of (source?.dataLossEvents ?? []).slice(lossBefore))
						run.dataLoss.push({
							atMs: now,
							batchId: b.batchId,
							partition: d.topicPartition,
							skipped: d.skippedOffsets
						});
					const attempt = run.batches.filter((x) => x.batchId === b.batchId).length + 1;
					const batch: SsBatch = {
						batchId: b.batchId,
						triggerMs: now,
						// Batch 0 reads from the source's initial offsets (startingOffsets, resolved now).
						start: parseOffsets(
							offsets?.start ?? (source ? source.offsetJson(source.initialOffset()) : undefined)
						),
						end: parseOffsets(offsets?.end),
						numInputRows: b.numInputRows,
						numOutputRows: b.output.length,
						offsetLog: offsetLogJson(now, b.batchWatermarkMs, q.conf, offsets?.end),
						commitLog: crashNow
							? null
							: JSON.stringify({ nextBatchWatermarkMs: b.nextBatchWatermarkMs }),
						sinkRecords: sink.ledger.totals().writes,
						attempt,
						sink: sinkSnapshot(sink, b.sink)
					};
					if (crashNow) {
						crashed = true;
						stop(now, now + crash.downMs);
					}
					run.batches.push(batch);
					return b;
				} catch (err) {
					run.failure = { atMs: now, message: (err as Error).message };
					exec = null;
					return null;
				}
			},
			stopped: () => run.failure !== null
		},
		world.runMs
	);
	if (run.failure !== null) run.endMs = Math.min(world.runMs, run.failure.atMs + 2000);
	return { ok: true, value: run };
}

/** A Kafka offset JSON ({"orders":{"0":5}}) as partition → offset. */
export function parseOffsets(json: string | number | undefined): Record<number, number> {
	if (typeof json !== 'string') return {};
	const o = JSON.parse(json) as Record<string, Record<string, number>>;
	const out: Record<number, number> = {};
	for (const parts of Object.values(o))
		for (const [p, v] of Object.entries(parts)) out[Number(p)] = v;
	return out;
}

/** offsets/N as the checkpoint holds it: the version line, the metadata, one line per source. */
export function offsetLogJson(
	now: number,
	watermarkMs: number,
	conf: Readonly<Record<string, string>>,
	end: string | number | undefined
): string {
	const meta = {
		batchWatermarkMs: watermarkMs,
		batchTimestampMs: now,
		conf: { 'spark.sql.shuffle.partitions': conf['spark.sql.shuffle.partitions'] ?? '200' }
	};
	return ['v1', JSON.stringify(meta), end === undefined ? '-' : String(end)].join('\n');
}
