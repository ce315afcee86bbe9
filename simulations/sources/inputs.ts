/**
 * The scenario input kinds of FORMAT-ADDITIONS.md (`kafka`, `files`, `rate`, `rate-micro-batch`)
 * as handles the micro-batch loop keeps for a query's whole life: the handle owns what outlives a
 * run (the broker or directory the steps write to, and the checkpoint parts a source keeps:
 * Kafka's sources/<i>/0, the file source's log, the rate source's creation time), and `start()`
 * builds a FRESH source instance for each run, as Spark does on every (re)start (so Kafka's
 * lastTriggerMillis starts at 0 again). Options are Spark's strings; bad ones come back as
 * Spark's message, never as an exception.
 */
import type { ProcTimeMs } from '../core/time';
import { rateSource } from '../microbatch/rate-source';
import type { SourceClock, StreamingSource } from './contract';
import { FileDirectory } from './files/directory';
import { type FileSourceLog, FileStreamSource, parseFileSourceOptions } from './files/file-source';
import { KafkaBroker } from './kafka/broker';
import { parseKafkaOptions, timeStringAsSec } from './kafka/options';
import { type KafkaSourceCheckpoint, KafkaMicroBatchStream } from './kafka/stream';
import { LongOffsetSourceAdapter } from './legacy-adapter';
import { parseRatePerMicroBatchOptions, RatePerMicroBatchStream } from './rate-micro-batch';

type Started = { ok: true; source: StreamingSource<unknown> } | { ok: false; error: string };

export interface SourceEnv {
	readonly clock: SourceClock;
	/** spark.sparkContext.defaultParallelism (numPartitions defaults). */
	readonly defaultParallelism: number;
}

export interface KafkaEvent {
	readonly topic: string;
	readonly partition?: number;
	readonly values: readonly string[];
}

export class KafkaInput {
	readonly broker = new KafkaBroker();
	readonly checkpoint: KafkaSourceCheckpoint = { initialOffsets: null };

	constructor(
		readonly topics: Readonly<Record<string, number>>,
		readonly options: Readonly<Record<string, string>>,
		private readonly env: SourceEnv
	) {
		for (const [t, n] of Object.entries(topics)) this.broker.createTopic(t, n);
	}

	/** addData: records appended in list order, stamped with the clock (timestampType 0). */
	addData(events: readonly KafkaEvent[]): void {
		for (const e of events) {
			this.broker.send({
				topic: e.topic,
				...(e.partition !== undefined ? { partition: e.partition } : {}),
				values: e.values,
				timestampMs: this.env.clock.nowMs()
			});
		}
	}

	/** addPartitions: raise the topic to `partitions` in total (Admin.createPartitions). */
	addPartitions(topic: string, partitions: number): void {
		this.broker.addPartitions(topic, partitions);
	}

	start(): Started {
		// kafka.bootstrap.servers is implied for scenario inputs.
		const parsed = parseKafkaOptions(this.options);
		if (!parsed.ok) return parsed;
		return {
			ok: true,
			source: new KafkaMicroBatchStream({
				broker: this.broker,
				options: parsed.value,
				clock: this.env.clock,
				checkpoint: this.checkpoint
			})
		};
	}
}

export class FilesInput {
	readonly directory: FileDirectory;
	readonly log: FileSourceLog = new Map();

	constructor(
		readonly name: string,
		readonly options: Readonly<Record<string, string>>,
		private readonly env: SourceEnv
	) {
		this.directory = new FileDirectory(`/tmp/${name}`);
	}

	/**
	 * addData: one new file holding those rows (text format: one `value` per line), stamped with
	 * the clock; ties keep the order of addition (the listing's sort is stable).
	 */
	addData(rows: readonly (readonly string[])[]): void {
		const n = this.directory.list().length;
		this.directory.add(
			`part-${String(n).padStart(5, '0')}.txt`,
			rows.map((r) => ({ value: r[0] ?? null })),
			this.env.clock.nowMs()
		);
	}

	start(): Started {
		const parsed = parseFileSourceOptions(this.options);
		if (!parsed.ok) return parsed;
		return {
			ok: true,
			source: new FileStreamSource({
				directory: this.directory,
				options: parsed.value,
				log: this.log
			})
		};
	}
}

export class RatePerMicroBatchInput {
	constructor(
		readonly options: Readonly<Record<string, string>>,
		private readonly env: SourceEnv
	) {}

	start(): Started {
		const parsed = parseRatePerMicroBatchOptions(this.options, this.env.defaultParallelism);
		if (!parsed.ok) return parsed;
		return { ok: true, source: new RatePerMicroBatchStream(parsed.value) };
	}
}

export class RateInput {
	/** The clock reading at the query's first start: second 0 of its offsets, kept in the checkpoint. */
	private creationMs: number | null = null;

	constructor(
		readonly options: Readonly<Record<string, string>>,
		private readonly env: SourceEnv
	) {}

	start(): Started {
		const o = new Map(Object.entries(this.options).map(([k, v]) => [k.toLowerCase(), v]));
		const rows = Number(o.get('rowspersecond') ?? '1');
		if (!Number.isInteger(rows) || rows <= 0) {
			return {
				ok: false,
				error: `Invalid value '${o.get('rowspersecond')}'. The option 'rowsPerSecond' must be positive`
			};
		}
		// RateStreamProvider.getTable: JavaUtils.timeStringAsSec, then the sign check.
		const rampText = o.get('rampuptime');
		const ramp =
			rampText === undefined ? { ok: true as const, value: 0 } : timeStringAsSec(rampText);
		if (!ramp.ok) return ramp;
		if (ramp.value < 0) {
			return {
				ok: false,
				error: `Invalid value '${ramp.value}'. The option 'rampUpTime' must not be negative`
			};
		}
		const parts = o.get('numpartitions');
		const numPartitions = parts === undefined ? this.env.defaultParallelism : Number(parts);
		if (!Number.isInteger(numPartitions) || numPartitions <= 0) {
			return {
				ok: false,
				error: `Invalid value '${parts}'. The option 'numPartitions' must be positive`
			};
		}
		this.creationMs ??= this.env.clock.nowMs();
		const inner = rateSource({
			rowsPerSecond: rows,
			numPartitions,
			creationMs: this.creationMs as ProcTimeMs,
			rampUpTimeSeconds: ramp.value,
			numPartitionsOption: parts !== undefined
		});
		return { ok: true, source: new LongOffsetSourceAdapter(inner, this.env.clock, true, 'rate') };
	}
}

export type ScenarioInput =
	| {
			readonly kind: 'kafka';
			readonly topics?: Readonly<Record<string, number>>;
			readonly options?: Readonly<Record<string, string>>;
	  }
	| {
			readonly kind: 'files';
			readonly format?: string;
			readonly options?: Readonly<Record<string, string>>;
	  }
	| { readonly kind: 'rate'; readonly options?: Readonly<Record<string, string>> }
	| { readonly kind: 'rate-micro-batch'; readonly options?: Readonly<Record<string, string>> };

export type InputHandle = KafkaInput | FilesInput | RateInput | RatePerMicroBatchInput;

/** One handle per scenario input; the `format` of a files input must be `text` (what is simulated). */
export function inputHandle(
	name: string,
	input: ScenarioInput,
	env: SourceEnv
): { ok: true; handle: InputHandle } | { ok: false; error: string } {
	switch (input.kind) {
		case 'kafka':
			return { ok: true, handle: new KafkaInput(input.topics ?? {}, input.options ?? {}, env) };
		case 'files':
			if ((input.format ?? 'text') !== 'text') {
				return {
					ok: false,
					error: `The files input '${name}' uses format '${input.format}'; supported: text`
				};
			}
			return { ok: true, handle: new FilesInput(name, input.options ?? {}, env) };
		case 'rate':
			return { ok: true, handle: new RateInput(input.options ?? {}, env) };
		case 'rate-micro-batch':
			return { ok: true, handle: new RatePerMicroBatchInput(input.options ?? {}, env) };
	}
}
