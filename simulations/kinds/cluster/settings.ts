/**
 * What a cluster page's program says, read by the project's own front ends (never by scanning the
 * text): the Structured Streaming reader and analyzer (`structured/reader`) for a `readStream`
 * program, the DStream reader (`dstream/reader`) for a `StreamingContext` one. The simulation
 * runs on these settings; the controls are read back from them (params.ts).
 */
import type { Result, SourceError } from '../../core/errors';
import { readDStreamProgram, type DStreamProgram } from '../../dstream/index';
import { readStreamingConf, type StreamingConf } from '../../dstream/streaming-conf';
import { allocationConfig, type AllocationConfig } from '../../dstream/allocation';
import { analyze } from '../../structured/analyzer/index';
import { readProgram, type ProgramEnv } from '../../structured/reader/index';
import type { Expr } from '../../structured/expr/ast';
import { fromJsonCall, parseModeOf, stringLiteral } from '../../structured/analyzer/from-json';
import { programUdf, rateSettings, type ProgramUdf, type RateSettings } from './udf-settings';

export interface StructuredSettings {
	readonly api: 'structured';
	/** processingTime interval; 0 = the default trigger (back to back). */
	readonly triggerMs: number;
	/** The Kafka source's maxOffsetsPerTrigger, null when the program sets none. */
	readonly maxOffsetsPerTrigger: number | null;
	readonly topic: string;
	/** spark.sql.shuffle.partitions (200 unless the program sets it): the stateful stage's tasks. */
	readonly shufflePartitions: number;
	/** The query aggregates (a stateful stage after a shuffle). */
	readonly stateful: boolean;
	readonly sink: string;
	/** writeStream.queryName(...), null when unnamed. */
	readonly queryName: string | null;
	/** Listeners the program registered with spark.streams.addListener. */
	readonly listeners: number;
	/** The session conf the program set, with Spark's defaults (spark.dynamicAllocation.* is read
	 *  by the run, which knows the executors' cores). */
	readonly conf: Readonly<Record<string, string>>;
	/** The Kafka source's minPartitions: Spark splits offset ranges into at least this many tasks. */
	readonly minPartitions: number | null;
	/** withWatermark's delay, if the query has one. */
	readonly watermarkDelayMs: number | null;
	/** The aggregation's tumbling window (groupBy(window(ts, d), ...)), null when it has none. */
	readonly windowMs?: number | null;
	/** spark.sql.streaming.stateStore.providerClass: the RocksDB provider or the HDFS-backed default. */
	readonly stateStore?: 'rocksdb' | 'hdfs';
	/** writeStream.outputMode(...). */
	readonly outputMode?: string;
	/** from_json's parse mode, null when the query parses no payload. */
	readonly parseMode?: 'PERMISSIVE' | 'FAILFAST' | null;
	/** A deduplication before the aggregation: dropDuplicates (state kept forever unless the
	 *  event time is a key) or dropDuplicatesWithinWatermark (state expires with the watermark). */
	readonly dedup?: 'dropDuplicates' | 'withinWatermark' | null;
	/** from_json's schema (DDL) and line, null when the query parses no payload. */
	readonly jsonSchema?: { readonly ddl: string; readonly line: number } | null;
	/** Partitions the sink writes from: coalesce(n) before it, else the shuffle partitions. */
	readonly outputPartitions?: number;
	/** The rate source's settings when the query reads `format("rate")` (absent: Kafka). */
	readonly rate?: RateSettings;
	/** The query's Python UDF and how PySpark runs it (absent: built-in expressions only). */
	readonly udf?: ProgramUdf;
	/** spark.sql.execution.arrow.maxRecordsPerBatch (10000 unless the program sets it). */
	readonly arrowMaxRecordsPerBatch?: number;
	/** Line of the session builder's getOrCreate() (where a bad conf fails the application). */
	readonly sessionLine: number;
	/** Program lines (1-based) of the constructs the code focus points at. */
	readonly lines: {
		readonly source: number;
		readonly limit: number | null;
		readonly trigger: number | null;
		readonly aggregate: number | null;
	};
}

export interface DStreamSettings {
	readonly api: 'dstream';
	readonly batchMs: number;
	/** Cores of a local[n] master (the receiver takes one of them). */
	readonly cores: number;
	readonly conf: StreamingConf;
	/** Line of `StreamingContext(sc, n)` (1-based). */
	readonly batchLine: number | null;
	/** A local[n] master (one executor of n cores) or a cluster (the page's executors). */
	readonly local: boolean;
	/** spark.streaming.dynamicAllocation.*, null when disabled. */
	readonly allocation: Omit<AllocationConfig, 'batchMs'> | null;
}

export type ProgramSettings = StructuredSettings | DStreamSettings;

const fail = (line: number, column: number, message: string, supported?: string) =>
	({
		ok: false,
		error: { line, column, message, ...(supported ? { supported } : {}) }
	}) as const;

const lineOf = (code: string, offset: number): number => code.slice(0, offset).split('\n').length;

/** `env` receives the program's listeners and routes their prints (run.ts calls them). */
export function readStructuredSettings(
	code: string,
	env: ProgramEnv = {}
): Result<StructuredSettings, SourceError> {
	const program = readProgram(code, {}, env);
	const read = program.ok ? analyze(program.value) : program;
	if (!read.ok) return read;
	const q = read.value;
	const source = q.sources[0]?.plan;
	if (source?.op !== 'Source' || source.source.kind !== 'readStream')
		return fail(1, 1, 'the query reads no streaming source');
	const at = source.at;
	const format = source.source.format;
	const rate = format === 'rate' ? rateSettings(source.source.options) : undefined;
	if (typeof rate === 'string') return fail(at.line, at.column, rate);
	if (format !== 'kafka' && format !== 'rate')
		return fail(
			at.line,
			at.column,
			`this page simulates a Kafka topic (or the rate source) under load, not the ${format} source`,
			'Read with spark.readStream.format("kafka") or format("rate").'
		);
	const options = source.source.options;
	const raw = options['maxOffsetsPerTrigger'];
	let maxOffsetsPerTrigger: number | null = null;
	if (raw !== undefined) {
		// KafkaSourceProvider reads the option with toLong; Spark fails the query at start.
		if (!/^\d+$/.test(raw.trim()) || Number(raw) <= 0)
			return fail(
				at.line,
				at.column,
				`java.lang.NumberFormatException: For input string: "${raw}" (maxOffsetsPerTrigger)`,
				'maxOffsetsPerTrigger is a positive whole number of offsets per trigger.'
			);
		maxOffsetsPerTrigger = Number(raw);
	}
	const trigger = q.write.trigger;
	if (trigger.kind !== 'default' && trigger.kind !== 'processingTime') {
		const t = q.write.triggerAt ?? q.write.at;
		return fail(
			t.line,
			t.column,
			`this page runs a query under load for minutes; a ${trigger.kind} trigger is shown on basic-11`,
			'Use .trigger(processingTime="2 seconds") or no trigger.'
		);
	}
	const limitCall = q.spans.find(
		(c) => c.name === 'option' && code.slice(c.from, c.to).includes('maxOffsetsPerTrigger')
	);
	// The aggregation (a deduplication may come before it in the plan).
	const aggregate =
		q.statefulOperators.find((o) => o.kind === 'aggregate') ?? q.statefulOperators[0];
	const dedup = q.statefulOperators.find(
		(o) => o.kind === 'dedup' || o.kind === 'dedupWithinWatermark'
	);
	const shuffle = Number(q.conf['spark.sql.shuffle.partitions'] ?? '200');
	const minPartitions = Number(options['minPartitions']);
	const session = q.spans.find((c) => c.name === 'getOrCreate');
	const json = fromJsonCall(q);
	const ddl = stringLiteral(json?.args[1]);
	// coalesce(n) leaves the plan's rows unchanged (the reader keeps no node for it); its call
	// span carries n.
	const coalesce = q.spans.find((c) => c.name === 'coalesce');
	const coalesceTo = coalesce
		? Number(/\((\d+)\)\s*$/.exec(code.slice(coalesce.from, coalesce.to))?.[1])
		: NaN;
	const udf = programUdf(q);
	const arrowBatch = Number(q.conf['spark.sql.execution.arrow.maxRecordsPerBatch'] ?? '10000');
	return {
		ok: true,
		value: {
			api: 'structured',
			triggerMs: trigger.kind === 'processingTime' ? trigger.intervalMs : 0,
			maxOffsetsPerTrigger,
			topic: options['subscribe'] ?? 'topic',
			shufflePartitions: Number.isInteger(shuffle) && shuffle > 0 ? shuffle : 200,
			stateful: q.statefulOperators.length > 0,
			sink: q.write.format || 'console',
			queryName: q.write.queryName ?? null,
			listeners: env.listeners?.length ?? 0,
			conf: q.conf,
			minPartitions: Number.isInteger(minPartitions) && minPartitions > 0 ? minPartitions : null,
			watermarkDelayMs: q.watermarks[0]?.delayMs ?? null,
			windowMs: windowOf(aggregate?.groupBy ?? []),
			stateStore: /RocksDBStateStoreProvider$/.test(
				q.conf['spark.sql.streaming.stateStore.providerClass'] ?? ''
			)
				? 'rocksdb'
				: 'hdfs',
			outputMode: q.outputMode,
			parseMode: json ? parseModeOf(q) : null,
			jsonSchema: json && ddl !== null ? { ddl, line: json.at?.line ?? 1 } : null,
			outputPartitions:
				Number.isInteger(coalesceTo) && coalesceTo > 0
					? coalesceTo
					: Number.isInteger(shuffle) && shuffle > 0
						? shuffle
						: 200,
			dedup: dedup ? (dedup.kind === 'dedup' ? 'dropDuplicates' : 'withinWatermark') : null,
			...(rate ? { rate } : {}),
			...(udf ? { udf } : {}),
			// A value <= 0 is no limit in Spark: one Arrow batch per task.
			arrowMaxRecordsPerBatch: arrowBatch > 0 ? arrowBatch : Number.MAX_SAFE_INTEGER,
			sessionLine: session?.at.line ?? 1,
			lines: {
				source: at.line,
				limit: limitCall ? limitCall.at.line : null,
				trigger: q.write.triggerAt?.line ?? null,
				aggregate: aggregate ? aggregate.at.line : null
			}
		}
	};
}

/** A tumbling window among the grouping expressions (slide = duration), in ms. */
function windowOf(groupBy: readonly Expr[]): number | null {
	for (const g of groupBy) {
		const e = g.kind === 'alias' ? g.expr : g;
		if (e.kind === 'window' && e.slideUs === e.durationUs) return e.durationUs / 1000;
	}
	return null;
}

/** `out.program` receives the program read (run.ts calls its StreamingListeners). */
export function readDStreamSettings(
	code: string,
	out: { program?: DStreamProgram } = {}
): Result<DStreamSettings, SourceError> {
	const read = readDStreamProgram(code, { startEpochMs: 0 });
	if (!read.ok) return read;
	out.program = read.value;
	const state = read.value.state;
	const batchMs = state.batchMs ?? 1000;
	const input = state.inputs[0];
	if (!input || input.kind !== 'socketTextStream')
		return fail(
			1,
			1,
			'this page simulates one socket receiver under load',
			'Read with ssc.socketTextStream(host, port).'
		);
	const m = /^local\[(\d+)\]$/.exec(state.master ?? '');
	const cores = m?.[1] ? Number(m[1]) : 2;
	const allocation = allocationConfig(state.conf, batchMs, 1);
	if (typeof allocation === 'string')
		// StreamingContext.start() validates the allocation settings (R8.8).
		return fail(lineOf(code, state.startSpan?.from ?? state.batchSpan?.from ?? 0), 1, allocation);
	if (m && cores < 2) {
		// Spark warns and the receiver takes the only core: no batch ever runs (R8.2).
		return fail(
			lineOf(code, state.batchSpan?.from ?? 0),
			1,
			`local[${cores}]: the socket receiver takes the only core, so no batch would ever be processed`,
			'Use setMaster("local[n]") with n ≥ 2.'
		);
	}
	return {
		ok: true,
		value: {
			api: 'dstream',
			batchMs,
			cores,
			conf: readStreamingConf(state.conf, batchMs),
			batchLine: state.batchSpan ? lineOf(code, state.batchSpan.from) : null,
			local: m !== null,
			allocation: allocation
				? {
						scalingIntervalMs: allocation.scalingIntervalMs,
						scalingUpRatio: allocation.scalingUpRatio,
						scalingDownRatio: allocation.scalingDownRatio,
						minExecutors: allocation.minExecutors,
						maxExecutors: allocation.maxExecutors
					}
				: null
		}
	};
}
