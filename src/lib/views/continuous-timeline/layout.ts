/**
 * Geometry of the continuous-processing timeline at a cursor (pure: trace + cursor + size → marks).
 * Top to bottom: the driver's epochs (boundaries, and "epoch N committed" when the coordinator
 * commits), one lane per long-running task with a tick per row at the time it was processed, and
 * a latency strip on a log scale with the micro-batch mean for contrast. d3 does the maths only.
 */
import { scaleLinear, scaleLog } from 'd3-scale';
import type { ContinuousRow, ContinuousTrace } from '$sim/kinds/micro-batch';
import { secondsLabel } from '../format';
import { latencyLabel } from './format';

export interface Size {
	readonly width: number;
}

/** At most this many row ticks in the window; beyond it one tick stands for several rows. */
export const MAX_MARKS = 1500;
const M = { left: 96, right: 14, top: 30 };
const EPOCH_H = 18;
const LAT_H = 96;
const GAP = 12;
/** A commit label needs this much room before the next one, or it is shortened. */
const FULL_LABEL_PX = 118;
const SHORT_LABEL_PX = 30;
/** Rough advance of one character of an 11 px label, to keep labels inside the figure. */
const LABEL_CHAR_PX = 6.2;

/** `abandoned`: processed by a run that failed before its epoch committed; the restart redoes it. */
export type TickStatus = 'committed' | 'uncommitted' | 'abandoned' | 'replay';

export interface ContinuousLayout {
	readonly width: number;
	readonly height: number;
	readonly lanes: {
		readonly partition: number;
		readonly y: number;
		readonly h: number;
		readonly label: string;
		readonly waiting: boolean;
	}[];
	readonly ticks: {
		readonly id: string;
		readonly x: number;
		readonly y1: number;
		readonly y2: number;
		readonly status: TickStatus;
		readonly odd: boolean;
	}[];
	readonly boundaries: { readonly id: string; readonly x: number }[];
	readonly commits: {
		readonly id: string;
		readonly x: number;
		readonly label: string;
		readonly anchor: 'start' | 'end';
	}[];
	readonly failure: {
		readonly x: number;
		readonly downX2: number;
		readonly label: string;
		readonly restartLabel: string | null;
		/** Where each label sits: right of its line, or left of it when it would run off the edge. */
		readonly labelX: number;
		readonly labelAnchor: 'start' | 'end';
		readonly restartX: number;
		readonly restartAnchor: 'start' | 'end';
	} | null;
	readonly latency: {
		readonly id: string;
		readonly x: number;
		readonly y: number;
		readonly replay: boolean;
	}[];
	readonly latencyAxis: { readonly y: number; readonly label: string }[];
	readonly microBatchLine: { readonly y: number; readonly label: string } | null;
	/** The continuous median, labelled at the same height as its dots. */
	readonly continuousLine: {
		readonly y: number;
		readonly label: string;
		readonly labelDy: number;
	} | null;
	readonly lanesTop: number;
	readonly lanesBottom: number;
	readonly latY: number;
	readonly axis: { readonly x: number; readonly label: string }[];
	readonly axisY: number;
	readonly cursorX: number;
	readonly sampleEvery: number;
}

/** The visible slice: 12 s on a wide screen, 6 s on a phone, at least three epochs; cursor at ¾. */
export function visibleWindow(trace: ContinuousTrace, now: number, width = 960): [number, number] {
	const base = Math.round(Math.min(12_000, Math.max(6_000, (12_000 * width) / 960)) / 1000) * 1000;
	const span = Math.min(60_000, Math.max(base, 3 * trace.config.epochIntervalMs));
	const from = Math.max(0, Math.min(now - 0.75 * span, trace.endMs - span));
	return [from, from + span];
}

const restartWords = (lastCommitted: number | null): string =>
	lastCommitted === null ? 'restarted from scratch' : `restarted after epoch ${lastCommitted}`;

/** Index of the first row processed at or after t (rows are in processing order). */
function firstAtOrAfter(rows: readonly ContinuousRow[], t: number): number {
	let lo = 0;
	let hi = rows.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (rows[mid]!.processedMs < t) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** Lane height: roomy for a few partitions, compact for sixteen. */
export const laneHeight = (n: number): number => Math.max(14, Math.min(30, Math.floor(180 / n)));

export function layoutContinuous(
	trace: ContinuousTrace,
	now: number,
	{ width }: Size
): ContinuousLayout {
	const [from, to] = visibleWindow(trace, now, width);
	const x = scaleLinear()
		.domain([from, to])
		.range([M.left, width - M.right]);
	const clampX = (t: number) => Math.max(M.left, Math.min(width - M.right, x(t)));
	const n = trace.lanes.length;
	const laneH = laneHeight(n);
	const lanesTop = M.top + EPOCH_H;
	const lanesBottom = lanesTop + n * laneH;
	const latY = lanesBottom + GAP;
	const axisY = latY + LAT_H + 6;
	const until = Math.min(to, now);
	// Once the first run has failed, its rows whose epoch never committed are abandoned.
	const failedBefore = trace.failure !== null && trace.failure.atMs <= now;
	const committedAt = new Map(trace.epochs.map((e) => [`${e.run}:${e.epoch}`, e.commitMs]));

	const lanes = trace.lanes.map((lane, i) => {
		const waiting = lane.taskStartMs.every((s) => s === null);
		return {
			partition: lane.partition,
			y: lanesTop + i * laneH,
			h: laneH,
			label: waiting ? `p${lane.partition}: no core` : `task ${lane.partition}`,
			waiting
		};
	});

	const visible = trace.lanes.map((lane) => {
		const a = firstAtOrAfter(lane.rows, from);
		const b = firstAtOrAfter(lane.rows, until + 1e-9);
		return lane.rows.slice(a, b);
	});
	// From the source's rate, not from the rows in view, so the sample (and each tick's id) stays
	// the same from frame to frame.
	const expected = (trace.effectiveRowsPerSecond * (to - from)) / 1000;
	const every = Math.max(1, Math.ceil(expected / MAX_MARKS));
	const ticks: ContinuousLayout['ticks'][number][] = [];
	const latency: ContinuousLayout['latency'][number][] = [];
	const maxLatency = Math.max(10_000, trace.latency.microBatch.latency?.max ?? 0);
	const y = scaleLog()
		.domain([0.01, maxLatency])
		.range([latY + LAT_H - 4, latY + 4])
		.clamp(true);
	visible.forEach((rows, i) => {
		const lane = lanes[i]!;
		for (let k = 0; k < rows.length; k++) {
			const r = rows[k]!;
			// Sample by value so a row keeps its tick (and its id) from frame to frame.
			if (Math.floor(r.value / n) % every !== 0) continue;
			const commit = committedAt.get(`${r.run}:${r.epoch}`) ?? null;
			const status: TickStatus = r.replay
				? 'replay'
				: commit !== null && commit <= now
					? 'committed'
					: failedBefore && r.run === 0
						? 'abandoned'
						: 'uncommitted';
			const id = `${r.run}:${r.value}`;
			const tx = x(r.processedMs);
			ticks.push({
				id,
				x: tx,
				y1: lane.y + 3,
				y2: lane.y + lane.h - 3,
				status,
				odd: r.epoch % 2 === 1
			});
			latency.push({
				id,
				x: tx,
				y: y(Math.max(0.01, r.processedMs - r.createdMs)),
				replay: r.replay
			});
		}
	});

	const inView = (t: number) => t >= from && t <= until;
	const boundaries = trace.boundaries
		.filter((b) => inView(b.atMs))
		.map((b) => ({ id: `${b.run}:${b.epoch}`, x: x(b.atMs) }));
	const spacing = x(from + trace.config.epochIntervalMs) - x(from);
	const shown = trace.epochs.filter((e) => e.commitMs !== null && inView(e.commitMs));
	let lastLabelX = -Infinity;
	const commits = shown.map((e, i) => {
		const cx = x(e.commitMs!);
		// The latest commit always gets the full words, to its right where the future is (or to
		// its left at the edge); the others get them only when epochs are far enough apart, and a
		// label that would run into the previous one is left out (epoch 0 commits just before 1).
		const latest = i === shown.length - 1;
		const anchor: 'start' | 'end' =
			latest && cx + FULL_LABEL_PX <= width - M.right ? 'start' : 'end';
		const room = cx - lastLabelX;
		let label = '';
		if (latest && (anchor === 'start' || room >= FULL_LABEL_PX))
			label = `epoch ${e.epoch} committed`;
		else if (spacing >= FULL_LABEL_PX && room >= FULL_LABEL_PX)
			label = `epoch ${e.epoch} committed`;
		else if (spacing >= SHORT_LABEL_PX && room >= SHORT_LABEL_PX) label = `${e.epoch} ✓`;
		if (label) lastLabelX = cx;
		return { id: `${e.run}:${e.epoch}`, x: cx, label, anchor };
	});

	let failure: ContinuousLayout['failure'] = null;
	const f = trace.failure;
	if (f && f.atMs <= now && f.atMs <= to) {
		const restartVisible = f.restartMs !== null && f.restartMs <= now;
		const x = clampX(f.atMs);
		const downX2 = clampX(restartVisible ? f.restartMs! : until);
		const label = 'task failed: query stopped';
		const restartLabel = restartVisible
			? restartWords(f.lastCommittedEpoch) +
				(f.reprocessedRows > 0 ? `: ${f.reprocessedRows} rows again` : '')
			: null;
		const fits = (at: number, text: string) =>
			at + 4 + text.length * LABEL_CHAR_PX <= width - M.right;
		const place = (at: number, text: string) =>
			fits(at, text)
				? { x: at + 4, anchor: 'start' as const }
				: { x: at - 4, anchor: 'end' as const };
		const l = place(x, label);
		const r = place(downX2, restartLabel ?? '');
		failure = {
			x,
			downX2,
			label,
			restartLabel,
			labelX: l.x,
			labelAnchor: l.anchor,
			restartX: r.x,
			restartAnchor: r.anchor
		};
	}

	const mb = trace.latency.microBatch.latency;
	const p50 = trace.latency.processing?.p50 ?? null;
	return {
		width,
		height: axisY + 24,
		lanes,
		ticks,
		boundaries,
		commits,
		failure,
		latency,
		latencyAxis: [0.01, 1, 100, 10_000]
			.filter((v) => v <= maxLatency)
			.map((v) => ({ y: y(v), label: latencyLabel(v) })),
		microBatchLine: mb
			? { y: y(mb.mean), label: `micro-batch mean ${latencyLabel(mb.mean)}` }
			: null,
		continuousLine:
			p50 === null
				? null
				: {
						y: y(Math.max(0.01, p50)),
						label: `continuous median ${latencyLabel(p50)}`,
						// Under the line when it would run into the micro-batch label above it.
						labelDy: mb && Math.abs(y(Math.max(0.01, p50)) - y(mb.mean)) < 16 ? 13 : -5
					},
		lanesTop,
		lanesBottom,
		latY,
		axis: x
			.ticks(Math.max(2, Math.floor(width / 90)))
			.map((t) => ({ x: x(t), label: secondsLabel(t) })),
		axisY,
		cursorX: clampX(now),
		sampleEvery: every
	};
}
