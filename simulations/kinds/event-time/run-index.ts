/**
 * Lookups that keep building a page's run linear in its input. Each replaces a scan that grew
 * with the run: every window of an event's key for every event, every batch's output for every
 * window (append mode), every dropped row of a batch for every event of that batch. An hour of
 * input at a page's largest rate has hundreds of thousands of events and windows, where those
 * scans took minutes.
 */
import type { Value } from '../../structured/expr/ast';

interface Span {
	readonly startMs: number;
	readonly endMs: number;
}

/** Windows (of one key) by start time: the ones holding an instant, in insertion order. */
export class WindowsByStart<W extends Span> {
	#list: { readonly w: W; readonly order: number }[] = [];
	#sorted = true;
	#longest = 0;

	add(w: W): void {
		const last = this.#list.at(-1);
		if (last && last.w.startMs > w.startMs) this.#sorted = false;
		this.#list.push({ w, order: this.#list.length });
		this.#longest = Math.max(this.#longest, w.endMs - w.startMs);
	}

	/** Windows with startMs <= t < endMs that pass `keep`, in the order they were added. */
	holding(t: number, keep: (w: W) => boolean): W[] {
		if (!this.#sorted) {
			this.#list.sort((a, b) => a.w.startMs - b.w.startMs || a.order - b.order);
			this.#sorted = true;
		}
		const list = this.#list;
		// A window holding t starts after t - longest: binary search for the first such start.
		const from = t - this.#longest;
		let lo = 0;
		let hi = list.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if ((list[mid] as { w: W }).w.startMs <= from) lo = mid + 1;
			else hi = mid;
		}
		const found: { w: W; order: number }[] = [];
		for (let i = lo; i < list.length; i++) {
			const x = list[i] as { w: W; order: number };
			if (x.w.startMs > t) break;
			if (t < x.w.endMs && keep(x.w)) found.push(x);
		}
		if (found.length > 1) found.sort((a, b) => a.order - b.order);
		return found.map((x) => x.w);
	}
}

const cellKey = (v: Value): string => `${typeof v}:${String(v)}`;
const isWindowCell = (v: unknown): v is { start: Value; end: Value } =>
	v !== null && typeof v === 'object' && !Array.isArray(v) && 'start' in v && 'end' in v;

/**
 * The rows a batch's late filter dropped, as a set: for aggregations, (window, key cell) pairs
 * of each late group; for other operators, (event time, key cell) pairs of each raw row.
 */
export class DroppedRows {
	readonly #groups = new Set<string>();
	readonly #rows = new Set<string>();

	constructor(rows: readonly (readonly Value[])[]) {
		for (const r of rows) {
			const windows = r.filter(isWindowCell);
			for (const c of r) {
				if (isWindowCell(c)) continue;
				const k = cellKey(c);
				for (const w of windows) this.#groups.add(`${String(w.start)}|${String(w.end)}|${k}`);
				for (const t of r) if (typeof t === 'number') this.#rows.add(`${t}|${k}`);
			}
		}
	}

	get empty(): boolean {
		return this.#groups.size === 0 && this.#rows.size === 0;
	}

	/** A late group with this window and this key cell. */
	hasGroup(start: Value, end: Value, key: Value): boolean {
		return this.#groups.has(`${String(start)}|${String(end)}|${cellKey(key)}`);
	}

	/** A late row with this event time (µs) and this key cell. */
	hasRow(tUs: number, key: Value): boolean {
		return this.#rows.has(`${tUs}|${cellKey(key)}`);
	}
}

/** The first batch whose output holds each window (append mode's emission), by its bounds in
 *  output cells (virtual seconds). */
export function firstEmission(
	batches: readonly { readonly batchId: number; readonly output: readonly (readonly Value[])[] }[]
): (startMs: number, endMs: number) => number | null {
	const first = new Map<string, number>();
	for (const b of batches)
		for (const r of b.output)
			for (const c of r) {
				if (!isWindowCell(c)) continue;
				const k = `${(c.start as number) * 1000}|${(c.end as number) * 1000}`;
				if (!first.has(k)) first.set(k, b.batchId);
			}
	return (startMs, endMs) => first.get(`${startMs}|${endMs}`) ?? null;
}
