/**
 * Rows that overlap on screen, aggregated: at thousands of rows one mark each is an unreadable
 * smear and misses the frame budget (issue 10: 1,500 SVG marks already did). Rows of the same
 * fate and input that fall in the same cell of a few pixels become one mark, its area growing
 * with the count, so a dense region reads as dense and a lone late row stays a lone mark. Pure.
 */
import type { DotKind, EtDot } from './layout';

export interface DenseMark {
	readonly x: number;
	readonly y: number;
	readonly kind: DotKind;
	readonly shape: number;
	readonly count: number;
	/** Radius in px: 2.5 for one row, growing with the square root of the count, at most 5.5 (a line of rows stays a line). */
	readonly r: number;
}

/** Cell size in px: marks closer than this merge. */
export const CELL_PX = 5;

/** Fates in paint order: counted rows first, so the rarer fates are painted over them. */
export const PAINT_ORDER: Record<DotKind, number> = {
	'on-time': 0,
	pending: 1,
	duplicate: 2,
	dropped: 3
};
/** Cells per axis a numeric key holds (a cell index is offset by half of it: marks may sit in
 *  the margins, left of or below the axes). */
const SPAN = 1 << 15;

export function aggregateMarks(dots: readonly EtDot[], cell = CELL_PX): DenseMark[] {
	const cells = new Map<
		number,
		{ sx: number; sy: number; n: number; kind: DotKind; shape: number }
	>();
	for (const d of dots) {
		// A number, not a string: this runs for every row on screen on every frame, and building
		// thousands of strings a frame costs more in garbage than the binning itself.
		const bx = Math.floor(d.x / cell) + SPAN / 2;
		const by = Math.floor(d.y / cell) + SPAN / 2;
		const key = ((d.shape * 4 + PAINT_ORDER[d.kind]) * SPAN + bx) * SPAN + by;
		const c = cells.get(key);
		if (c) {
			c.sx += d.x;
			c.sy += d.y;
			c.n++;
		} else cells.set(key, { sx: d.x, sy: d.y, n: 1, kind: d.kind, shape: d.shape });
	}
	return [...cells.values()]
		.map((c) => ({
			x: c.sx / c.n,
			y: c.sy / c.n,
			kind: c.kind,
			shape: c.shape,
			count: c.n,
			r: Math.min(5.5, 2.5 * Math.sqrt(c.n))
		}))
		.sort((a, b) => PAINT_ORDER[a.kind] - PAINT_ORDER[b.kind]);
}
