/**
 * The Structured Streaming side of a DStream page: the page's `structured` program run on the
 * Structured Streaming engine over the very same socket lines the DStream receiver got. Each
 * line becomes one row of the socket source (`value`, plus `timestamp` with includeTimestamp,
 * SPARK-SEMANTICS R1.4 sources); what the sink received per micro-batch comes from the engine's
 * `rowsEmitted` and `progress` events. A program that starts several queries (basic-03's
 * running totals and windowed counts) runs each of them over those lines. A program the engine
 * cannot run is a located error.
 */
import { userMessage, type Result } from '../../core/errors';
import type { DataType, Value } from '../../structured/expr/ast';
import { prepareQuery, simulate } from '../../structured/index';
import { readProgram } from '../../structured/reader/index';
import type { Arrival, QueryError } from '../../structured/index';
import { sourceName } from '../../structured/runtime/physical';
import { isoText } from '../../core/calendar';

export interface SsLine {
	readonly atMs: number;
	readonly line: string;
}

export interface SsBatch {
	readonly batchId: number;
	readonly startMs: number;
	readonly endMs: number;
	readonly numInputRows: number;
	/** What the sink received, as display strings per column. */
	readonly rows: readonly (readonly string[])[];
}

/** What one streaming query's sink received, per micro-batch. */
export interface SsQueryRun {
	/** Its queryName, else the variable its DataFrame was written from, else `query N`. */
	readonly name: string;
	readonly outputMode: string;
	readonly columns: readonly string[];
	readonly batches: readonly SsBatch[];
}

/** The program's queries, each run on the same lines (Spark runs every started query
 *  concurrently on its own trigger); the first one's fields are repeated at the top. */
export interface SsRun extends SsQueryRun {
	readonly queries: readonly SsQueryRun[];
}

export interface SocketRunOptions {
	readonly lines: readonly SsLine[];
	readonly durationMs: number;
	readonly startEpochMs: number;
}

/** Modelled micro-batch duration: a fixed cost plus a per-row cost (this side is for output, not
 *  load, so it need not match the DStream cost model). */
const batchDurationMs = (rows: number) => 100 + rows * 2;

export function runStructuredOverSocket(
	code: string,
	o: SocketRunOptions
): Result<SsRun, QueryError> {
	const read = readProgram(code, {}, { query: 0 });
	if (!read.ok) return read;
	const queries: SsQueryRun[] = [];
	for (let i = 0; i < (read.value.queryCount ?? 1); i++) {
		const run = runOneQuery(code, i, o);
		if (!run.ok) return run;
		queries.push(run.value);
	}
	const first = queries[0] as SsQueryRun;
	return { ok: true, value: { ...first, queries } };
}

function runOneQuery(
	code: string,
	index: number,
	o: SocketRunOptions
): Result<SsQueryRun, QueryError> {
	const prepared = prepareQuery(code, {}, {}, { query: index });
	if (!prepared.ok) return prepared;
	const q = prepared.value;
	const arrivals: Arrival[] = [];
	for (const node of q.sources) {
		const p = node.plan;
		if (p.op !== 'Source') continue;
		if (p.source.kind !== 'readStream' || p.source.format !== 'socket') {
			return {
				ok: false,
				error: {
					line: p.at.line,
					column: p.at.column,
					message:
						'this page feeds a socket (the lines typed into localhost:9999); the program reads another source',
					supported:
						'Read with spark.readStream.format("socket").option("host", "localhost").option("port", 9999).load().'
				}
			};
		}
		const stamped = p.source.options['includeTimestamp'] === 'true';
		for (const l of o.lines) {
			const tsUs = (o.startEpochMs + l.atMs) * 1000;
			arrivals.push({
				atMs: l.atMs,
				source: sourceName(node),
				rows: [stamped ? [l.line, tsUs] : [l.line]]
			});
		}
	}
	let trace;
	try {
		trace = simulate(q, arrivals, {
			untilMs: o.durationMs,
			batchDurationMs,
			epochOffsetMs: o.startEpochMs
		});
	} catch (e) {
		return {
			ok: false,
			error: { line: q.write.at.line, column: q.write.at.column, message: userMessage(e) }
		};
	}
	const show = q.schema.map((f) => (v: Value) => display(v, f.type));
	const batches: { -readonly [K in keyof SsBatch]: SsBatch[K] }[] = [];
	for (const { atMs, event } of trace.events) {
		if (event.type === 'batchPlanned') {
			batches.push({
				batchId: event.batchId,
				startMs: atMs,
				endMs: atMs,
				numInputRows: 0,
				rows: []
			});
		}
		const current = batches.at(-1);
		if (!current) continue;
		if (event.type === 'rowsEmitted') {
			current.rows = [
				...current.rows,
				...event.rows.map((r) => r.map((v, i) => show[i]?.(v as Value) ?? String(v)))
			];
		} else if (event.type === 'progress') {
			current.numInputRows = event.progress.numInputRows;
			current.endMs = current.startMs + (event.progress.durationMs['triggerExecution'] ?? 0);
		}
	}
	const name = q.write.queryName ?? `query ${index + 1}`;
	return {
		ok: true,
		value: { name, outputMode: q.outputMode, columns: q.schema.map((f) => f.name), batches }
	};
}

const clock = (us: number) => isoText(us / 1000).slice(-13, -5);

function display(v: Value, t: DataType): string {
	if (v === null) return 'null';
	if (t.kind === 'timestamp' && typeof v === 'number') return clock(v);
	if (t.kind === 'struct' && typeof v === 'object' && !Array.isArray(v)) {
		const r = v as Readonly<Record<string, Value>>;
		if (typeof r['start'] === 'number' && typeof r['end'] === 'number') {
			return `[${clock(r['start'])}, ${clock(r['end'])})`;
		}
	}
	return typeof v === 'object' ? JSON.stringify(v) : String(v);
}
