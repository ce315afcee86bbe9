/**
 * What the keyed-state views draw of a run, and the run cut at a cursor (`frameAt`): per batch,
 * the state store as a table of keys (their state, timeout deadline, whether this batch touched
 * them), each call of the user's function (input rows, state before and after, hasTimedOut, the
 * timeout it set, the rows it emitted), and the state rows count over time. All values arrive
 * formatted by the run: the UI never recomputes state.
 */

/** One call of the user's function for one key in one batch (applyInPandasWithState). */
export interface KsCall {
	readonly key: string;
	readonly inputRows: number;
	/** The input rows as text (the first few). */
	readonly input: readonly string[];
	readonly hasTimedOut: boolean;
	readonly before: string | null;
	readonly after: string | null;
	/** The timeout deadline the call left, on the page's time axis (ms), or null for none. */
	readonly deadlineMs: number | null;
	readonly emitted: readonly string[];
}

/** One key's row in the state store after a batch. */
export interface KsStateRow {
	readonly key: string;
	readonly cells: readonly string[];
	readonly deadlineMs: number | null;
	/** Written by this batch (a built-in aggregation's updated group, or a called key). */
	readonly touched: boolean;
}

export interface KsBatch {
	readonly batchId: number;
	readonly triggerMs: number;
	/** Ran with no new rows: only to check timeouts or a moved watermark. */
	readonly noData: boolean;
	readonly numInputRows: number;
	/** The watermark this batch ran with (page time axis), or null without one. */
	readonly watermarkMs: number | null;
	readonly calls: readonly KsCall[];
	/** The store after the batch: version batchId + 1. */
	readonly state: readonly KsStateRow[];
	/** Keys removed from state by this batch. */
	readonly removed: readonly string[];
	/** The rows the batch wrote to the sink. */
	readonly emitted: readonly (readonly string[])[];
}

export type KsOperator = 'aggregation' | 'applyInPandasWithState';

export interface KsRun {
	readonly operator: KsOperator;
	/** The state function's name (arbitrary state), else null. */
	readonly functionName: string | null;
	readonly timeout: 'NoTimeout' | 'ProcessingTimeTimeout' | 'EventTimeTimeout' | null;
	/** The query's output mode. */
	readonly outputMode: string;
	readonly keyColumns: readonly string[];
	readonly stateColumns: readonly string[];
	readonly outputColumns: readonly string[];
	/** Every record sent, in time order: when and for which key. */
	readonly sends: readonly { readonly atMs: number; readonly key: string }[];
	/** The keys in order of first record. */
	readonly keys: readonly string[];
	readonly batches: readonly KsBatch[];
	readonly triggerIntervalMs: number;
	/** The query failed (its first batch error, Spark's words) at this time. */
	readonly failure: { readonly atMs: number; readonly message: string } | null;
	readonly endMs: number;
	/** Program lines: the state function, the stateful call, the writeStream chain. */
	readonly spans: {
		readonly fn: { line: number; endLine: number } | null;
		readonly stateful: { line: number; endLine: number } | null;
		readonly sink: { line: number; endLine: number } | null;
	};
}

export interface KsFrame {
	readonly t: number;
	/** Batches run by the cursor, oldest first. */
	readonly batches: readonly KsBatch[];
	readonly current: KsBatch | null;
	/** Records sent by the cursor. */
	readonly sent: number;
	readonly failed: string | null;
}

export function frameAt(run: KsRun, t: number): KsFrame {
	const batches = run.batches.filter((b) => b.triggerMs <= t);
	let sent = 0;
	while (sent < run.sends.length && (run.sends[sent]?.atMs ?? Infinity) <= t) sent++;
	return {
		t,
		batches,
		current: batches.at(-1) ?? null,
		sent,
		failed: run.failure !== null && run.failure.atMs <= t ? run.failure.message : null
	};
}

/** Keys in state after each batch: the series the sparkline draws. */
export const stateRowsSeries = (run: KsRun): { atMs: number; rows: number }[] =>
	run.batches.map((b) => ({ atMs: b.triggerMs, rows: b.state.length }));
