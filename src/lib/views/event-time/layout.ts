/**
 * Event time against processing time (the figure of the Structured Streaming guide and
 * Streaming 101, but live): x = when a row arrived, y = when it happened; the ideal diagonal;
 * the watermark as a line that steps at each batch (and, with several inputs, each input's own
 * watermark beside it); dropped rows crossed out; a late row that still counts tied to the end
 * of its window above the line. Pure: run + frame + size → geometry.
 */
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { line, curveStepAfter } from 'd3-shape';
import type { EtBatch, EtFrame, EtRun } from '$sim/kinds/event-time';
import { secondsLabel } from '../format';
import { aggregateMarks, PAINT_ORDER, type DenseMark } from './dense';

export interface Size {
	readonly width: number;
	readonly height: number;
}

export type DotKind = 'pending' | 'on-time' | 'dropped' | 'duplicate';

export interface EtDot {
	readonly id: string;
	readonly x: number;
	readonly y: number;
	readonly kind: DotKind;
	/** Which input the row came from (0, 1, ...): drawn as a circle, a square, ... */
	readonly shape: number;
	readonly title: string;
}

/** A counted row below the watermark line at its arrival: why it still counts. */
export interface EtReach {
	readonly id: string;
	readonly x: number;
	/** The row (bottom) and the end of its window (top, above the watermark). */
	readonly y0: number;
	readonly y1: number;
	readonly title: string;
}

export interface EtWatermarkLine {
	readonly stream: string;
	readonly d: string;
	/** Where its name is written (the cursor's end of the line). */
	readonly labelX: number;
	readonly labelY: number;
	readonly label: string;
}

export interface EventTimeGeometry {
	readonly plot: {
		readonly x0: number;
		readonly x1: number;
		readonly y0: number;
		readonly y1: number;
	};
	readonly xTicks: readonly { readonly v: number; readonly x: number; readonly label: string }[];
	readonly yTicks: readonly { readonly v: number; readonly y: number; readonly label: string }[];
	readonly dots: readonly EtDot[];
	/** Too many rows for one mark each to stay readable (and fast): `marks` aggregates them
	 *  (one per cell of a few pixels, sized by its count) and the view paints them on a canvas. */
	readonly dense: boolean;
	readonly marks: readonly DenseMark[];
	readonly reaches: readonly EtReach[];
	readonly bands: readonly {
		readonly id: number;
		readonly x: number;
		readonly w: number;
		readonly running: boolean;
		readonly noData: boolean;
	}[];
	/** The input streams in the order their shapes are given (one entry: one input). */
	readonly streams: readonly string[];
	readonly diagonal: string;
	/** The global watermark; '' while there is none (before the first batch, before any row, or
	 *  in a query without withWatermark): Spark's initial 0 is 1970, not a line along the floor. */
	readonly watermark: string;
	/** Each input's own watermark, when the query has more than one (the global one is their
	 *  min or max). */
	readonly inputWatermarks: readonly EtWatermarkLine[];
	readonly cursorX: number;
}

const M = { top: 12, right: 16, bottom: 34, left: 56 };
/** Above this many rows on screen the dots become aggregated canvas marks. */
export const DENSE_ROWS = 600;

export function eventTimeDomain(run: EtRun): [number, number] {
	let lo = Infinity;
	let hi = -Infinity;
	for (const e of run.events) {
		lo = Math.min(lo, e.eventTimeMs);
		hi = Math.max(hi, e.eventTimeMs);
	}
	if (!Number.isFinite(lo)) return [0, Math.max(1000, run.endMs)];
	// A real watermark below every event (a long delay early on) must stay on the plot; Spark's
	// initial 0 (no watermark yet, -Infinity here) is not drawn at all.
	for (const b of run.batches) {
		for (const w of [
			b.watermarkMs,
			b.nextWatermarkMs,
			...(b.inputWatermarks ?? []).map((i) => i.ms)
		])
			if (Number.isFinite(w)) lo = Math.min(lo, w);
	}
	return [Math.min(lo, 0), Math.max(hi, run.endMs)];
}

/** The input streams in a stable order: the run's events list each input's rows together. */
export function streamsOf(run: EtRun): string[] {
	const out: string[] = [];
	for (const e of run.events) if (!out.includes(e.stream)) out.push(e.stream);
	return out;
}

/** The watermark a batch ran with, held from its start until the next batch starts; the value
 *  the line shows at processing time t. */
function watermarkAt(visible: readonly EtBatch[], t: number): number {
	let lo = 0;
	let hi = visible.length - 1;
	let found = -1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		if ((visible[mid] as EtBatch).startMs <= t) {
			found = mid;
			lo = mid + 1;
		} else hi = mid - 1;
	}
	return found < 0 ? Number.NEGATIVE_INFINITY : (visible[found] as EtBatch).watermarkMs;
}

/** What a run alone decides (its event-time domain, its inputs, each window's end), worked
 *  out once per run rather than on every frame: at 20x with ~10,000 rows, each is a pass over
 *  every row of the run, frame after frame (issue 10's frame budget). */
interface RunFacts {
	readonly domain: [number, number];
	readonly streams: readonly string[];
	readonly windowEnd: ReadonlyMap<string, number>;
}
const runFacts = new WeakMap<EtRun, RunFacts>();
function factsOf(run: EtRun): RunFacts {
	let facts = runFacts.get(run);
	if (!facts) {
		facts = {
			domain: eventTimeDomain(run),
			streams: streamsOf(run),
			windowEnd: new Map(run.windows.map((w) => [w.id, w.endMs]))
		};
		runFacts.set(run, facts);
	}
	return facts;
}

/** A row whose batch is done has its final mark (its fate and its watermark are decided), so
 *  its dot and reach are worked out once per run and size, not on every frame: at 20x with
 *  thousands of rows on screen that per-row work and its garbage were most of the frame's script
 *  (issue 10's frame budget). Rows still pending are computed each frame. */
interface SettledRows {
	readonly size: string;
	readonly rows: Map<string, { readonly dot: EtDot; readonly reach: EtReach | null }>;
}
const settledRows = new WeakMap<EtRun, SettledRows>();
function settledOf(run: EtRun, width: number, height: number): SettledRows['rows'] {
	const size = `${width}x${height}`;
	let settled = settledRows.get(run);
	if (!settled || settled.size !== size) {
		settled = { size, rows: new Map() };
		settledRows.set(run, settled);
	}
	return settled.rows;
}

export function layoutEventTime(
	run: EtRun,
	frame: EtFrame,
	{ width, height }: Size
): EventTimeGeometry {
	const x = scaleLinear()
		.domain([0, Math.max(1, run.endMs)])
		.range([M.left, width - M.right]);
	const { domain, streams, windowEnd } = factsOf(run);
	const y = scaleLinear()
		.domain(domain)
		.range([height - M.bottom, M.top])
		.nice();
	const doneIds = new Set(frame.done.map((b) => b.batchId));
	const visible = [...frame.done, ...(frame.running ? [frame.running] : [])];
	const reaches: EtReach[] = [];
	const settled = settledOf(run, width, height);
	const pending: EtDot[] = [];
	const dots = frame.arrived.map((e): EtDot => {
		const read = e.batchId !== null && doneIds.has(e.batchId);
		const known = read ? settled.get(e.id) : undefined;
		if (known) {
			if (known.reach) reaches.push(known.reach);
			return known.dot;
		}
		let reach: EtReach | null = null;
		const kind: DotKind = !read
			? 'pending'
			: e.dropped
				? 'dropped'
				: e.duplicate
					? 'duplicate'
					: 'on-time';
		const shape = Math.max(0, streams.indexOf(e.stream));
		if (kind === 'on-time') {
			const wm = watermarkAt(visible, e.arrivalMs);
			const end =
				e.eventTimeMs <= wm
					? Math.max(...e.windows.map((id) => windowEnd.get(id) ?? -Infinity))
					: -Infinity;
			// Complete mode drops no late row at all (the watermark bounds no state there).
			const complete = run.outputMode === 'complete';
			if (e.eventTimeMs <= wm && (end > wm || complete) && Number.isFinite(end))
				reach = {
					id: e.id,
					x: x(e.arrivalMs),
					y0: y(e.eventTimeMs),
					y1: y(end),
					title:
						end > wm
							? `${e.key} at ${secondsLabel(e.eventTimeMs)} is behind the watermark (${secondsLabel(wm)}) but still counts: its window ends at ${secondsLabel(end)}, above it, so the window is still open`
							: `${e.key} at ${secondsLabel(e.eventTimeMs)} is behind the watermark (${secondsLabel(wm)}) and its window ended at ${secondsLabel(end)}, yet it counts: complete mode keeps every window and drops no late row`
				};
		}
		if (reach) reaches.push(reach);
		const dot: EtDot = {
			id: e.id,
			x: x(e.arrivalMs),
			y: y(e.eventTimeMs),
			kind,
			shape,
			// Formatted only when read: at 20x with thousands of rows, formatting every row's
			// title every frame was a large share of the frame, and the dense plot reads none.
			get title() {
				return `${streams.length > 1 ? `${e.stream} ` : ''}${e.key}: event time ${secondsLabel(e.eventTimeMs)}, arrived ${secondsLabel(e.arrivalMs)}${
					e.batchId === null ? '' : `, batch ${e.batchId}`
				}${
					kind === 'dropped'
						? ' (dropped: behind the watermark)'
						: kind === 'duplicate'
							? ' (dropped as a duplicate of an event_id already in state)'
							: ''
				}`;
			}
		};
		if (read) settled.set(e.id, { dot, reach });
		else pending.push(dot);
		return dot;
	});
	const dense = dots.length > DENSE_ROWS;
	const bands = visible.map((b) => ({
		id: b.batchId,
		x: x(b.startMs),
		w: Math.max(1.5, x(Math.min(b.endMs, frame.t)) - x(b.startMs)),
		running: b === frame.running,
		noData: b.noData
	}));
	const steps: [number, number][] = visible.map((b) => [b.startMs, b.watermarkMs]);
	if (steps.length > 0) steps.push([frame.t, frame.watermarkMs]);
	const [d0, d1] = y.domain() as [number, number];
	const diagLo = Math.max(0, d0);
	const diagHi = Math.min(run.endMs, d1);
	return {
		plot: { x0: M.left, x1: width - M.right, y0: M.top, y1: height - M.bottom },
		xTicks: x
			.ticks(Math.max(2, Math.floor(width / 110)))
			.map((v) => ({ v, x: x(v), label: secondsLabel(v) })),
		yTicks: y
			.ticks(Math.max(2, Math.floor(height / 60)))
			.map((v) => ({ v, y: y(v), label: secondsLabel(v) })),
		dots,
		dense,
		marks: dense ? denseMarks(run, `${width}x${height}`, frame.done.length, dots, pending) : [],
		reaches: dense ? [] : reaches,
		bands,
		streams,
		diagonal: diagHi > diagLo ? `M${x(diagLo)},${y(diagLo)}L${x(diagHi)},${y(diagHi)}` : '',
		watermark: stepPath(x, y, steps),
		inputWatermarks: inputLines(x, y, visible, frame),
		cursorX: x(Math.min(frame.t, run.endMs))
	};
}

/** The aggregated marks: the done rows' marks change only when a batch ends (a few times a second
 *  at 20x), so they are binned once per batch count and only the pending rows every frame. A
 *  pending row never shares a mark with a done one (fates bin apart), so the two lists just meet. */
const doneMarks = new WeakMap<EtRun, { key: string; marks: readonly DenseMark[] }>();
function denseMarks(
	run: EtRun,
	size: string,
	doneBatches: number,
	dots: readonly EtDot[],
	pending: readonly EtDot[]
): DenseMark[] {
	const key = `${size}/${doneBatches}/${dots.length - pending.length}`;
	let done = doneMarks.get(run);
	if (!done || done.key !== key) {
		const settled = new Set(pending);
		done = { key, marks: aggregateMarks(dots.filter((d) => !settled.has(d))) };
		doneMarks.set(run, done);
	}
	return pending.length === 0
		? [...done.marks]
		: [...done.marks, ...aggregateMarks(pending)].sort(
				(a, b) => PAINT_ORDER[a.kind] - PAINT_ORDER[b.kind]
			);
}

/** A step-after line through the finite levels only: no watermark yet draws nothing. */
function stepPath(
	x: ScaleLinear<number, number>,
	y: ScaleLinear<number, number>,
	steps: readonly [number, number][]
): string {
	const path = line<[number, number]>()
		.defined((d) => Number.isFinite(d[1]))
		.x((d) => x(d[0]))
		.y((d) => y(d[1]))
		.curve(curveStepAfter);
	return steps.some((d) => Number.isFinite(d[1])) ? (path(steps) ?? '') : '';
}

/** Each input's own watermark, stepped like the global one: batch N runs with what batch N-1
 *  left (the engine's per-input values after N-1). */
function inputLines(
	x: ScaleLinear<number, number>,
	y: ScaleLinear<number, number>,
	visible: readonly EtBatch[],
	frame: EtFrame
): EtWatermarkLine[] {
	const names = frame.inputWatermarks.map((w) => w.stream);
	if (names.length < 2) return [];
	return names.flatMap((stream, i) => {
		const levelAfter = (b: EtBatch | undefined) =>
			b?.inputWatermarks?.[i]?.ms ?? Number.NEGATIVE_INFINITY;
		const steps: [number, number][] = visible.map((b, k) => [
			b.startMs,
			levelAfter(visible[k - 1])
		]);
		const now = frame.inputWatermarks[i]?.ms ?? Number.NEGATIVE_INFINITY;
		steps.push([frame.t, now]);
		const d = stepPath(x, y, steps);
		return [
			{
				stream,
				d,
				labelX: x(frame.t) + 4,
				labelY: Number.isFinite(now) ? y(now) : y.range()[0]!,
				label: `${stream} ${secondsLabel(now)}`
			}
		];
	});
}

export function describeEventTime(run: EtRun, frame: EtFrame): string {
	// A set, not a scan of the batches per row: this label is rebuilt on every frame.
	const done = new Set(frame.done.map((b) => b.batchId));
	const dropped = frame.arrived.filter(
		(e) => e.dropped && e.batchId !== null && done.has(e.batchId)
	).length;
	const inputs =
		frame.inputWatermarks.length > 1
			? ` (${frame.inputWatermarks.map((w) => `${w.stream} ${secondsLabel(w.ms)}`).join(', ')})`
			: '';
	return `Event time against processing time at ${secondsLabel(frame.t)}: ${frame.arrived.length} of ${run.events.length} rows arrived, ${frame.done.length} batches done, watermark ${secondsLabel(frame.watermarkMs)}${inputs}, ${dropped} rows dropped as late.`;
}
