/**
 * SIM-1 driven by the page's program: read and analyze it with the Structured Streaming engine,
 * take the source, trigger and output mode from it (program.ts), time the batches
 * with the micro-batch loop (ProcessingTimeExecutor, the cost model, rate offsets in whole
 * seconds) and let the engine run the user's query over exactly the rows each batch read
 * (query.ts). A program the reader cannot read is an error (the last good run stays);
 * a query Spark's analyzer rejects at start() is a run: no batch, the AnalysisException shown.
 * Under `.trigger(continuous=...)` the same program runs on the continuous-processing engine
 * instead (continuous-program.ts, R1.4.6): a run of the other kind, with epochs and no batches.
 */
import { userMessage, type Result } from '../../core/errors';
import { buildTrace, EPOCH_OFFSET_MS, rejectedTrace } from '../../microbatch/run';
import type { QueryInfo, ResultRow } from '../../microbatch/query';
import type { ContinuousTrace } from '../../microbatch/continuous';
import type { SourceSpec, Trace } from '../../microbatch/trace';
import {
	MemoryStreams,
	MicroBatchExecution,
	prepareQuery,
	type QueryError
} from '../../structured/index';
import { analyze } from '../../structured/analyzer/index';
import { readProgram } from '../../structured/reader/index';
import type { Query, Trigger } from '../../structured/plan';
import { sourceName } from '../../structured/runtime/physical';
import { spanOf } from '../event-time/code-spans';
import { spanAt } from '../../structured/plan';
import { continuousTraceOf } from './continuous-program';
import type { EtSpan } from '../event-time/frames';
import { runConfigOf, streamingSources, type SimulatedCluster } from './program';
import { cellText, queryInfo, structuredBatchQuery } from './query';

/** Program lines the code focus points at (1-based, inclusive). */
export interface MicroBatchSpans {
	readonly trigger: EtSpan | null;
	readonly outputMode: EtSpan | null;
	/** The `spark.readStream ... .load()` chain, its options included. */
	readonly source: EtSpan | null;
}

/** The same query answered once over a bounded table: one batch, the batch answer. */
export interface BoundedAnswer {
	readonly table: string;
	readonly columns: readonly string[];
	readonly rows: readonly ResultRow[];
	/** Why there is no answer (the engine's message), else null. */
	readonly error: string | null;
}

interface RunShared {
	readonly spans: MicroBatchSpans;
	readonly bounded: BoundedAnswer | null;
	/** Spark's AnalysisException at start(), located for the editor; the trace has no batch. */
	readonly rejection: QueryError | null;
	/** The trigger as the program writes it, whichever engine ran (the controls read it back). */
	readonly trigger: Trigger;
}

/**
 * A program's run: micro-batches (SIM-1's trace; also a query rejected at start(), which never
 * runs in either mode) or, under `.trigger(continuous=...)`, continuous processing (R1.4.6).
 */
export type MicroBatchRun =
	| (RunShared & { readonly kind: 'microBatch'; readonly trace: Trace })
	| (RunShared & {
			readonly kind: 'continuous';
			readonly trace: ContinuousTrace;
			readonly query: QueryInfo;
			/** The source as the program sets it (the trace holds the values it could simulate). */
			readonly source: SourceSpec;
	  });

export interface MicroBatchRunOptions {
	readonly cluster: SimulatedCluster;
	/** basic-01: answer the query over `spark.range(start, end)` too. */
	readonly bounded?: { readonly start: number; readonly end: number };
}

function spansOf(q: Query): MicroBatchSpans {
	const src = streamingSources(q.plan)[0];
	let source: EtSpan | null = null;
	if (src) {
		// The whole reader chain, `spark.readStream` … `.load(...)`, as the reader recorded it.
		const load = spanAt(q.spans, src.at);
		source = {
			line: load?.start.line ?? src.at.line,
			column: 1,
			endLine: load?.end.line ?? src.at.line
		};
	}
	return {
		trigger: q.write.triggerAt ? spanOf(q.spans, q.write.triggerAt) : null,
		outputMode: q.write.outputModeAt ? spanOf(q.spans, q.write.outputModeAt) : null,
		source
	};
}

/** What a query the analyzer rejected shows: its output mode and name, no columns yet. */
const rejectedInfo = (q: Query): QueryInfo => ({
	outputMode: q.write.outputMode,
	name: q.write.queryName ?? null,
	stateColumns: [],
	outputColumns: [],
	numRows: 20,
	sinkDescription: `${q.write.format}Sink`
});

export function runMicroBatchProgram(
	code: string,
	options: MicroBatchRunOptions
): Result<MicroBatchRun, QueryError> {
	const read = readProgram(code, {});
	if (!read.ok) return read;
	const program = runConfigOf(read.value, code, options.cluster);
	if (!program.ok) return program;
	const { config, continuous } = program.value;
	const shared = {
		spans: spansOf(read.value),
		bounded: options.bounded
			? boundedAnswer(read.value, options.bounded.start, options.bounded.end)
			: null,
		trigger: read.value.write.trigger
	};
	const prepared = prepareQuery(code, {});
	if (!prepared.ok) {
		const e = prepared.error;
		const trace = rejectedTrace(config, rejectedInfo(read.value), e.message);
		return { ok: true, value: { kind: 'microBatch', trace, ...shared, rejection: e } };
	}
	const q = prepared.value;
	if (continuous) {
		const contrast = structuredBatchQuery(q, 'rate', EPOCH_OFFSET_MS);
		const trace = continuousTraceOf(read.value, config.source, options.cluster, contrast);
		if (!trace.ok) return trace;
		const value = {
			kind: 'continuous',
			trace: trace.value,
			query: queryInfo(q),
			source: config.source,
			...shared,
			rejection: null
		} as const;
		return { ok: true, value };
	}
	try {
		const query = structuredBatchQuery(q, config.source.kind, EPOCH_OFFSET_MS);
		return {
			ok: true,
			value: { kind: 'microBatch', trace: buildTrace(config, query), ...shared, rejection: null }
		};
	} catch (e) {
		const at = q.write.at;
		return {
			ok: false,
			error: { line: at.line, column: at.column, message: `query failed: ${userMessage(e)}` }
		};
	}
}

/**
 * The query over a bounded table of values start … end−1 (`spark.range(start, end)` renamed to
 * `value`): one batch with every row, in complete mode for an aggregation (its one answer is the
 * whole result table) and append otherwise. The table has no `timestamp` column; the stream's
 * would be null there. Rows in key order, as the page's `orderBy("key").show()` prints them.
 */
export function boundedAnswer(q: Query, start: number, end: number): BoundedAnswer {
	const table = `spark.range(${start}, ${end})`;
	const attempt = (outputMode: 'complete' | 'append') =>
		analyze({ ...q, write: { ...q.write, outputMode } });
	const complete = attempt('complete');
	const analyzed = complete.ok ? complete : attempt('append');
	if (!analyzed.ok) return { table, columns: [], rows: [], error: analyzed.error.message };
	const a = analyzed.value;
	const src = a.sources[0];
	if (!src) return { table, columns: [], rows: [], error: 'the query reads no stream' };
	try {
		const streams = new MemoryStreams();
		const rows = [];
		for (let v = start; v < end; v++)
			rows.push(src.schema.map((f) => (f.name === 'value' ? v : null)));
		streams.addData(sourceName(src), rows);
		const rec = new MicroBatchExecution(a, streams, { clock: () => 0 }).runTrigger();
		const types = a.schema.map((f) => f.type);
		const out = (rec?.output ?? []).map((r, i) => ({
			key: String(i),
			cells: r.map((v, j) => cellText(v, types[j]))
		}));
		out.sort((x, z) => (x.cells[0] ?? '').localeCompare(z.cells[0] ?? '', 'en', { numeric: true }));
		return {
			table,
			columns: a.schema.map((f) => f.name),
			rows: out.map((r, i) => ({ ...r, key: String(i) })),
			error: null
		};
	} catch (e) {
		return { table, columns: [], rows: [], error: userMessage(e) };
	}
}
