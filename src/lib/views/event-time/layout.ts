/**
 * Event time against processing time (the figure of the Structured Streaming guide and
 * Streaming 101, but live): x = when a row arrived, y = when it happened; the ideal diagonal;
 * the watermark as a line that steps at each batch; dropped rows crossed out. Pure: run + frame
 * + size → geometry.
 */
import { scaleLinear } from 'd3-scale';
import { line, curveStepAfter } from 'd3-shape';
import type { EtFrame, EtRun } from '$sim/kinds/event-time';
import { secondsLabel } from '../format';

export interface Size {
	readonly width: number;
	readonly height: number;
}

export type DotKind = 'pending' | 'on-time' | 'dropped';

export interface EventTimeGeometry {
	readonly plot: {
		readonly x0: number;
		readonly x1: number;
		readonly y0: number;
		readonly y1: number;
	};
	readonly xTicks: readonly { readonly v: number; readonly x: number; readonly label: string }[];
	readonly yTicks: readonly { readonly v: number; readonly y: number; readonly label: string }[];
	readonly dots: readonly {
		readonly id: string;
		readonly x: number;
		readonly y: number;
		readonly kind: DotKind;
		readonly title: string;
	}[];
	readonly bands: readonly {
		readonly id: number;
		readonly x: number;
		readonly w: number;
		readonly running: boolean;
		readonly noData: boolean;
	}[];
	readonly diagonal: string;
	readonly watermark: string;
	readonly cursorX: number;
}

const M = { top: 12, right: 16, bottom: 34, left: 56 };

export function eventTimeDomain(run: EtRun): [number, number] {
	let lo = Infinity;
	let hi = -Infinity;
	for (const e of run.events) {
		lo = Math.min(lo, e.eventTimeMs);
		hi = Math.max(hi, e.eventTimeMs);
	}
	if (!Number.isFinite(lo)) return [0, Math.max(1000, run.endMs)];
	// A real watermark below every event (a long delay early on) must stay on the plot; only
	// Spark's initial 0 (no watermark yet, -Infinity here) is drawn at the bottom edge.
	for (const b of run.batches) {
		for (const w of [b.watermarkMs, b.nextWatermarkMs])
			if (Number.isFinite(w)) lo = Math.min(lo, w);
	}
	return [Math.min(lo, 0), Math.max(hi, run.endMs)];
}

export function layoutEventTime(
	run: EtRun,
	frame: EtFrame,
	{ width, height }: Size
): EventTimeGeometry {
	const x = scaleLinear()
		.domain([0, Math.max(1, run.endMs)])
		.range([M.left, width - M.right]);
	const y = scaleLinear()
		.domain(eventTimeDomain(run))
		.range([height - M.bottom, M.top])
		.nice();
	const doneIds = new Set(frame.done.map((b) => b.batchId));
	const dots = frame.arrived.map((e) => {
		const kind: DotKind =
			e.batchId === null || !doneIds.has(e.batchId) ? 'pending' : e.dropped ? 'dropped' : 'on-time';
		return {
			id: e.id,
			x: x(e.arrivalMs),
			y: y(e.eventTimeMs),
			kind,
			title: `${e.key}: event time ${secondsLabel(e.eventTimeMs)}, arrived ${secondsLabel(e.arrivalMs)}${
				e.batchId === null ? '' : `, batch ${e.batchId}`
			}${kind === 'dropped' ? ' (dropped: behind the watermark)' : ''}`
		};
	});
	const visible = [...frame.done, ...(frame.running ? [frame.running] : [])];
	const bands = visible.map((b) => ({
		id: b.batchId,
		x: x(b.startMs),
		w: Math.max(1.5, x(Math.min(b.endMs, frame.t)) - x(b.startMs)),
		running: b === frame.running,
		noData: b.noData
	}));
	// The watermark each batch ran with, held from its start until the next batch starts.
	const steps: [number, number][] = visible.map((b) => [b.startMs, b.watermarkMs]);
	if (steps.length > 0) steps.push([frame.t, frame.watermarkMs]);
	const wmLine = line<[number, number]>()
		.x((d) => x(d[0]))
		.y((d) => y(Math.max(y.domain()[0] ?? 0, d[1])))
		.curve(curveStepAfter);
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
		bands,
		diagonal: diagHi > diagLo ? `M${x(diagLo)},${y(diagLo)}L${x(diagHi)},${y(diagHi)}` : '',
		watermark: steps.length > 0 ? (wmLine(steps) ?? '') : '',
		cursorX: x(Math.min(frame.t, run.endMs))
	};
}

export function describeEventTime(run: EtRun, frame: EtFrame): string {
	const dropped = frame.arrived.filter(
		(e) => e.dropped && e.batchId !== null && frame.done.some((b) => b.batchId === e.batchId)
	).length;
	return `Event time against processing time at ${secondsLabel(frame.t)}: ${frame.arrived.length} of ${run.events.length} rows arrived, ${frame.done.length} batches done, watermark ${secondsLabel(frame.watermarkMs)}, ${dropped} rows dropped as late.`;
}
