/**
 * Session-window aggregation (SessionWindowStateStoreRestoreExec/SaveExec and
 * MergingSessionsIterator; SPARK-SEMANTICS R3.2). Each row starts a session [t, t + gap); rows
 * with a NULL time, a NULL gap or gap <= 0 are filtered out before the operator. Raw rows whose
 * end <= the late-event watermark are dropped (and counted one by one). Per key, state sessions
 * and new rows are sorted by start and merged while start <= current end (touching sessions
 * merge). Append emits and removes a session once end <= the eviction watermark; complete
 * writes every session each batch. For the trace it also reports which sessions this batch's
 * rows grew, which were evicted, and which stopped existing because they merged into another.
 */
import type { AggregateImpl, AggState } from '../expr/index';
import type { Value } from '../expr/ast';
import type { OutputMode } from '../plan';
import type { StateStore } from './state-store';
import { isLate } from './watermark';

export interface Session {
	start: number;
	end: number;
	b: AggState[];
}

/** State per grouping key (without the session column): its open sessions sorted by start. */
export interface SessionGroup {
	readonly k: readonly Value[];
	sessions: Session[];
}

export interface SessionInput {
	readonly key: string;
	readonly k: readonly Value[];
	readonly start: number;
	readonly end: number;
	/** The aggregate inputs of the row, one per aggregate. */
	readonly values: readonly Value[];
}

export interface SessionSpec {
	readonly mode: OutputMode;
	readonly aggs: readonly AggregateImpl[];
	/** Where the session struct goes among the output key columns. */
	readonly sessionIndex: number;
}

/** Merges sessions sorted by start: the next joins the current one iff start <= current end. */
export function mergeSessions(
	sorted: readonly Session[],
	aggs: readonly AggregateImpl[]
): Session[] {
	const out: Session[] = [];
	let cur: Session | undefined;
	for (const s of sorted) {
		if (cur !== undefined && s.start <= cur.end) {
			cur.end = Math.max(cur.end, s.end);
			cur.b = cur.b.map((st, i) => (aggs[i] as AggregateImpl).merge(st, s.b[i] as AggState));
		} else {
			cur = { start: s.start, end: s.end, b: s.b };
			out.push(cur);
		}
	}
	return out;
}

function outputRow(spec: SessionSpec, g: SessionGroup, s: Session): Value[] {
	const row: Value[] = g.k.slice();
	row.splice(spec.sessionIndex, 0, { start: s.start, end: s.end });
	for (let i = 0; i < spec.aggs.length; i++) {
		row.push((spec.aggs[i] as AggregateImpl).result(s.b[i] as AggState));
	}
	return row;
}

export interface SessionBatchResult {
	readonly rows: Value[][];
	readonly numRowsDroppedByWatermark: number;
	readonly total: number;
	/** Sessions holding a row of this batch, as output rows (key, session, aggregates). */
	readonly updatedRows: Value[][];
	/** Sessions the eviction watermark removed (append), as output rows. */
	readonly evictedRows: Value[][];
	/** Sessions of the previous state that merged into a session of this batch: gone as rows. */
	readonly mergedRows: Value[][];
	/** Rows dropped as late: their grouping key, then their own start (the row's event time). */
	readonly droppedRows: Value[][];
}

const contains = (s: Session, start: number): boolean => s.start <= start && start <= s.end;

export function sessionBatch(
	store: StateStore<SessionGroup>,
	spec: SessionSpec,
	inputs: readonly SessionInput[],
	lateWatermarkMs: number | null,
	evictionWatermarkMs: number | null
): SessionBatchResult {
	const append = spec.mode !== 'complete';
	let dropped = 0;
	const droppedRows: Value[][] = [];
	const byKey = new Map<string, { k: readonly Value[]; rows: Session[] }>();
	for (const r of inputs) {
		if (append && lateWatermarkMs !== null && isLate(r.end, lateWatermarkMs)) {
			dropped++;
			droppedRows.push([...r.k, r.start]);
			continue;
		}
		const b = spec.aggs.map((a, i) => a.update(a.zero(), r.values[i] as Value));
		let slot = byKey.get(r.key);
		if (slot === undefined) byKey.set(r.key, (slot = { k: r.k, rows: [] }));
		slot.rows.push({ start: r.start, end: r.end, b });
	}
	const updatedRows: Value[][] = [];
	const mergedRows: Value[][] = [];
	for (const [key, { k, rows }] of byKey) {
		const prev = store.get(key);
		// Snapshot the old sessions' rows first: merging folds their aggregate states in place.
		const before = (prev?.sessions ?? []).map((s) => ({
			s,
			row: outputRow(spec, prev as SessionGroup, s)
		}));
		const all = (prev?.sessions ?? []).map((s) => ({ ...s })).concat(rows);
		all.sort((a, b) => a.start - b.start);
		const group: SessionGroup = { k: prev?.k ?? k, sessions: mergeSessions(all, spec.aggs) };
		store.put(key, group);
		for (const s of group.sessions) {
			if (rows.some((r) => contains(s, r.start))) updatedRows.push(outputRow(spec, group, s));
		}
		for (const { s, row } of before) {
			if (!group.sessions.some((n) => n.start === s.start && n.end === s.end)) mergedRows.push(row);
		}
	}
	const out: Value[][] = [];
	const evictedRows: Value[][] = [];
	for (const [key, g] of store.map) {
		if (append && evictionWatermarkMs !== null) {
			const keep: Session[] = [];
			for (const s of g.sessions) {
				if (isLate(s.end, evictionWatermarkMs)) {
					const row = outputRow(spec, g, s);
					out.push(row);
					evictedRows.push(row);
				} else keep.push(s);
			}
			if (keep.length !== g.sessions.length) {
				if (keep.length === 0) store.remove(key);
				else store.put(key, { k: g.k, sessions: keep });
			}
		} else if (!append) {
			for (const s of g.sessions) out.push(outputRow(spec, g, s));
		}
	}
	let total = 0;
	for (const g of store.map.values()) total += g.sessions.length;
	return {
		rows: out,
		numRowsDroppedByWatermark: dropped,
		total,
		updatedRows,
		evictedRows,
		mergedRows,
		droppedRows
	};
}
