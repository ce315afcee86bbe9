/**
 * Windows as bars on the event-time axis, one row per key: each bar is one state row with its
 * running aggregate. Overlapping (sliding) windows of a key stack in lanes so every bar stays
 * visible. State is shown by fill and by a word, never by colour alone.
 */
import { scaleLinear } from 'd3-scale';
import type { EtFrame, EtRun, WindowState } from '$sim/kinds/event-time';
import { eventTimeDomain } from '../event-time/layout';
import { secondsLabel } from '../format';

export interface WindowBar {
	readonly id: string;
	readonly x: number;
	readonly y: number;
	readonly w: number;
	readonly h: number;
	readonly state: WindowState;
	readonly label: string;
	readonly title: string;
}

export interface WindowsGeometry {
	readonly height: number;
	readonly rows: readonly { readonly key: string; readonly y: number; readonly h: number }[];
	readonly bars: readonly WindowBar[];
	readonly ticks: readonly { readonly v: number; readonly x: number; readonly label: string }[];
	readonly watermarkX: number | null;
	readonly x0: number;
	readonly x1: number;
}

const LANE_H = 22;
const LANE_GAP = 3;
const ROW_GAP = 10;
const LEFT = 64;
const RIGHT = 16;
const TOP = 6;
const AXIS = 26;

/** Greedy lane assignment: a bar goes in the first lane whose last bar ended before it starts. */
export function assignLanes(spans: readonly { start: number; end: number }[]): number[] {
	const laneEnds: number[] = [];
	return spans.map((s) => {
		let lane = laneEnds.findIndex((end) => end <= s.start);
		if (lane < 0) lane = laneEnds.push(s.end) - 1;
		else laneEnds[lane] = s.end;
		return lane;
	});
}

/** What the windows chart reads of a frame: both change only when a batch starts or ends, so
 *  a view deriving them lays the chart out once per batch, not on every frame the cursor plays. */
export type WindowsAt = Pick<EtFrame, 'windows' | 'watermarkMs'>;

export function layoutWindows(run: EtRun, frame: WindowsAt, width: number): WindowsGeometry {
	// The event-time axis covers every row and every window, so no bar starts off the chart.
	const [lo0, hi0] = eventTimeDomain(run);
	const lo = Math.min(lo0, ...run.windows.map((w) => w.startMs));
	const hi = Math.max(hi0, ...run.windows.map((w) => w.endMs));
	const x = scaleLinear()
		.domain([lo, hi])
		.range([LEFT, width - RIGHT])
		.nice();
	const byKey = new Map<string, EtFrame['windows'][number][]>();
	for (const w of frame.windows) {
		const list = byKey.get(w.window.key) ?? [];
		list.push(w);
		byKey.set(w.window.key, list);
	}
	const keys = [...byKey.keys()].sort();
	const rows: WindowsGeometry['rows'][number][] = [];
	const bars: WindowBar[] = [];
	let y = TOP;
	for (const key of keys) {
		const list = (byKey.get(key) ?? []).sort((a, b) => a.window.startMs - b.window.startMs);
		const lanes = assignLanes(list.map((w) => ({ start: w.window.startMs, end: w.window.endMs })));
		const nLanes = Math.max(1, ...lanes.map((l) => l + 1));
		const h = nLanes * (LANE_H + LANE_GAP) - LANE_GAP;
		rows.push({ key, y, h });
		list.forEach((w, i) => {
			const x0 = x(w.window.startMs);
			const x1 = x(w.window.endMs);
			const span = `[${secondsLabel(w.window.startMs)}, ${secondsLabel(w.window.endMs)})`;
			bars.push({
				id: w.window.id,
				x: x0 + 1,
				y: y + (lanes[i] ?? 0) * (LANE_H + LANE_GAP),
				w: Math.max(2, x1 - x0 - 2),
				h: LANE_H,
				state: w.state,
				// A narrow bar shows only its first aggregate (the count); the title has them all.
				label: x1 - x0 > 70 ? (w.latest?.label ?? '') : String(w.latest?.count ?? ''),
				title: `${key} ${span}: ${w.latest?.label ?? 'no rows yet'} (${w.state})`
			});
		});
		y += h + ROW_GAP;
	}
	const [dlo, dhi] = x.domain() as [number, number];
	const wm = frame.watermarkMs;
	return {
		height: y + AXIS,
		rows,
		bars,
		ticks: x
			.ticks(Math.max(2, Math.floor(width / 110)))
			.map((v) => ({ v, x: x(v), label: secondsLabel(v) })),
		watermarkX: run.delayMs !== null && wm > dlo && wm <= dhi ? x(wm) : null,
		x0: LEFT,
		x1: width - RIGHT
	};
}

/** The chart's label: the windows' states after the last batch (the cursor's time is the
 *  narration's, so this label changes only when a batch does). */
export function describeWindows(frame: WindowsAt): string {
	const count = (s: WindowState) => frame.windows.filter((w) => w.state === s).length;
	return `Windows: ${count('open') + count('updated')} open (${count('updated')} updated by the last batch), ${count('emitted')} emitted, ${count('evicted')} evicted; watermark ${secondsLabel(frame.watermarkMs)}.`;
}
