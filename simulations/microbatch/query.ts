/**
 * What the micro-batch loop asks of the query it runs (SPARK-SEMANTICS.md R1.2 step 3: runBatch
 * hands the batch's rows to the query's plan, the sink receives its output). The loop decides
 * *when* a batch runs and *which* rows it reads; a `BatchQuery` decides what comes out: the sink's
 * rows, the state after the batch and which of its keys changed. The pages plug in the user's
 * analyzed program run by the Structured Streaming engine (kinds/micro-batch/query.ts).
 */
import type { ProcTimeMs } from '../core/time';
import type { StateOperatorProgress } from '../model/progress';
import type { InputRow, MicroBatchSource } from './source';

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

/** What one trigger of a started query did: the batch MicroBatchExecution planned and ran. */
export interface TriggerOutcome {
	readonly batchId: number;
	/** A no-data batch (R1.5): run for the watermark, not for new rows. */
	readonly noData: boolean;
	/** The committed end offset it read from; null on a fresh checkpoint. */
	readonly startOffset: number | null;
	readonly endOffset: number;
	/** The source rows it read, (startOffset, endOffset]. */
	readonly rows: readonly InputRow[];
	readonly outcome: BatchOutcome;
}

/** A query bound to its run's source. It keeps its state between triggers (the engine's state
 *  store and offset log), so one instance serves one run, called in trigger order. */
export interface StartedQuery {
	/** A trigger at `at`: the batch the engine planned and ran, or null when none was due (no new
	 *  data and no no-data batch wanted; R1.2, R1.5). */
	runTrigger(at: ProcTimeMs): TriggerOutcome | null;
}

/**
 * A query that runs over one source. The engine, not the loop, decides whether a trigger runs a
 * batch and which offsets it reads: `start` hands it the run's source.
 */
export interface BatchQuery {
	readonly info: QueryInfo;
	/** `availableNow`: the source's latest offset is snapshotted at the first trigger (R1.4.4). */
	start(source: MicroBatchSource, options: { readonly availableNow: boolean }): StartedQuery;
}
