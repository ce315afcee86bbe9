/**
 * The Spark UI's Structured Streaming tab (StreamingQueryStatisticsPage) as four small multiples
 * over processing time, read from the engine's StreamingQueryProgress records (SPARK-SEMANTICS
 * R1.6): Input Rate vs Process Rate, Batch Duration, Global Watermark Gap, Aggregated Number Of
 * Total State Rows. A batch's point appears when the batch ends (progress is reported by
 * finishTrigger) and sits at its trigger start (the record's `timestamp`), as in Spark's charts.
 */
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { format } from 'd3-format';
import type { EtBatch, EtRun } from '$sim/kinds/event-time';
import { secondsLabel } from '../format';

/** One batch's numbers, Spark's fields. Gaps are seconds; null when Spark would plot nothing. */
export interface ProgressPoint {
	readonly batchId: number;
	/** Trigger start (virtual ms): the progress record's `timestamp`. */
	readonly t: number;
	/** Batch end: when `query.lastProgress` starts returning this record. */
	readonly reportedAt: number;
	readonly inputRowsPerSecond: number;
	readonly processedRowsPerSecond: number;
	readonly batchDuration: number;
	/** Spark's Global Watermark Gap: batch timestamp − watermark, only once the watermark is set. */
	readonly watermarkGapS: number | null;
	/** eventTime.max − eventTime.watermark: how far the watermark trails this batch's newest row. */
	readonly maxEventTimeGapS: number | null;
	readonly numRowsTotal: number;
}

const parse = (iso: string | undefined): number | null => {
	if (iso === undefined) return null;
	const ms = Date.parse(iso);
	return Number.isNaN(ms) ? null : ms;
};

/** Every batch that carries a progress record, in batch order. */
export function progressPoints(run: EtRun): ProgressPoint[] {
	return run.batches.flatMap((b) => (b.progress ? [toPoint(b, b.progress)] : []));
}

function toPoint(b: EtBatch, p: NonNullable<EtBatch['progress']>): ProgressPoint {
	const wm = parse(p.eventTime?.['watermark']);
	const max = parse(p.eventTime?.['max']);
	// Spark skips batches whose watermark is still 0 (no withWatermark row seen yet). The gap is
	// taken on the view's clock (trigger start and watermark both virtual), because the engine's
	// progress `timestamp` is virtual time while eventTime is on the epoch clock.
	const set = wm !== null && wm > 0 && Number.isFinite(b.watermarkMs);
	return {
		batchId: b.batchId,
		t: b.startMs,
		reportedAt: b.endMs,
		inputRowsPerSecond: p.inputRowsPerSecond,
		processedRowsPerSecond: p.processedRowsPerSecond,
		batchDuration: p.batchDuration,
		watermarkGapS: set ? (b.startMs - b.watermarkMs) / 1000 : null,
		maxEventTimeGapS: set && max !== null ? (max - wm) / 1000 : null,
		numRowsTotal: p.stateOperators.reduce((n, s) => n + s.numRowsTotal, 0)
	};
}

/** The points reported by processing time `t`. */
export const pointsAt = (points: readonly ProgressPoint[], t: number) =>
	points.filter((p) => p.reportedAt <= t);

type Metric =
	| 'inputRowsPerSecond'
	| 'processedRowsPerSecond'
	| 'batchDuration'
	| 'watermarkGapS'
	| 'maxEventTimeGapS'
	| 'numRowsTotal';

interface ChartSpec {
	readonly id: string;
	readonly title: string;
	readonly unit: string;
	readonly series: readonly { readonly metric: Metric; readonly label: string }[];
}

export const CHARTS: readonly ChartSpec[] = [
	{
		id: 'rates',
		title: 'Input Rate vs Process Rate',
		unit: 'rows/s',
		series: [
			{ metric: 'inputRowsPerSecond', label: 'Input Rate' },
			{ metric: 'processedRowsPerSecond', label: 'Process Rate' }
		]
	},
	{
		id: 'duration',
		title: 'Batch Duration',
		unit: 'ms',
		series: [{ metric: 'batchDuration', label: 'batchDuration' }]
	},
	{
		id: 'watermark',
		title: 'Global Watermark Gap',
		unit: 's',
		series: [
			{ metric: 'watermarkGapS', label: 'batch timestamp − watermark' },
			{ metric: 'maxEventTimeGapS', label: 'max event time − watermark' }
		]
	},
	{
		id: 'state',
		title: 'Aggregated Number Of Total State Rows',
		unit: 'rows',
		series: [{ metric: 'numRowsTotal', label: 'numRowsTotal' }]
	}
];

const f1 = format('.1~f');
const f3 = format('.3~f');
/** Rates print with one decimal as Spark's JSON does; seconds to the millisecond. */
export function metricLabel(metric: Metric, v: number | null): string {
	if (v === null) return '–';
	if (metric === 'watermarkGapS' || metric === 'maxEventTimeGapS') return f3(v);
	return f1(v);
}

export interface ChartGeometry {
	readonly id: string;
	readonly title: string;
	readonly unit: string;
	readonly series: readonly {
		readonly id: Metric;
		readonly label: string;
		readonly path: string;
		readonly last: { readonly x: number; readonly y: number; readonly text: string } | null;
	}[];
	readonly yTicks: readonly { readonly v: number; readonly y: number; readonly label: string }[];
	/** Why the chart is empty, in Spark's terms (Spark hides such a chart). */
	readonly note: string | null;
}

export interface ProgressChartsGeometry {
	readonly width: number;
	readonly height: number;
	readonly plot: {
		readonly x0: number;
		readonly x1: number;
		readonly y0: number;
		readonly y1: number;
	};
	readonly xTicks: readonly { readonly v: number; readonly x: number; readonly label: string }[];
	readonly cursorX: number;
	readonly charts: readonly ChartGeometry[];
}

const M = { top: 8, right: 14, bottom: 22, left: 46 };

/** Axes span the whole run so they stay still while the cursor plays. */
export function layoutProgressCharts(
	run: EtRun,
	t: number,
	width: number,
	height = 130
): ProgressChartsGeometry {
	const charts = chartsAfter(run, pointsAt(progressPoints(run), t).length, width, height);
	return { ...charts, cursorX: progressCursorX(run, charts, t) };
}

/** The cursor's x on charts laid out by `chartsAfter`: the only part that moves every frame. */
export function progressCursorX(
	run: EtRun,
	g: Pick<ProgressChartsGeometry, 'plot'>,
	t: number
): number {
	const x = scaleLinear()
		.domain([0, Math.max(1, run.endMs)])
		.range([g.plot.x0, g.plot.x1]);
	return x(Math.min(Math.max(t, 0), run.endMs));
}

/** The charts with the first `reported` points drawn: what changes only when a batch reports, so
 *  a view laying them out from the count (not the cursor) does it once per batch. */
export function chartsAfter(
	run: EtRun,
	reported: number,
	width: number,
	height = 130
): Omit<ProgressChartsGeometry, 'cursorX'> {
	const all = progressPoints(run);
	const seen = all.slice(0, reported);
	const plot = {
		x0: M.left,
		x1: Math.max(M.left + 10, width - M.right),
		y0: M.top,
		y1: height - M.bottom
	};
	const x = scaleLinear()
		.domain([0, Math.max(1, run.endMs)])
		.range([plot.x0, plot.x1]);
	const charts = CHARTS.map((spec): ChartGeometry => {
		const values = all.flatMap((p) => spec.series.map((s) => p[s.metric]));
		const hi = Math.max(1, ...values.filter((v): v is number => v !== null));
		const y = scaleLinear().domain([0, hi]).range([plot.y1, plot.y0]).nice(4);
		const series = spec.series.map((s) => {
			const defined = seen.filter((p) => p[s.metric] !== null);
			const path =
				line<ProgressPoint>()
					.defined((p) => p[s.metric] !== null)
					.x((p) => x(p.t))
					.y((p) => y(p[s.metric] ?? 0))(seen) ?? '';
			const lastP = defined.at(-1);
			const v = lastP ? lastP[s.metric] : null;
			return {
				id: s.metric,
				label: s.label,
				path,
				last:
					lastP && v !== null ? { x: x(lastP.t), y: y(v), text: metricLabel(s.metric, v) } : null
			};
		});
		return {
			id: spec.id,
			title: spec.title,
			unit: spec.unit,
			series,
			yTicks: y.ticks(4).map((v) => ({ v, y: y(v), label: format('~s')(v) })),
			note: noteFor(spec.id, run, all)
		};
	});
	return {
		width,
		height,
		plot,
		xTicks: x
			.ticks(Math.max(2, Math.floor(width / 90)))
			.map((v) => ({ v, x: x(v), label: secondsLabel(v) })),
		charts
	};
}

function noteFor(id: string, run: EtRun, all: readonly ProgressPoint[]): string | null {
	if (all.length === 0) return 'no progress reported yet';
	if (id === 'watermark' && run.delayMs === null)
		return 'no withWatermark in this query: Spark shows no watermark chart';
	if (id === 'state' && run.batches.every((b) => (b.progress?.stateOperators.length ?? 0) === 0))
		return 'no stateful operator in this query';
	return null;
}

/** The aria-label: the latest numbers, in the charts' words (the cursor's time is the
 *  narration's: this label changes when a batch reports, not on every frame). */
export function describeProgress(run: EtRun, t: number): string {
	return describeLatest(pointsAt(progressPoints(run), t).at(-1));
}

/** The label for the latest reported point (undefined: none yet). */
export function describeLatest(p: ProgressPoint | undefined): string {
	if (!p) return 'Progress charts: no batch has reported progress yet.';
	const gap =
		p.watermarkGapS === null ? 'not set yet' : `${metricLabel('watermarkGapS', p.watermarkGapS)} s`;
	return (
		`Progress after batch ${p.batchId}: Input Rate ${metricLabel('inputRowsPerSecond', p.inputRowsPerSecond)} rows/s, ` +
		`Process Rate ${metricLabel('processedRowsPerSecond', p.processedRowsPerSecond)} rows/s, Batch Duration ${p.batchDuration} ms, ` +
		`Global Watermark Gap ${gap}, Aggregated Number Of Total State Rows ${p.numRowsTotal}.`
	);
}
