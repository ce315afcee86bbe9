/**
 * Each source a sources-and-sinks run can read, fed the same readings (run.ts): files landing in
 * a directory, records on a topic's partitions, lines on a socket; the rate sources make their
 * own rows. Per source: what arrives as the clock passes, what a batch's offsets stand for in the
 * source's own terms, and the handle that builds a fresh source instance at each (re)start.
 */
import type { ProcTimeMs } from '../../core/time';
import type { PlannedSend } from '../../sources/kafka/producer';
import { valueAtSecond, type RateSpec } from '../../microbatch/rate-source';
import { timeStringAsSec } from '../../sources/kafka/options';
import type { StreamingSource } from '../../sources/contract';
import { FilesInput, KafkaInput, RateInput, RatePerMicroBatchInput } from '../../sources/inputs';
import { KafkaBroker } from '../../sources/kafka/broker';
import { SocketInput, type SentLine } from '../../sources/socket-input';
import { producerOn } from '../kafka-query';
import type { SourceKindId, SourceRead, SourceTrack } from './frames';
import { parseOffsets } from './checkpoint-json';

/** Readings per file; Kafka records and socket lines arrive this many times as often. */
export const READINGS_PER_FILE = 4;

export interface SourceFeed {
	/** Delivers what is due by `now` (files land, records are sent); the socket's lines are timed. */
	readonly arrive: (now: number) => void;
	/** A batch's (start, end] offsets in the source's own words, and the units it read. */
	readonly readOf: (
		start: string | number | undefined,
		end: string | number | undefined
	) => SourceRead;
	readonly handle: {
		start(): { ok: true; source: StreamingSource<unknown> } | { ok: false; error: string };
	};
	/** The topic's broker (a Kafka sink writes to the same simulated cluster). */
	readonly broker: KafkaBroker;
	readonly kafka: KafkaInput | null;
	readonly socket: SocketInput | null;
	/** Per Kafka partition, the send time of each offset. */
	readonly sends: number[][];
}

export interface FeedContext {
	readonly env: { readonly clock: { nowMs(): number }; readonly defaultParallelism: number };
	readonly topic: string;
	readonly partitions: number;
	readonly runMs: number;
	readonly schedule: readonly PlannedSend[];
	readonly values: readonly string[];
	/** The end offset of the last batch run: where a restarted socket counts on from. */
	readonly lastEnd: () => string | number | undefined;
}

/** A JSON reading as the file source's row (the json format parses it by the schema). */
function fileRow(json: string): Record<string, string | number | null> {
	const o = JSON.parse(json) as { device: string; reading: number; event_time: string };
	return { device: o.device, reading: o.reading, event_time: Date.parse(o.event_time) * 1000 };
}

export function sourceFeed(
	kind: SourceKindId,
	format: string,
	options: Readonly<Record<string, string>>,
	track: SourceTrack,
	w: FeedContext
): SourceFeed {
	const { env, schedule, values } = w;
	let arrive: (now: number) => void = () => {};
	let readOf: SourceFeed['readOf'];
	let handle: SourceFeed['handle'];
	let broker = new KafkaBroker();
	let kafka: KafkaInput | null = null;
	let socket: SocketInput | null = null;
	const sends: number[][] = [];
	switch (kind) {
		case 'file': {
			const files = new FilesInput(`landing/${w.topic}`, options, env);
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
			const input = new KafkaInput({ [w.topic]: w.partitions }, options, env);
			kafka = input;
			broker = input.broker;
			arrive = producerOn(input, w.topic, schedule, values);
			for (let p = 0; p < w.partitions; p++) sends.push([]);
			for (const s of schedule) sends[s.partition]?.push(s.atMs);
			readOf = (start, end) => {
				const a = parseOffsets(start);
				const b = parseOffsets(end);
				return {
					terms: Object.keys(b)
						.map((p) => `${w.topic}-${p} [${a[Number(p)] ?? b[Number(p)]}, ${b[Number(p)]})`)
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
				start: () => input.start(w.lastEnd() === undefined ? -1 : Number(w.lastEnd()))
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
			for (let s = 0; s * 1000 < w.runMs; s++)
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
						atMs: env.clock.nowMs(),
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

	return { arrive, readOf, handle, broker, kafka, socket, sends };
}
