/**
 * StreamingQueryProgress of a batch of the cluster model, in full, and the text PySpark 4.1
 * prints for `print(query.lastProgress)`.
 *
 * Shape and order: sql/api/.../streaming/progress.scala `jsonValue` — id, runId, name,
 * timestamp, batchId, batchDuration, numInputRows, inputRowsPerSecond, processedRowsPerSecond,
 * durationMs (keys sorted: safeMapToJValue sorts), eventTime (sorted, omitted when empty),
 * stateOperators (operatorName, numRowsTotal, numRowsUpdated, allUpdatesTimeMs, numRowsRemoved,
 * allRemovalsTimeMs, commitTimeMs, memoryUsedBytes, numRowsDroppedByWatermark,
 * numShufflePartitions, numStateStoreInstances, customMetrics), sources (description,
 * startOffset, endOffset, latestOffset, numInputRows, the two rates, metrics), sink
 * (description, numOutputRows, metrics), observedMetrics (omitted when empty).
 * The query-level numInputRows and rates are sums over sources of the unrounded values; every
 * rate is printed as a decimal of scale 1, half-up (safeDecimalToJValue).
 *
 * Rates (ProgressReporter.finishTrigger, R1.6.3): inputRowsPerSecond = rows / seconds since the
 * previous trigger attempt started (none → 0.0); processedRowsPerSecond = rows /
 * (max(1, trigger duration ms) / 1000).
 *
 * The model's shared shape (../model/progress.ts) keeps offsets as numbers and leaves out the
 * state timing fields, Kafka's JSON offsets and source metrics, so the full shape lives here;
 * rounding is the shared `roundRate`.
 *
 * Printing: since Spark 4.0 `lastProgress` is a StreamingQueryProgress (a dict) whose __str__
 * is `prettyJson`, and since SPARK-53972 (4.1) classic PySpark builds it with `fromJson` from
 * the JVM's compact JSON, so prettyJson is `json.dumps(the dict, indent=4)`: four spaces,
 * `"key": value`, ASCII escapes, floats with a decimal point.
 */
import {
	roundRate,
	type StateOperatorProgress,
	type StreamingQueryProgress
} from '../model/progress';
import { seededUuid } from '../microbatch/progress';
import { createRng } from '../core/rng';
import { kafkaOffsetJson } from '../sources/kafka/offsets';
import type { ClusterBatch, ClusterRun } from './run';

export type Json =
	null | boolean | number | string | readonly Json[] | { readonly [k: string]: Json };

/** The model's state operator fields plus the timing and size ones progress.scala prints. */
export interface FullStateOperatorProgress extends StateOperatorProgress {
	readonly allUpdatesTimeMs: number;
	readonly allRemovalsTimeMs: number;
	readonly commitTimeMs: number;
	readonly memoryUsedBytes: number;
	readonly numShufflePartitions: number;
	readonly numStateStoreInstances: number;
}

export interface FullSourceProgress {
	readonly description: string;
	readonly startOffset: Json;
	readonly endOffset: Json;
	readonly latestOffset: Json;
	readonly numInputRows: number;
	readonly inputRowsPerSecond: number;
	readonly processedRowsPerSecond: number;
	readonly metrics?: Readonly<Record<string, string>>;
}

/** The model's query-level fields, with Kafka-shaped sources and metrics. */
export interface FullStreamingQueryProgress extends Omit<
	StreamingQueryProgress,
	'stateOperators' | 'sources' | 'sink'
> {
	readonly stateOperators: readonly FullStateOperatorProgress[];
	readonly sources: readonly FullSourceProgress[];
	readonly sink: {
		readonly description: string;
		readonly numOutputRows: number;
		readonly metrics?: Readonly<Record<string, string>>;
	};
}

const sortedKeys = <T>(m: Readonly<Record<string, T>>): Record<string, T> => {
	const out: Record<string, T> = {};
	for (const k of Object.keys(m).sort()) out[k] = m[k] as T;
	return out;
};

/** Java's Double.toString for the non-negative values Kafka's avgOffsetsBehindLatest holds. */
export function javaDoubleString(x: number): string {
	if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : x < 0 ? '-Infinity' : 'NaN';
	const a = Math.abs(x);
	if (a === 0) return '0.0';
	if (a >= 1e-3 && a < 1e7) return Number.isInteger(x) ? `${x}.0` : String(x);
	// Scientific: shortest digits, mantissa with at least one decimal, 'E' and a plain exponent.
	const [m, e] = x.toExponential().split('e') as [string, string];
	const mantissa = m.includes('.') ? m : `${m}.0`;
	return `${mantissa}E${Number(e)}`;
}

/**
 * Kafka source offsets JSON, {"topic": {"0": n, "1": m}}: the source's own writer
 * (../sources/kafka/offsets.ts `kafkaOffsetJson`), parsed back so the printer can indent it.
 */
export function kafkaOffsets(topic: string, offsets: readonly number[]): Json {
	return JSON.parse(kafkaOffsetJson(new Map(offsets.map((o, p) => [`${topic}-${p}`, o])))) as Json;
}

export interface ProgressContext {
	readonly id: string;
	readonly runId: string;
	readonly name: string | null;
	/** Epoch ms of the run's virtual time 0 (timestamps are printed from it). */
	readonly epochMs: number;
	readonly sink: {
		readonly description: string;
		readonly numOutputRows: (b: ClusterBatch) => number;
	};
	/** Bytes per state row for memoryUsedBytes (illustrative). */
	readonly stateRowBytes: number;
}

/** Ids drawn from the seed (Spark's are random UUIDs; ours must be reproducible). */
export function progressContext(
	seed: number,
	over: Partial<ProgressContext> = {}
): ProgressContext {
	const rng = createRng(seed ^ 0x5eed);
	return {
		id: seededUuid(rng.next),
		runId: seededUuid(rng.next),
		name: null,
		epochMs: 0,
		sink: { description: 'ForeachBatchSink', numOutputRows: () => -1 },
		stateRowBytes: 64,
		...over
	};
}

const iso = (ms: number): string => new Date(ms).toISOString();

export function clusterProgress(
	run: ClusterRun,
	batch: ClusterBatch,
	ctx: ProgressContext
): FullStreamingQueryProgress {
	const spec = run.spec;
	const rows = batch.numInputRows;
	const duration = batch.phases.triggerExecution;
	const sinceMs = batch.previousAttemptMs === null ? null : batch.startMs - batch.previousAttemptMs;
	// Unrounded, as the per-source doubles are; the JSON rounds each printed value.
	const inputRate = sinceMs === null || sinceMs <= 0 ? 0 : rows / (sinceMs / 1000);
	const processedRate = rows / (Math.max(1, duration) / 1000);
	const behind = batch.latestOffsets.map((l, p) => l - (batch.endOffsets[p] ?? 0));
	const avgBehind = behind.length === 0 ? 0 : behind.reduce((a, b) => a + b, 0) / behind.length;
	const offsets = (o: readonly number[]): Json =>
		spec.source.offsetJson ? spec.source.offsetJson(o) : kafkaOffsets(spec.source.topic, o);
	const source: FullSourceProgress = {
		description: spec.source.description ?? `KafkaV2[Subscribe[${spec.source.topic}]]`,
		startOffset: batch.batchId === 0 ? null : offsets(batch.startOffsets),
		endOffset: offsets(batch.endOffsets),
		latestOffset: offsets(batch.latestOffsets),
		numInputRows: rows,
		inputRowsPerSecond: roundRate(inputRate),
		processedRowsPerSecond: roundRate(processedRate),
		// The Kafka source's metrics (the rate source reports none).
		metrics: spec.source.offsetJson
			? {}
			: {
					avgOffsetsBehindLatest: javaDoubleString(avgBehind),
					maxOffsetsBehindLatest: String(behind.length === 0 ? 0 : Math.max(...behind)),
					minOffsetsBehindLatest: String(behind.length === 0 ? 0 : Math.min(...behind))
				}
	};
	const stateOperators: FullStateOperatorProgress[] = [];
	if (spec.stateful && batch.state) {
		const st = spec.stateful;
		const statefulStage = batch.stages.find((s) => s.name === 'stateful');
		// allUpdatesTimeMs: the rows' share of the stateful tasks; commitTimeMs: half of each
		// task's fixed overhead (state store load + commit), summed over partitions. Illustrative.
		const updates = Math.round((statefulStage?.rows ?? 0) * st.cost.perRowMs);
		const commit = Math.round(st.shufflePartitions * st.cost.taskOverheadMs * 0.5);
		stateOperators.push({
			operatorName: 'stateStoreSave',
			numRowsTotal: batch.state.numRowsTotal,
			numRowsUpdated: batch.state.numRowsUpdated,
			allUpdatesTimeMs: updates,
			numRowsRemoved: batch.state.numRowsRemoved ?? 0,
			allRemovalsTimeMs: 0,
			commitTimeMs: commit,
			memoryUsedBytes: batch.state.numRowsTotal * ctx.stateRowBytes,
			numRowsDroppedByWatermark: 0,
			numShufflePartitions: st.shufflePartitions,
			numStateStoreInstances: st.shufflePartitions
		});
	}
	const eventTime =
		batch.watermarkMs === null
			? undefined
			: sortedKeys({
					...(batch.eventTimeMs
						? {
								avg: iso(ctx.epochMs + batch.eventTimeMs.avg),
								max: iso(ctx.epochMs + batch.eventTimeMs.max),
								min: iso(ctx.epochMs + batch.eventTimeMs.min)
							}
						: {}),
					watermark: iso(ctx.epochMs + batch.watermarkMs)
				});
	return {
		id: ctx.id,
		runId: ctx.runId,
		name: ctx.name,
		timestamp: iso(ctx.epochMs + batch.startMs),
		batchId: batch.batchId,
		batchDuration: duration,
		numInputRows: rows,
		inputRowsPerSecond: roundRate(inputRate),
		processedRowsPerSecond: roundRate(processedRate),
		durationMs: sortedKeys(batch.phases),
		...(eventTime ? { eventTime } : {}),
		stateOperators,
		sources: [source],
		sink: { description: ctx.sink.description, numOutputRows: ctx.sink.numOutputRows(batch) }
	};
}

/** Keys whose values Spark writes as decimals (JDecimal), so Python reads floats. */
const DECIMAL_KEYS = new Set(['inputRowsPerSecond', 'processedRowsPerSecond']);

function pyString(s: string): string {
	let out = '"';
	for (const ch of s) {
		const code = ch.codePointAt(0) ?? 0;
		if (ch === '"') out += '\\"';
		else if (ch === '\\') out += '\\\\';
		else if (ch === '\n') out += '\\n';
		else if (ch === '\r') out += '\\r';
		else if (ch === '\t') out += '\\t';
		else if (ch === '\b') out += '\\b';
		else if (ch === '\f') out += '\\f';
		else if (code < 0x20 || code > 0x7e) {
			// ensure_ascii: \uXXXX, astral characters as a surrogate pair.
			for (let i = 0; i < ch.length; i++)
				out += `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`;
		} else out += ch;
	}
	return `${out}"`;
}

const pyFloat = (x: number): string => (Number.isInteger(x) ? `${x}.0` : String(x));

function pyDump(v: unknown, indent: string, decimal: boolean): string {
	if (v === null || v === undefined) return 'null';
	if (typeof v === 'boolean') return v ? 'true' : 'false';
	if (typeof v === 'number') return decimal ? pyFloat(v) : String(v);
	if (typeof v === 'string') return pyString(v);
	const inner = `${indent}    `;
	if (Array.isArray(v)) {
		if (v.length === 0) return '[]';
		return `[\n${v.map((x) => inner + pyDump(x, inner, false)).join(',\n')}\n${indent}]`;
	}
	const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
	if (entries.length === 0) return '{}';
	return `{\n${entries
		.map(([k, x]) => `${inner}${pyString(k)}: ${pyDump(x, inner, DECIMAL_KEYS.has(k))}`)
		.join(',\n')}\n${indent}}`;
}

/** What `print(query.lastProgress)` shows in PySpark 4.1 (json.dumps(…, indent=4)). */
export function printProgress(p: FullStreamingQueryProgress): string {
	return pyDump(p, '', false);
}

/** query.status at a virtual time (R1.6.10), as the dict PySpark returns. */
export function statusAt(
	run: ClusterRun,
	t: number
): { message: string; isDataAvailable: boolean; isTriggerActive: boolean } {
	const b = run.batches.find((x) => x.startMs <= t && t < x.endMs);
	if (b) return { message: 'Processing new data', isDataAvailable: true, isTriggerActive: true };
	if (run.batches.length === 0 || t < (run.batches[0]?.startMs ?? 0)) {
		return {
			message: 'Initializing StreamExecution',
			isDataAvailable: false,
			isTriggerActive: false
		};
	}
	// Between triggers isDataAvailable keeps what the last trigger found (constructNextBatch sets
	// it); idle polls between recorded batches are not kept, so this reads the last batch.
	const last = [...run.batches].reverse().find((x) => x.endMs <= t);
	return {
		message: 'Waiting for next trigger',
		isDataAvailable: last ? last.numInputRows > 0 : false,
		isTriggerActive: false
	};
}
