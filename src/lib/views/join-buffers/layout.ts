/**
 * A stream-stream join as what it is: two buffers. Each side's lane holds the rows in its state
 * at the cursor, placed by event time; rows the last batch stored are ringed, rows it evicted
 * are hollow; each side's eviction bound (the state watermark the engine derived from the
 * watermark and the time range) is a line with everything left of it shaded; joined pairs link
 * their two rows; an outer side's row evicted unmatched writes a NULL row, drawn in the output
 * lane when the batch that wrote it ends. Pure: run + frame + width → geometry, all from
 * `run.join` (the engine's trace), nothing recomputed.
 */
import { scaleLinear } from 'd3-scale';
import type { EtFrame, EtJoinRow, EtRun } from '$sim/kinds/event-time';
import { secondsLabel } from '../format';

export type BufferState = 'entering' | 'buffered' | 'leaving';

export interface JoinMark {
	readonly id: string;
	readonly side: 'left' | 'right';
	readonly x: number;
	readonly y: number;
	readonly state: BufferState;
	readonly title: string;
}

export interface JoinLane {
	readonly side: 'left' | 'right';
	readonly stream: string;
	readonly y0: number;
	readonly y1: number;
	/** Rows in the buffer after the last finished batch. */
	readonly count: number;
	/** Where this side evicts below (null: no bound, the buffer grows forever). */
	readonly boundX: number | null;
	readonly boundLabel: string;
}

export interface JoinGeometry {
	readonly width: number;
	readonly height: number;
	readonly x0: number;
	readonly x1: number;
	readonly lanes: readonly JoinLane[];
	readonly marks: readonly JoinMark[];
	readonly pairs: readonly {
		readonly key: string;
		readonly x1: number;
		readonly y1: number;
		readonly x2: number;
		readonly y2: number;
		readonly fresh: boolean;
	}[];
	readonly nulls: readonly {
		readonly id: string;
		readonly x: number;
		readonly y: number;
		readonly fresh: boolean;
		readonly title: string;
	}[];
	readonly outputY: number;
	readonly ticks: readonly { readonly v: number; readonly x: number; readonly label: string }[];
	readonly batchId: number | null;
}

const LEFT = 150;
const RIGHT = 16;
const LANE = 46;
const GAP = 10;
const OUT = 30;
const AXIS = 22;

/** A small vertical spread by key, so rows of different ads at one time do not cover each other. */
function spread(key: string): number {
	let h = 0;
	for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) >>> 0;
	return ((h % 5) - 2) * 7;
}

export function layoutJoinBuffers(run: EtRun, frame: EtFrame, width: number): JoinGeometry | null {
	const join = run.join;
	if (!join) return null;
	const events = new Map(run.events.map((e) => [e.id, e]));
	let lo = Infinity;
	let hi = -Infinity;
	for (const r of join.rows) {
		const e = events.get(r.id);
		if (!e) continue;
		lo = Math.min(lo, e.eventTimeMs);
		hi = Math.max(hi, e.eventTimeMs);
	}
	if (!Number.isFinite(lo)) [lo, hi] = [0, Math.max(1000, run.endMs)];
	const x = scaleLinear()
		.domain([Math.min(0, lo), hi])
		.range([LEFT, width - RIGHT])
		.nice();
	const lastId = frame.done.at(-1)?.batchId ?? -1;
	const bound = join.bounds.find((b) => b.batchId === lastId) ?? null;
	const laneY = (side: 'left' | 'right') => (side === 'left' ? 0 : LANE + GAP);
	const inBuffer = (r: EtJoinRow) =>
		r.storedBatch !== null &&
		r.storedBatch <= lastId &&
		(r.evictedBatch === null || r.evictedBatch >= lastId);
	const marks: JoinMark[] = [];
	const pos = new Map<string, { x: number; y: number }>();
	for (const r of join.rows) {
		const e = events.get(r.id);
		if (!e) continue;
		const y = laneY(r.side) + LANE / 2 + spread(e.key);
		pos.set(r.id, { x: x(e.eventTimeMs), y });
		if (!inBuffer(r)) continue;
		const state: BufferState =
			r.evictedBatch === lastId ? 'leaving' : r.storedBatch === lastId ? 'entering' : 'buffered';
		marks.push({
			id: r.id,
			side: r.side,
			x: x(e.eventTimeMs),
			y,
			state,
			title: `${e.stream} ${e.key} at ${secondsLabel(e.eventTimeMs)}: ${
				state === 'entering'
					? `stored by batch ${lastId}`
					: state === 'leaving'
						? `evicted by batch ${lastId} (its time is below the bound)`
						: `in the buffer since batch ${r.storedBatch}`
			}`
		});
	}
	const count = (side: 'left' | 'right') =>
		join.rows.filter((r) => r.side === side && inBuffer(r) && r.evictedBatch !== lastId).length;
	const lanes: JoinLane[] = (['left', 'right'] as const).map((side) => {
		const b = bound?.[side] ?? null;
		const [d0, d1] = x.domain() as [number, number];
		return {
			side,
			stream: side === 'left' ? join.left : join.right,
			y0: laneY(side),
			y1: laneY(side) + LANE,
			count: count(side),
			boundX: b === null ? null : x(Math.max(d0, Math.min(d1, b))),
			boundLabel:
				b === null
					? lastId < 0
						? 'no batch yet'
						: 'no bound yet: nothing is evicted'
					: `evicts below ${secondsLabel(b)}`
		};
	});
	const outputY = 2 * LANE + GAP + OUT / 2 + 4;
	// A pair is drawn while both its rows are still buffered (or were evicted by this batch).
	const shown = new Set(marks.map((m) => m.id));
	const pairs = join.pairs
		.filter((p) => p.batchId <= lastId && shown.has(p.left) && shown.has(p.right))
		.flatMap((p) => {
			const a = pos.get(p.left);
			const b = pos.get(p.right);
			return a && b
				? [
						{
							key: `${p.left}|${p.right}`,
							x1: a.x,
							y1: a.y,
							x2: b.x,
							y2: b.y,
							fresh: p.batchId === lastId
						}
					]
				: [];
		});
	const nulls = join.rows
		.filter((r) => r.nullBatch !== null && r.nullBatch <= lastId)
		.flatMap((r) => {
			const e = events.get(r.id);
			return e
				? [
						{
							id: r.id,
							x: x(e.eventTimeMs),
							y: outputY,
							fresh: r.nullBatch === lastId,
							title: `${e.stream} ${e.key} at ${secondsLabel(e.eventTimeMs)} never matched: batch ${r.nullBatch} evicted it and wrote its row with NULLs`
						}
					]
				: [];
		});
	const height = 2 * LANE + GAP + OUT + AXIS;
	return {
		width,
		height,
		x0: LEFT,
		x1: width - RIGHT,
		lanes,
		marks,
		pairs,
		nulls,
		outputY,
		ticks: x
			.ticks(Math.max(2, Math.floor(width / 110)))
			.map((v) => ({ v, x: x(v), label: secondsLabel(v) })),
		batchId: lastId < 0 ? null : lastId
	};
}

export function describeJoinBuffers(g: JoinGeometry): string {
	const [l, r] = g.lanes;
	const fresh = g.nulls.filter((n) => n.fresh).length;
	return `Join buffers${g.batchId === null ? ' before the first batch' : ` after batch ${g.batchId}`}: ${l?.stream} ${l?.count} rows (${l?.boundLabel}), ${r?.stream} ${r?.count} rows (${r?.boundLabel}); ${g.pairs.length} joined pairs, ${g.nulls.length} NULL rows written${fresh > 0 ? `, ${fresh} by this batch` : ''}.`;
}
