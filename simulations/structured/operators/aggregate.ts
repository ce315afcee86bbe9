/**
 * Streaming aggregation (StateStoreRestoreExec + StateStoreSaveExec; SPARK-SEMANTICS R4.3–R4.6).
 * Input arrives partially aggregated per group key (Spark's map-side partial aggregation), so
 * the late check runs once per group: a group whose watermarked key (event time, or window.end)
 * is <= the late-event watermark is dropped and counted once in numRowsDroppedByWatermark.
 * Surviving partials merge into state; the output mode decides what is written; keys whose
 * event time is <= the eviction watermark are removed (and written, in append mode).
 */
import type { AggregateImpl, AggState } from '../expr/index';
import type { Value } from '../expr/ast';
import type { OutputMode } from '../plan';
import { modeRules } from './output-mode';
import type { StateStore } from './state-store';
import { isLate } from './watermark';
import { pushAll } from '../../core/arrays';

/** One group: its key columns and one aggregation buffer per aggregate. */
export interface AggGroup {
	readonly k: readonly Value[];
	readonly b: AggState[];
}

export interface AggregateSpec {
	readonly mode: OutputMode;
	readonly aggs: readonly AggregateImpl[];
	/** The event time (µs) a key is judged by (window.end for windows), or null when the key
	 *  carries no watermarked column (then state is never evicted). */
	readonly keyTime: ((key: readonly Value[]) => number | null) | null;
}

export interface AggregateBatchResult {
	/** Output rows: key columns then aggregate results. */
	readonly rows: Value[][];
	readonly numRowsDroppedByWatermark: number;
	readonly evicted: number;
	/** For the trace: touched groups and evicted groups as result rows, late group keys. */
	readonly updatedRows: Value[][];
	readonly evictedRows: Value[][];
	readonly droppedKeys: (readonly Value[])[];
}

const resultRow = (spec: AggregateSpec, g: AggGroup): Value[] => {
	const row: Value[] = g.k.slice();
	for (let i = 0; i < spec.aggs.length; i++) {
		row.push((spec.aggs[i] as AggregateImpl).result(g.b[i] as AggState));
	}
	return row;
};

/** Runs one batch of the operator over `partials` (key → partial group). */
export function aggregateBatch(
	store: StateStore<AggGroup>,
	spec: AggregateSpec,
	partials: ReadonlyMap<string, AggGroup>,
	lateWatermarkMs: number | null,
	evictionWatermarkMs: number | null
): AggregateBatchResult {
	const rules = modeRules(spec.mode);
	const rows: Value[][] = [];
	let dropped = 0;
	const droppedKeys: (readonly Value[])[] = [];
	const touched: AggGroup[] = [];
	for (const [key, partial] of partials) {
		if (rules.dropsLate && spec.keyTime && lateWatermarkMs !== null) {
			const t = spec.keyTime(partial.k);
			if (t !== null && isLate(t, lateWatermarkMs)) {
				dropped++;
				droppedKeys.push(partial.k);
				continue;
			}
		}
		const prev = store.get(key);
		let merged: AggGroup;
		if (prev === undefined) merged = partial;
		else {
			const b = prev.b.map((s, i) =>
				(spec.aggs[i] as AggregateImpl).merge(s, partial.b[i] as AggState)
			);
			merged = { k: prev.k, b };
		}
		store.put(key, merged);
		touched.push(merged);
	}
	const updatedRows = touched.map((g) => resultRow(spec, g));
	if (rules.emitTouched) pushAll(rows, updatedRows);
	const evictedRows: Value[][] = [];
	let evicted = 0;
	if (rules.evicts && spec.keyTime && evictionWatermarkMs !== null) {
		for (const [key, g] of store.map) {
			const t = spec.keyTime(g.k);
			if (t === null || !isLate(t, evictionWatermarkMs)) continue;
			const r = resultRow(spec, g);
			evictedRows.push(r);
			if (rules.emitOnEviction) rows.push(r);
			store.remove(key);
			evicted++;
		}
	}
	if (rules.emitAll) for (const g of store.map.values()) rows.push(resultRow(spec, g));
	return {
		rows,
		numRowsDroppedByWatermark: dropped,
		evicted,
		updatedRows,
		evictedRows,
		droppedKeys
	};
}
