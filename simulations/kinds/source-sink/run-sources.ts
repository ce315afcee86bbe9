/**
 * A source-neutral run (basic-04): the program's `readStream.format(...)` picks the source (a
 * file format, kafka, socket, rate, rate-micro-batch) and the same readings reach it (files
 * landing in a directory, records on a topic, lines on a socket; the rate sources make their
 * own). Each trigger runs on the one micro-batch loop (loop.ts) through MicroBatchExecution, which
 * writes offsets/N in the source's own terms before the batch runs. A crash after the sink wrote
 * batch N and before commits/N restarts the query from its checkpoint with a fresh source
 * instance, as Spark does: the replayable sources read the same offsets again and return the
 * same rows; the socket's new instance connects with an empty buffer, so the lines the dead
 * driver held are gone, and counted.
 */
import { createRng, type Rng } from '../../core/rng';
import type { Result, SourceError } from '../../core/errors';
import type { ProcTimeMs } from '../../core/time';
import { valueAtSecond, type RateSpec } from '../../microbatch/rate-source';
import { timeStringAsSec } from '../../sources/kafka/options';
import { ACCEPTED_MODES } from '../../sinks/output-modes';
import type { StreamingSource } from '../../sources/contract';
import { FilesInput, KafkaInput, RateInput, RatePerMicroBatchInput } from '../../sources/inputs';
import { KafkaBroker } from '../../sources/kafka/broker';
import { producerSchedule } from '../../sources/kafka/producer';
import { SocketInput, type SentLine } from '../../sources/socket-input';
import { prepareQuery, type AnalyzedQuery } from '../../structured/index';
import type { AnalyzedNode } from '../../structured/analyzer/types';
import { MicroBatchExecution, type Checkpoint } from '../../structured/runtime/executor';
import { sourceName } from '../../structured/runtime/physical';
import { lines, located, producerOn, programSink, runOnLoop, startOnSource } from '../kafka-query';
import type { SourceKindId, SourceRead, SourceTrack, SsRun } from './frames';
import type { SourcesWorld } from './question';
import { offsetLogJson, parseOffsets } from './run';
import { recordOf, sinkColumns, sinkSnapshot } from './sink-snapshot';

/** Readings per file; Kafka records and socket lines arrive this many times as often. */
export const READINGS_PER_FILE = 4;
const TOPIC = 'sensor-events';
const FILE_FORMATS = ['json', 'csv', 'parquet', 'orc', 'text', 'avro'];

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
function readings(world: SourcesWorld, rng: Rng) {
	const schedule = producerSchedule(
		{
			topic: TOPIC,
			profile: { kind: 'steady', recordsPerSecond: world.arrivalsPerSecond * READINGS_PER_FILE },
			skew: Array.from({ length: world.partitions }, () => 1),
			fromMs: -world.backlogMs,
			untilMs: world.runMs
		},
		rng
	);
	return { schedule, values: schedule.map((s) => recordOf('sensor-events', s, rng)) };
}

/** A JSON reading as the file source's row (the json format parses it by the schema). */
function fileRow(json: string): Record<string, string | number | null> {
	const o = JSON.parse(json) as { device: string; reading: number; event_time: string };
	return { device: o.device, reading: o.reading, event_time: Date.parse(o.event_time) * 1000 };
}

export function runSources(
	code: string,
	world: SourcesWorld,
	seed: number
): Result<SsRun, SourceError> {
	const prepared = prepareQuery(code, {});
	if (!prepared.ok) return prepared;
	const q = prepared.value;
	const src = streamSource(q);
	if (src === null || src.plan.op !== 'Source' || src.plan.source.kind !== 'readStream')
		return {
			ok: false,
			error: located(q, 'This page simulates a query that reads spark.readStream: keep it.')
		};
	const format = src.plan.source.format;
	const kind = kindOf(format);
	if (kind === null)
		return {
			ok: false,
			error: {
				line: src.plan.at.line,
				column: src.plan.at.column,
				message: `The page simulates the sources file (${FILE_FORMATS.join(', ')}), kafka, socket, rate and rate-micro-batch; format("${format}") is not one of them.`
			}
		};
	const options = { ...src.plan.source.options };
	delete options['kafka.bootstrap.servers'];
	const name = sourceName(src);
	const columns = src.plan.schema.map((f) => f.name);

	let clock = 0;
	const env = { clock: { nowMs: () => clock }, defaultParallelism: 2 };
	const rng = createRng(seed);
	const { schedule, values } = readings(world, rng);
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

	// What arrives at the source as the clock passes, and what a batch's offsets stand for.
	let arrive: (now: number) => void = () => {};
	let readOf: (start: string | number | undefined, end: string | number | undefined) => SourceRead;
	let handle: {
		start(): { ok: true; source: StreamingSource<unknown> } | { ok: false; error: string };
	};
	let broker = new KafkaBroker();
	let socket: SocketInput | null = null;
	const sends: number[][] = [];
	switch (kind) {
		case 'file': {
			const files = new FilesInput('landing/sensor-events', options, env);
			let n = 0;
			arrive = (now) => {
				for (; (n + 1) * READINGS_PER_FILE <= schedule.length; n++) {
					const last = schedule[(n + 1) * READINGS_PER_FILE - 1]!;
					if (last.atMs > now) break;
					const rows = values.slice(n * READINGS_PER_FILE, (n + 1) * READINGS_PER_FILE);
					const fileName = `part-${String(n).padStart(5, '0')}.${format}`;
					files.directory.add(fileName, rows.map(fileRow), last.atMs);
					track.units.push({
						id: fileName,
						atMs: last.atMs,
						label: `${fileName} (${rows.length} readings)`
					});
				}
			};
			readOf = (start, end) => {
				const s = Number(JSON.parse(String(start ?? '{"logOffset":-1}')).logOffset);
				const e = Number(JSON.parse(String(end ?? '{"logOffset":-1}')).logOffset);
				const names: string[] = [];
				for (let i = s + 1; i <= e; i++)
					for (const f of files.log.get(i) ?? [])
						names.push(f.path.slice(f.path.lastIndexOf('/') + 1));
				return {
					terms: `logOffset ${e}: ${names.length === 0 ? 'no new file' : names.join(', ')}`,
					units: names
				};
			};
			handle = files;
			break;
		}
		case 'kafka': {
			const input = new KafkaInput({ [TOPIC]: world.partitions }, options, env);
			broker = input.broker;
			arrive = producerOn(input, TOPIC, schedule, values);
			for (let p = 0; p < world.partitions; p++) sends.push([]);
			for (const s of schedule) sends[s.partition]?.push(s.atMs);
			readOf = (start, end) => {
				const a = parseOffsets(start);
				const b = parseOffsets(end);
				return {
					terms: Object.keys(b)
						.map((p) => `${TOPIC}-${p} [${a[Number(p)] ?? b[Number(p)]}, ${b[Number(p)]})`)
						.join(', '),
					units: []
				};
			};
			handle = input;
			break;
		}
		case 'socket': {
			// Lines typed before the query first connected reached no one: the socket's lines start
			// with the first connection, line n at offset n.
			const sent: SentLine[] = schedule
				.map((x, i) => ({ atMs: x.atMs, text: values[i]! }))
				.filter((x) => x.atMs >= 0)
				.map((x, seq) => ({ seq, ...x }));
			const input = new SocketInput(sent, env.clock);
			socket = input;
			for (const l of sent) track.units.push({ id: `line ${l.seq}`, atMs: l.atMs, label: l.text });
			readOf = (start, end) => {
				const s = Number(start ?? -1);
				const e = Number(end ?? -1);
				const got = input.linesOf(s, e);
				const named = (a: number, b: number) => (a === b ? `line ${a}` : `lines ${a}–${b}`);
				return {
					terms:
						e <= s
							? `offset ${e}: no line yet`
							: got.length === 0
								? `offset ${e}: ${named(s + 1, e)} were in the buffer that died with the driver`
								: `offset ${e}: ${named(got[0]!.seq, got.at(-1)!.seq)} from the driver's buffer`,
					units: got.map((l) => `line ${l.seq}`)
				};
			};
			handle = {
				start: () => input.start(lastEnd === undefined ? -1 : Number(lastEnd))
			};
			break;
		}
		case 'rate': {
			const input = new RateInput(options, env);
			const perSecond = Number(options['rowsPerSecond'] ?? '1');
			const ramp = timeStringAsSec(options['rampUpTime'] ?? '0s');
			const spec: RateSpec = {
				rowsPerSecond: perSecond,
				numPartitions: 1,
				creationMs: 0 as ProcTimeMs,
				rampUpTimeSeconds: ramp.ok ? ramp.value : 0
			};
			for (let s = 0; s * 1000 < world.runMs; s++)
				track.units.push({
					id: `second ${s}`,
					atMs: (s + 1) * 1000,
					label: `second ${s}: values ${valueAtSecond(spec, s)}–${valueAtSecond(spec, s + 1) - 1}`
				});
			readOf = (start, end) => {
				const s = Number(start ?? 0);
				const e = Number(end ?? 0);
				const secs: string[] = [];
				for (let i = s; i < e; i++) secs.push(`second ${i}`);
				return {
					terms:
						e <= s
							? `second ${e}: no whole second has passed yet`
							: `seconds ${s} → ${e}: values ${valueAtSecond(spec, s)}–${valueAtSecond(spec, e) - 1}`,
					units: secs
				};
			};
			handle = input;
			break;
		}
		case 'rate-micro-batch': {
			handle = new RatePerMicroBatchInput(options, env);
			readOf = (start, end) => {
				const a = JSON.parse(String(start ?? '{"offset":0,"timestamp":0}')) as {
					offset: number;
					timestamp: number;
				};
				const b = JSON.parse(String(end)) as { offset: number; timestamp: number };
				// Named by its rows, not its batch: the picture marks which batch read it.
				const id = `values ${a.offset}–${b.offset - 1}`;
				if (!track.units.some((u) => u.id === id))
					track.units.push({
						id,
						atMs: clock,
						label: `${id}, every row stamped ${a.timestamp} ms`
					});
				return {
					terms: `offset ${a.offset} → ${b.offset}, timestamp ${a.timestamp} ms: values ${a.offset}–${b.offset - 1}`,
					units: [id]
				};
			};
			break;
		}
	}

	const sinkResult = programSink(q, { broker });
	if (!sinkResult.ok) return sinkResult;
	const sink = sinkResult.sink;

	const run: SsRun = {
		topic: kind === 'kafka' ? TOPIC : '',
		partitions: kind === 'kafka' ? world.partitions : 0,
		sends,
		retention: [],
		batches: [],
		restarts: [],
		failure: null,
		dataLoss: [],
		endMs: world.runMs,
		sinkGuarantee: sink.guarantee,
		sinkDescription: sink.description,
		sinkKind: sink.kind,
		emphasis: 'source',
		outputMode: q.outputMode,
		acceptedModes: ACCEPTED_MODES[sink.kind],
		sinkColumns: sinkColumns(
			sink,
			q.schema.map((f) => f.name)
		),
		startingOffsets: options['startingOffsets'] ?? 'latest',
		failOnDataLoss: (options['failOnDataLoss'] ?? 'true') !== 'false',
		maxOffsetsPerTrigger: options['maxOffsetsPerTrigger'] ?? null,
		source: track,
		spans: { source: lines(q, src.plan.at), sink: lines(q, q.write.at) }
	};

	let exec: MicroBatchExecution | null = null;
	let checkpoint: Checkpoint | undefined;
	let crashed = false;
	let resumeAtMs: number | null = null;
	/** The end offset of the last batch run: where a restarted socket counts on from. */
	let lastEnd: string | number | undefined;
	const start = (): string | null => {
		const started = startOnSource(
			handle.start(),
			q,
			{ name, columns },
			{
				clock: () => clock,
				sink,
				...(checkpoint ? { checkpoint } : {})
			}
		);
		if (!started.ok) return started.error;
		exec = started.exec;
		if (track.description === '')
			(track as { description: string }).description = started.source.description ?? format;
		return null;
	};
	arrive(0);
	const startError = start();
	if (startError !== null) return { ok: false, error: located(q, startError) };

	runOnLoop(
		q,
		{
			runTrigger: (now) => {
				clock = now;
				arrive(now);
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
				const nextId = (run.batches.at(-1)?.batchId ?? -1) + 1;
				const crashNow = world.crashAtBatch !== null && !crashed && nextId === world.crashAtBatch;
				try {
					const b = e.runTrigger(crashNow ? { crashBeforeCommit: true } : {});
					if (b === null) return null;
					const offsets = b.sourceOffsets[name];
					const read = readOf(offsets?.start, offsets?.end);
					lastEnd = offsets?.end;
					run.batches.push({
						batchId: b.batchId,
						triggerMs: now,
						start: kind === 'kafka' ? parseOffsets(offsets?.start) : {},
						end: kind === 'kafka' ? parseOffsets(offsets?.end) : {},
						numInputRows: b.numInputRows,
						numOutputRows: b.output.length,
						offsetLog: offsetLogJson(now, b.batchWatermarkMs, q.conf, offsets?.end),
						commitLog: crashNow
							? null
							: JSON.stringify({ nextBatchWatermarkMs: b.nextBatchWatermarkMs }),
						sinkRecords: sink.ledger.totals().writes,
						attempt: run.batches.filter((x) => x.batchId === b.batchId).length + 1,
						sink: sinkSnapshot(sink, b.sink),
						read
					});
					if (crashNow) {
						crashed = true;
						checkpoint = e.checkpoint();
						exec = null;
						resumeAtMs = now + world.downMs;
						run.restarts.push({ stopMs: now, startMs: resumeAtMs, crashBeforeCommit: true });
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
		world.runMs
	);
	if (socket !== null) track.lost.push(...lostLines(run, socket));
	if (run.failure !== null) run.endMs = Math.min(world.runMs, run.failure.atMs + 2000);
	return { ok: true, value: run };
}

/** Socket lines sent before the last reconnect that no committed batch read. */
function lostLines(run: SsRun, socket: SocketInput): string[] {
	const reconnect = socket.connections.at(-1)?.connectMs ?? 0;
	if (socket.connections.length < 2) return [];
	const read = new Set(
		run.batches.filter((b) => b.commitLog !== null).flatMap((b) => b.read?.units ?? [])
	);
	return (run.source?.units ?? [])
		.filter((u) => u.atMs < reconnect && !read.has(u.id))
		.map((u) => u.id);
}
