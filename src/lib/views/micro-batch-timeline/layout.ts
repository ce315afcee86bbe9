/**
 * Geometry of the micro-batch timeline at a cursor (pure: trace + cursor + size → marks).
 * Lanes, top to bottom: rows on the processing-time axis (waiting, then one sub-lane per source
 * partition once a batch has read them), batches (planning · addBatch · commit bars, trigger
 * ticks), latency per batch (row created → batch committed). d3 computes scales and ticks only.
 */
import { scaleLinear } from 'd3-scale';
import {
	lastCommitted,
	rowsInWindow,
	runningAt,
	sampleEvery,
	type BatchRecord,
	type Phase,
	type RowMark,
	type Trace
} from '$sim/kinds/micro-batch';

export interface Size {
	readonly width: number;
}

export type PhaseGroup = 'planning' | 'execution' | 'commit';
const GROUP: Readonly<Record<Phase, PhaseGroup>> = {
	latestOffset: 'planning',
	walCommit: 'planning',
	getBatch: 'planning',
	queryPlanning: 'planning',
	addBatch: 'execution',
	commitOffsets: 'commit'
};

/** At most this many row marks in the window; beyond it one mark stands for several rows. */
export const MAX_MARKS = 1500;
/** Above this many row dots the view paints them on a canvas: every dot moves each frame (the
 *  axis scrolls), and a thousand SVG circles re-laid-out per frame cost more than the frame. */
export const DENSE_DOTS = 200;
const M = { left: 74, right: 12, top: 18 };
const WAIT_H = 30;
const PART_H = 96;
const BATCH_H = 44;
const LAT_H = 64;
const GAP = 14;

export interface TimelineLayout {
	readonly width: number;
	readonly height: number;
	readonly lanes: { readonly label: string; readonly y: number; readonly h: number }[];
	readonly axis: { readonly x: number; readonly label: string }[];
	readonly axisY: number;
	readonly grid: { readonly x: number }[];
	readonly bands: {
		readonly id: number;
		readonly x: number;
		readonly w: number;
		readonly odd: boolean;
		readonly label: string;
		readonly labelX: number;
	}[];
	readonly dots: {
		readonly id: number;
		readonly cx: number;
		readonly cy: number;
		readonly status: RowMark['status'];
		readonly odd: boolean;
	}[];
	readonly bars: {
		readonly id: number;
		readonly segments: { readonly group: PhaseGroup; readonly x: number; readonly w: number }[];
		readonly behind: boolean;
		readonly labelX: number;
	}[];
	readonly ticks: { readonly x: number; readonly idle: boolean }[];
	readonly latency: {
		readonly id: number;
		readonly x: number;
		readonly y1: number;
		readonly y2: number;
		readonly yMean: number;
	}[];
	readonly latencyAxis: { readonly y: number; readonly label: string }[];
	/** In the plot's own x (it does not scroll): where the cursor stands. */
	readonly cursorX: number;
	/** The plot's left edge and width: the window the strip is seen (and clipped) through. */
	readonly plotX: number;
	readonly plotW: number;
	/** Bands, dots, bars, ticks, grid, latency and axis sit at fixed x on the run's strip
	 *  (x = processing time × px per ms); the window scrolls over them by this one offset, so
	 *  playing moves one transform instead of every mark (issue 10's frame budget). */
	readonly offset: number;
	/** Borders between the source partitions' sub-lanes (round-robin: each gets every n-th row). */
	readonly partitionRules: readonly number[];
	readonly sampleEvery: number;
	/** The dots are many: painted on a canvas, not drawn as SVG circles. */
	readonly dense: boolean;
	readonly partitions: number;
}

/**
 * The visible slice of processing time: 12 s on a wide screen (less on a phone, so dots stay
 * apart), at least three trigger intervals; it scrolls so the cursor sits at three quarters.
 */
export function visibleWindow(trace: Trace, now: number, width = 960): [number, number] {
	const interval =
		trace.config.trigger.kind === 'processingTime' ? trace.config.trigger.intervalMs : 0;
	const base = Math.round(Math.min(12_000, Math.max(6_000, (12_000 * width) / 960)) / 1000) * 1000;
	const span = Math.min(60_000, Math.max(base, 3 * interval));
	const from = Math.max(0, Math.min(now - 0.75 * span, trace.endMs - span));
	return [from, from + span];
}

const seconds = (ms: number): string =>
	`${Number.isInteger(ms / 1000) ? ms / 1000 : (ms / 1000).toFixed(1)} s`;

/**
 * Spread a lane's dots vertically by a hash of their id, the same on every frame. A hash, not a
 * linear sequence: sampled ids are evenly spaced, and a linear jitter would draw them as stripes.
 */
function jitter(id: number): number {
	let h = id ^ (id >>> 16);
	h = Math.imul(h, 0x45d9f3b);
	h ^= h >>> 16;
	h = Math.imul(h, 0x45d9f3b);
	h ^= h >>> 16;
	return (h >>> 0) / 4294967296 - 0.5;
}

export function layoutTimeline(trace: Trace, now: number, { width }: Size): TimelineLayout {
	const [from, to] = visibleWindow(trace, now, width);
	const plotW = width - M.right - M.left;
	const pxPerMs = plotW / (to - from);
	/** A time's x on the run's strip; the window shows [from, to] of it at `offset`. */
	const x = (t: number) => t * pxPerMs;
	const axis = scaleLinear().domain([from, to]);
	const partitions = trace.config.source.kind === 'rate' ? trace.config.source.numPartitions : 1;
	const waitY = M.top;
	const partY = waitY + WAIT_H;
	const batchY = partY + PART_H + GAP;
	const latY = batchY + BATCH_H + GAP;
	const axisY = latY + LAT_H + 6;
	const visible = (b: BatchRecord) => b.triggerAt <= now && b.commitAt >= from && b.triggerAt <= to;
	const shown = trace.batches.filter(visible);

	const every = sampleEvery(trace, to - from, MAX_MARKS);
	const subH = PART_H / partitions;
	const dots = rowsInWindow(trace, from, to, now, every).map((r) => ({
		id: r.id,
		cx: x(r.timestampMs),
		cy:
			r.partition === null
				? waitY + WAIT_H / 2 + jitter(r.id) * (WAIT_H - 8)
				: partY + (r.partition + 0.5) * subH + jitter(r.id) * Math.max(0, subH - 6),
		status: r.status,
		odd: (r.batchId ?? 0) % 2 === 1
	}));

	const bands = shown.map((b) => {
		const [start, end] = inputSpan(trace, b);
		const bx = x(start);
		const w = Math.max(0, x(end) - bx);
		// Centred on the visible part (only a band at an edge moves while the window scrolls);
		// too narrow a sliver gets no label rather than an overlap.
		const v0 = Math.max(bx, x(from));
		const v1 = Math.min(bx + w, x(to));
		const label = v1 - v0 >= 18 ? `#${b.batchId}` : '';
		return { id: b.batchId, x: bx, w, odd: b.batchId % 2 === 1, label, labelX: (v0 + v1) / 2 };
	});

	const bars = shown.map((b) => ({
		id: b.batchId,
		behind: b.fallingBehind && b.commitAt <= now,
		labelX: x(b.triggerAt) + 2,
		segments: b.phases
			.filter((p) => p.startMs <= now)
			.map((p) => ({
				group: GROUP[p.phase],
				x: x(p.startMs),
				w: Math.max(0, x(Math.min(now, p.startMs + p.durationMs)) - x(p.startMs))
			}))
	}));

	const ticks = [
		...shown.map((b) => ({ x: x(b.triggerAt), idle: false })),
		...trace.idleTriggers
			.filter((t) => t >= from && t <= Math.min(to, now))
			.map((t) => ({ x: x(t), idle: true }))
	];

	const trig = trace.config.trigger;
	const grid: { x: number }[] = [];
	if (trig.kind === 'processingTime' && trig.intervalMs > 0 && trace.error === null) {
		const first =
			Math.ceil((from + trace.epochOffsetMs) / trig.intervalMs) * trig.intervalMs -
			trace.epochOffsetMs;
		for (let t = first; t <= to; t += trig.intervalMs) grid.push({ x: x(t) });
	}

	const maxLatency = Math.max(1000, ...trace.batches.map((b) => b.latencyMs?.max ?? 0));
	const y = scaleLinear()
		.domain([0, maxLatency])
		.range([latY + LAT_H, latY])
		.nice();
	const latency = shown
		.filter((b) => b.commitAt <= now && b.latencyMs)
		.map((b) => ({
			id: b.batchId,
			x: x(b.commitAt),
			y1: y(b.latencyMs!.min),
			y2: y(b.latencyMs!.max),
			yMean: y(b.latencyMs!.mean)
		}));

	return {
		width,
		height: axisY + 22,
		lanes: [
			{ label: 'waiting', y: waitY, h: WAIT_H },
			{ label: partitions === 1 ? 'read' : `${partitions} partitions`, y: partY, h: PART_H },
			{ label: 'batches', y: batchY, h: BATCH_H },
			{ label: 'latency', y: latY, h: LAT_H }
		],
		axis: axis
			.ticks(Math.max(2, Math.floor(width / 90)))
			.map((t) => ({ x: x(t), label: seconds(t) })),
		axisY,
		grid,
		bands,
		dots,
		bars,
		ticks,
		latency,
		latencyAxis: y.ticks(3).map((v) => ({ y: y(v), label: seconds(v) })),
		cursorX: M.left + Math.max(0, Math.min(plotW, x(now) - x(from))),
		plotX: M.left,
		plotW,
		offset: -x(from),
		partitionRules: Array.from({ length: partitions - 1 }, (_, i) => partY + (i + 1) * subH),
		sampleEvery: every,
		dense: dots.length > DENSE_DOTS,
		partitions
	};
}

/** The processing-time span of the rows a batch read: whole seconds for rate, lines for socket. */
export function inputSpan(trace: Trace, b: BatchRecord): [number, number] {
	if (trace.config.source.kind === 'rate') {
		const s0 = b.startOffset ?? 0;
		return [trace.queryStartMs + s0 * 1000, trace.queryStartMs + b.endOffset * 1000];
	}
	const prev = trace.batches[b.batchId - 1];
	return [prev ? prev.triggerAt : trace.queryStartMs, b.triggerAt];
}

/** The aria-label: the facts a sighted viewer reads off the timeline at this instant. */
export function describeTimeline(trace: Trace, now: number): string {
	const done = trace.batches.filter((b) => b.commitAt <= now);
	const last = lastCommitted(trace, now);
	const running = runningAt(trace, now);
	const behind = done.filter((b) => b.fallingBehind).length;
	const parts = [`Micro-batch timeline at ${seconds(now)}: ${done.length} batches committed.`];
	if (last) {
		const lat = last.latencyMs
			? `, latency ${seconds(last.latencyMs.min)} to ${seconds(last.latencyMs.max)}`
			: '';
		const took = seconds(last.commitAt - last.triggerAt);
		parts.push(`Last: batch ${last.batchId}, ${last.numInputRows} rows, took ${took}${lat}.`);
	}
	if (running) parts.push(`Batch ${running.batchId} is running with ${running.numInputRows} rows.`);
	if (behind > 0) parts.push(`${behind} batches ran longer than the trigger interval.`);
	return parts.join(' ');
}

/** The timeline's numbers as table rows (the accessible twin of the picture). */
export function batchTableRows(trace: Trace, now: number) {
	return trace.batches
		.filter((b) => b.commitAt <= now)
		.map((b) => ({
			batchId: b.batchId,
			trigger: seconds(b.triggerAt),
			commit: seconds(b.commitAt),
			offsets: `${b.startOffset ?? 'null'} → ${b.endOffset}`,
			rows: b.numInputRows,
			durationMs: b.commitAt - b.triggerAt,
			latency: b.latencyMs ? `${seconds(b.latencyMs.min)} – ${seconds(b.latencyMs.max)}` : '—',
			behind: b.fallingBehind
		}));
}
