/**
 * The query each micro-batch page runs, and what its sink receives (SPARK-SEMANTICS.md R4.1–R4.3;
 * UnsupportedOperationChecker, StateStoreSaveExec). A streaming count keeps one state row per key;
 * complete mode emits the whole result table every batch, update only the keys this batch touched;
 * append with an aggregation and no watermark is rejected when the query starts.
 */
import type { InputRow } from './source';

export type OutputMode = 'append' | 'update' | 'complete';

export type QuerySpec =
	/** basic-11: a projection, no state; every input row is output once. */
	| { readonly kind: 'select'; readonly outputMode: OutputMode }
	/** basic-01: groupBy(value % NUM_KEYS).count() */
	| { readonly kind: 'countByKey'; readonly outputMode: OutputMode; readonly numKeys: number }
	/** basic-02: explode(split(value, " ")) then groupBy("word").count() */
	| { readonly kind: 'wordCount'; readonly outputMode: OutputMode };

export interface CountRow {
	readonly key: string;
	readonly count: number;
}

/** State after a batch, in key order; `changed` are the keys this batch updated. */
export interface AggregateStep {
	readonly state: readonly CountRow[];
	readonly changed: readonly string[];
	readonly output: readonly CountRow[];
}

/** The analyzer's verdict on the query's output mode, with Spark's message (R4.2). */
export function checkOutputMode(query: QuerySpec): string | null {
	const aggregated = query.kind !== 'select';
	if (aggregated && query.outputMode === 'append') {
		return 'Append output mode not supported when there are streaming aggregations on streaming DataFrames/DataSets without watermark';
	}
	if (!aggregated && query.outputMode === 'complete') {
		return 'Complete output mode not supported when there are no streaming aggregations on streaming DataFrames/Datasets';
	}
	return null;
}

/** The grouping keys one input row contributes. */
export function keysOf(query: QuerySpec, row: InputRow): string[] {
	if (query.kind === 'countByKey') return [String(row.value % query.numKeys)];
	if (query.kind === 'wordCount') return row.text.split(' ');
	return [];
}

const byKey = (a: CountRow, b: CountRow): number =>
	a.key.localeCompare(b.key, 'en', { numeric: true });

/** Merges one batch into the running counts and decides what the sink gets. */
export function aggregateBatch(
	query: QuerySpec,
	previous: readonly CountRow[],
	rows: readonly InputRow[]
): AggregateStep {
	const counts = new Map(previous.map((r) => [r.key, r.count]));
	const changed = new Set<string>();
	for (const row of rows) {
		for (const key of keysOf(query, row)) {
			counts.set(key, (counts.get(key) ?? 0) + 1);
			changed.add(key);
		}
	}
	const state = [...counts].map(([key, count]) => ({ key, count })).sort(byKey);
	const output =
		query.outputMode === 'complete' ? state : state.filter((r) => changed.has(r.key));
	const changedKeys = state.filter((r) => changed.has(r.key)).map((r) => r.key);
	return { state, changed: changedKeys, output };
}

/** The same query on a bounded table: `spark.range(0, n)` grouped once, one final answer. */
export function boundedCounts(numKeys: number, n: number): CountRow[] {
	const counts = new Array<number>(numKeys).fill(0);
	for (let v = 0; v < n; v++) counts[v % numKeys] = (counts[v % numKeys] ?? 0) + 1;
	return counts.map((count, k) => ({ key: String(k), count }));
}
