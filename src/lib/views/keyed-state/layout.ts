/**
 * The keyed-state timeline's geometry, a pure function of a run and a cursor: one row per key on
 * the processing-time axis, with the key's records as dots, the time its state is held as a bar
 * (opened by the batch that first wrote it, closed by the batch that removed it), its current
 * timeout deadline as a dashed tick, and each call with hasTimedOut as a cross at its batch; a
 * tick per batch (hollow for a batch run with no data), and the state rows count as a sparkline.
 * A session closes at the first trigger after its deadline: the gap between tick and cross.
 */
import type { KsRun } from '$sim/kinds/keyed-state';

export interface KeyRow {
	readonly key: string;
	readonly y: number;
	readonly dots: readonly number[];
	readonly held: readonly { readonly x1: number; readonly x2: number; readonly open: boolean }[];
	readonly deadlineX: number | null;
	readonly timeouts: readonly number[];
}

export interface TimelineLayout {
	readonly width: number;
	readonly height: number;
	readonly left: number;
	readonly top: number;
	readonly rows: readonly KeyRow[];
	readonly batches: readonly { readonly x: number; readonly noData: boolean }[];
	readonly cursorX: number;
	readonly ticks: readonly { readonly x: number; readonly label: string }[];
	/** Keys not drawn (more rows than fit). */
	readonly hidden: number;
}

const ROW = 18;
const MAX_ROWS = 12;

export function layoutTimeline(run: KsRun, t: number, width = 900): TimelineLayout {
	const left = 60;
	const top = 16;
	const right = 12;
	const span = Math.max(1, run.endMs);
	const x = (ms: number) =>
		left + ((width - left - right) * Math.max(0, Math.min(ms, span))) / span;
	const shown = run.keys.slice(0, MAX_ROWS);
	const batches = run.batches.filter((b) => b.triggerMs <= t);
	const rows = shown.map((key, i) => {
		const held: { x1: number; x2: number; open: boolean }[] = [];
		const timeouts: number[] = [];
		let from: number | null = null;
		for (const b of batches) {
			if (b.calls.some((c) => c.key === key && c.hasTimedOut)) timeouts.push(x(b.triggerMs));
			const inState = b.state.some((r) => r.key === key);
			if (inState && from === null) from = b.triggerMs;
			if (!inState && from !== null) {
				held.push({ x1: x(from), x2: x(b.triggerMs), open: false });
				from = null;
			}
		}
		if (from !== null) held.push({ x1: x(from), x2: x(t), open: true });
		const row = batches.at(-1)?.state.find((r) => r.key === key);
		return {
			key,
			y: top + i * ROW + ROW / 2,
			dots: run.sends.filter((s) => s.key === key && s.atMs <= t).map((s) => x(s.atMs)),
			held,
			deadlineX: row?.deadlineMs != null ? x(row.deadlineMs) : null,
			timeouts
		};
	});
	const step = span > 40_000 ? 10_000 : 5_000;
	const ticks: { x: number; label: string }[] = [];
	for (let ms = 0; ms <= span; ms += step) ticks.push({ x: x(ms), label: `${ms / 1000} s` });
	return {
		width,
		height: top + shown.length * ROW + 22,
		left,
		top,
		rows,
		batches: batches.map((b) => ({ x: x(b.triggerMs), noData: b.noData })),
		cursorX: x(t),
		ticks,
		hidden: run.keys.length - shown.length
	};
}

export interface Sparkline {
	readonly path: string;
	readonly max: number;
	readonly last: number;
}

/** Keys in state after each batch up to the cursor, as a step line over the run's time axis. */
export function stateSparkline(run: KsRun, t: number, width = 220, height = 40): Sparkline {
	const pts = run.batches.filter((b) => b.triggerMs <= t).map((b) => [b.triggerMs, b.state.length]);
	const max = Math.max(1, ...run.batches.map((b) => b.state.length));
	const x = (ms: number) => (width * ms) / Math.max(1, run.endMs);
	const y = (n: number) => height - 2 - ((height - 4) * n) / max;
	let path = '';
	let prev: number | null = null;
	for (const [ms, n] of pts as [number, number][]) {
		path += prev === null ? `M${x(ms)},${y(n)}` : `H${x(ms)}V${y(n)}`;
		prev = n;
	}
	if (prev !== null) path += `H${x(t)}`;
	return { path, max, last: prev ?? 0 };
}
