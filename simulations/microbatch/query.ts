/**
 * What the micro-batch loop asks of the query it runs (SPARK-SEMANTICS.md R1.2 step 3: runBatch
 * hands the batch's rows to the query's plan, the sink receives its output). The loop decides
 * *when* a batch runs and *which* rows it reads; a `BatchQuery` decides what comes out: the sink's
 * rows, the state after the batch and which of its keys changed. The pages plug in the user's
 * analyzed program run by the Structured Streaming engine (kinds/micro-batch/query.ts).
 */
import type { ProcTimeMs } from '../core/time';
import type { StateOperatorProgress } from '../model/progress';
import type { InputRow } from './source';

export type OutputMode = 'append' | 'update' | 'complete';

/** One row of a table as the page prints it: display strings, and a key that identifies it. */
export interface ResultRow {
	/** The grouping key's cells joined (state rows), or a running number (sink rows). */
	readonly key: string;
	readonly cells: readonly string[];
}

/** What the query is, for the views: plain data, part of the serialisable trace. */
export interface QueryInfo {
	readonly outputMode: OutputMode;
	/** `.queryName(...)`, the progress record's `name`. */
	readonly name: string | null;
	/** Columns of the result table kept in state (grouping columns, then aggregates); empty for
	 *  a query without a streaming aggregation. */
	readonly stateColumns: readonly string[];
	/** Columns the sink receives. */
	readonly outputColumns: readonly string[];
	/** How many sink rows a batch keeps for display (the console sink's `numRows`, default 20). */
	readonly numRows: number;
	/** The sink's `description` in the progress record. */
	readonly sinkDescription: string;
}

/** One batch's outcome. */
export interface BatchOutcome {
	/** The aggregation's state after the batch (all groups), in key order. */
	readonly state: readonly ResultRow[];
	/** Keys of `state` this batch updated. */
	readonly changed: readonly string[];
	/** Keys of `state` the sink received this batch (complete: all; update: the changed). */
	readonly emitted: readonly string[];
	/** The first `numRows` rows the sink received. */
	readonly output: readonly ResultRow[];
	readonly numOutputRows: number;
	readonly stateOperators: readonly StateOperatorProgress[];
}

/**
 * A query that runs batch after batch, in order; it keeps its own state between calls (the
 * engine's state store), so one instance serves one run.
 */
export interface BatchQuery {
	readonly info: QueryInfo;
	/** Batch over the rows the source returned for (start, end] (possibly none, batch 0). */
	runBatch(rows: readonly InputRow[], batchTimestampMs: ProcTimeMs): BatchOutcome;
	/** A trigger found no new data: the outcome of a no-data batch if the query wants one (a
	 *  watermark that lets state be emitted or evicted, R1.5), else null. */
	noDataBatch(batchTimestampMs: ProcTimeMs): BatchOutcome | null;
}

/**
 * The identity query `df.writeStream...start()` in append mode: every row read is written once,
 * no state. The loop's timing tests use it; the pages always run the user's program.
 */
export function passThroughQuery(numRows = 20): BatchQuery {
	return {
		info: {
			outputMode: 'append',
			name: null,
			stateColumns: [],
			outputColumns: ['value'],
			numRows,
			sinkDescription: 'org.apache.spark.sql.execution.streaming.ConsoleTable$'
		},
		runBatch: (rows) => ({
			state: [],
			changed: [],
			emitted: [],
			output: rows.slice(0, numRows).map((r) => ({ key: String(r.id), cells: [r.text] })),
			numOutputRows: rows.length,
			stateOperators: []
		}),
		noDataBatch: () => null
	};
}
