/**
 * Stream-stream join (StreamingSymmetricHashJoinExec, OneSideHashJoiner; SPARK-SEMANTICS R5.3).
 * Per batch: left input (minus late rows) joins the right state and is stored; then right input
 * joins the left state (now holding this batch's left rows, so new×new pairs appear once) and is
 * stored. A row failing the conditions on its own side alone never joins: outer joins write its
 * null row at once and it skips state. A right row is not stored when the state predicates would
 * evict it in this very batch and it owes no null row. Rows carry a `matched` flag; evicting an unmatched row of the outer
 * side writes (row, nulls). Left semi writes a left row once, when it first matches.
 */
import type { Value } from '../expr/ast';
import type { JoinType } from '../plan';
import { hasNull, keyOf } from './key';
import type { StateStore } from './state-store';
import { isLate } from './watermark';

export type Row = readonly Value[];

export interface JoinEntry {
	readonly r: Row;
	m: boolean;
}

export interface JoinSideSpec {
	readonly keys: (row: Row) => Value[];
	/** The side's watermarked column (µs), for the late filter and the value predicate. */
	readonly eventTimeIndex: number | null;
	/** Conditions that reference this side only (Spark's preJoinFilter). */
	readonly preFilter: ((row: Row) => boolean) | null;
	/** Key watermark predicate: which key column is the watermarked one (value µs or window). */
	readonly keyTimeOrdinal: number | null;
	/** Value watermark predicate: the state watermark (ms) derived from the range condition. */
	readonly stateValueWatermark: ((evictionWatermarkMs: number) => number) | null;
}

export interface JoinSpec {
	readonly joinType: JoinType;
	readonly left: JoinSideSpec;
	readonly right: JoinSideSpec;
	/** Conditions referencing both sides (Spark's postJoinFilter). */
	readonly postFilter: ((left: Row, right: Row) => boolean) | null;
	readonly output: (left: Row | null, right: Row | null) => Value[];
}

/** What one side's buffer did in a batch (for the trace: the views draw the two buffers). */
export interface JoinSideTrace {
	/** Rows stored in this side's state. */
	readonly stored: Row[];
	/** Rows the state predicates removed. */
	readonly evicted: Row[];
	/** Evicted rows of an outer side that never matched: each wrote its row with nulls. */
	readonly nulls: Row[];
	/** The state watermark (ms) this side evicts below, or null without cleanup. */
	readonly boundMs: number | null;
}

export interface JoinTrace {
	readonly left: JoinSideTrace;
	readonly right: JoinSideTrace;
	/** Each joined pair written this batch (left row, right row). */
	readonly pairs: [Row, Row][];
}

export interface JoinStores {
	readonly left: StateStore<JoinEntry[]>;
	readonly right: StateStore<JoinEntry[]>;
}

export const timeOf = (v: Value): number | null =>
	v === null ? null : typeof v === 'number' ? v : ((v as { end?: Value }).end as number | null);

function shouldEvict(side: JoinSideSpec, key: readonly Value[], row: Row, wEvict: number | null) {
	if (wEvict === null) return false;
	if (side.keyTimeOrdinal !== null) {
		const t = timeOf(key[side.keyTimeOrdinal] as Value);
		if (t !== null && isLate(t, wEvict)) return true;
	}
	if (side.stateValueWatermark !== null && side.eventTimeIndex !== null) {
		const t = timeOf(row[side.eventTimeIndex] as Value);
		if (t !== null && isLate(t, side.stateValueWatermark(wEvict))) return true;
	}
	return false;
}

export const hasStateCleanup = (side: JoinSideSpec): boolean =>
	side.keyTimeOrdinal !== null ||
	(side.stateValueWatermark !== null && side.eventTimeIndex !== null);

export function joinBatch(
	stores: JoinStores,
	spec: JoinSpec,
	leftRows: readonly Row[],
	rightRows: readonly Row[],
	lateWatermarkMs: number | null,
	evictionWatermarkMs: number | null
): {
	rows: Value[][];
	numRowsDroppedByWatermark: number;
	total: number;
	droppedRows: Row[];
	trace: JoinTrace;
} {
	const bound = (s: JoinSideSpec): number | null => {
		if (evictionWatermarkMs === null || !hasStateCleanup(s)) return null;
		return s.stateValueWatermark !== null
			? s.stateValueWatermark(evictionWatermarkMs)
			: evictionWatermarkMs;
	};
	const sideTrace = (s: JoinSideSpec): JoinSideTrace => ({
		stored: [],
		evicted: [],
		nulls: [],
		boundMs: bound(s)
	});
	const trace: JoinTrace = { left: sideTrace(spec.left), right: sideTrace(spec.right), pairs: [] };
	const out: Value[][] = [];
	const droppedRows: Row[] = [];
	let dropped = 0;
	const t = spec.joinType;
	const semi = t === 'left_semi';
	const leftOuter = t === 'left_outer' || t === 'full_outer';
	const rightOuter = t === 'right_outer' || t === 'full_outer';
	const post = spec.postFilter;

	const side = (isLeft: boolean, rows: readonly Row[]) => {
		const me = isLeft ? spec.left : spec.right;
		const myStore = isLeft ? stores.left : stores.right;
		const other = isLeft ? stores.right : stores.left;
		const outer = isLeft ? leftOuter : rightOuter;
		for (const row of rows) {
			if (me.eventTimeIndex !== null && lateWatermarkMs !== null) {
				const et = timeOf(row[me.eventTimeIndex] as Value);
				if (et !== null && isLate(et, lateWatermarkMs)) {
					dropped++;
					droppedRows.push(row);
					continue;
				}
			}
			if (me.preFilter !== null && !me.preFilter(row)) {
				if (outer) out.push(isLeft ? spec.output(row, null) : spec.output(null, row));
				continue;
			}
			const keyValues = me.keys(row);
			// InferFiltersFromConstraints adds `key IS NOT NULL` on the sides whose rows must
			// match (both for inner/semi, the other side of an outer join): such rows never
			// reach the join. The outer side keeps them, as they owe a null row.
			if (!outer && hasNull(keyValues)) continue;
			const key = keyOf(keyValues);
			let matched = false;
			const candidates = hasNull(keyValues) ? undefined : other.get(key);
			if (candidates !== undefined) {
				for (const e of candidates) {
					if (semi && !isLeft && e.m) continue;
					const l = isLeft ? row : e.r;
					const r = isLeft ? e.r : row;
					if (post !== null && !post(l, r)) continue;
					matched = true;
					if (semi) {
						if (isLeft) break;
						out.push(spec.output(l, null));
					} else out.push(spec.output(l, r));
					if (!semi || !isLeft) trace.pairs.push([l, r]);
					e.m = true;
				}
			}
			if (semi && isLeft && matched) {
				out.push(spec.output(row, null));
				const first = candidates?.find((e) => post === null || post(row, e.r));
				if (first) trace.pairs.push([row, first.r]);
				continue;
			}
			// Left rows are always stored: right rows of this batch have not been seen yet. A right
			// row is skipped when this batch evicts it anyway, unless it still owes a null row.
			if (!isLeft && shouldEvict(me, keyValues, row, evictionWatermarkMs) && (matched || !outer))
				continue;
			(isLeft ? trace.left : trace.right).stored.push(row);
			const list = myStore.map.get(key);
			if (list === undefined) myStore.map.set(key, [{ r: row, m: matched }]);
			else list.push({ r: row, m: matched });
			myStore.countUpdates(1);
		}
	};
	side(true, leftRows);
	side(false, rightRows);

	const evict = (isLeft: boolean) => {
		const me = isLeft ? spec.left : spec.right;
		const store = isLeft ? stores.left : stores.right;
		const outer = isLeft ? leftOuter : rightOuter;
		if (!hasStateCleanup(me) || evictionWatermarkMs === null) return;
		for (const [key, list] of store.map) {
			const keep: JoinEntry[] = [];
			for (const e of list) {
				if (shouldEvict(me, me.keys(e.r), e.r, evictionWatermarkMs)) {
					const t = isLeft ? trace.left : trace.right;
					t.evicted.push(e.r);
					if (outer && !e.m) {
						out.push(isLeft ? spec.output(e.r, null) : spec.output(null, e.r));
						t.nulls.push(e.r);
					}
				} else keep.push(e);
			}
			if (keep.length === list.length) continue;
			store.countUpdates(0, list.length - keep.length);
			if (keep.length === 0) store.map.delete(key);
			else store.map.set(key, keep);
		}
	};
	evict(true);
	evict(false);
	let total = 0;
	for (const l of stores.left.map.values()) total += l.length;
	for (const l of stores.right.map.values()) total += l.length;
	return { rows: out, numRowsDroppedByWatermark: dropped, total, droppedRows, trace };
}
