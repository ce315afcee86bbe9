/**
 * The input table and the result table at a cursor (basic-01, basic-02): Structured Streaming's
 * model of a stream as an ever-growing input table and a result table revised every trigger
 * (SPARK-SEMANTICS.md R4.1). Pure: trace + cursor → rows to show, with what the sink received.
 * The result table is the user's query's state as the engine kept it; a query without an
 * aggregation keeps none, and then the table is what the sink received from the last batch.
 */
import { lastCommitted, type OutputMode, type ResultRow, type Trace } from '$sim/kinds/micro-batch';

export interface InputRowView {
	readonly id: number;
	readonly text: string;
	readonly timestampMs: number;
	readonly batchId: number;
}

export interface ResultRowView {
	readonly key: string;
	readonly cells: readonly string[];
	/** This row changed in the last batch. */
	readonly changed: boolean;
	/** The sink received this row in the last batch (complete: all; update: changed only). */
	readonly emitted: boolean;
}

export interface TablesAt {
	readonly batchId: number | null;
	readonly outputMode: OutputMode;
	/** The result table's columns: the aggregation's, or the sink's when it keeps no state. */
	readonly columns: readonly string[];
	/** False: the query keeps no state, `result` lists the sink's rows of the last batch. */
	readonly stateful: boolean;
	/** Rows of the input table read so far (it only grows). */
	readonly inputTotal: number;
	/** The newest rows read, newest last. */
	readonly inputTail: readonly InputRowView[];
	readonly result: readonly ResultRowView[];
	readonly numOutputRows: number;
}

const TAIL = 6;

export function tablesAt(trace: Trace, now: number): TablesAt {
	const { outputMode, stateColumns, outputColumns } = trace.query;
	const stateful = stateColumns.length > 0;
	const columns = stateful ? stateColumns : outputColumns;
	const last = lastCommitted(trace, now);
	const inputTotal = trace.batches
		.filter((b) => b.commitAt <= now)
		.reduce((n, b) => n + b.numInputRows, 0);
	const base = { outputMode, columns, stateful, inputTotal };
	if (!last) return { ...base, batchId: null, inputTail: [], result: [], numOutputRows: 0 };
	const changed = new Set(last.changed);
	const emitted = new Set(last.emitted);
	const view = (r: ResultRow, sent: boolean): ResultRowView => ({
		key: r.key,
		cells: r.cells,
		changed: sent,
		emitted: sent
	});
	return {
		...base,
		batchId: last.batchId,
		inputTail: inputTail(trace, now),
		result: stateful
			? last.state.map((r) => ({ ...view(r, emitted.has(r.key)), changed: changed.has(r.key) }))
			: last.output.map((r) => view(r, true)),
		numOutputRows: last.numOutputRows
	};
}

function inputTail(trace: Trace, now: number): InputRowView[] {
	const out: InputRowView[] = [];
	const src = trace.config.source;
	for (const b of trace.batches.filter((b) => b.commitAt <= now).reverse()) {
		if (out.length >= TAIL) break;
		if (!b.rowIds) continue;
		const [first, lastId] = b.rowIds;
		for (let id = lastId; id >= first && out.length < TAIL; id--) {
			const line = src.kind === 'socket' ? trace.lines[id] : undefined;
			out.push({
				id,
				text: line ? line.text : String(id),
				// Rate value v is stamped start + round(v·1000/rowsPerSecond) (R7.2).
				timestampMs: line
					? line.atMs
					: trace.queryStartMs +
						Math.round((id * 1000) / (src.kind === 'rate' ? src.rowsPerSecond : 1)),
				batchId: b.batchId
			});
		}
	}
	return out.reverse();
}

export const MODE_RULE: Readonly<Record<OutputMode, string>> = {
	complete: 'complete: the sink receives the whole result table every trigger',
	update: 'update: the sink receives only the rows this trigger changed',
	append: 'append: only rows that will never change (needs a watermark with an aggregation)'
};
