/**
 * The cluster view as geometry, from the run at the cursor (pure: tested without a DOM).
 * - Story charts over the whole run (x = processing time), drawn up to the cursor: records per
 *   second (producers, the rate bound, what batches took and could process), records waiting
 *   (at the source, in queued batches), and delays (scheduling, end-to-end latency).
 * - The Spark UI twin: the Structured Streaming tab's charts from recentProgress, or the
 *   Streaming tab's (Input Rate, Scheduling Delay, Processing Time, Total Delay) for DStreams.
 * - The Gantt: each core a row, each task a bar, over the last few intervals before the cursor.
 * Every point names its batch, so a click can move the cursor to that batch's end.
 */
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { format } from 'd3-format';
import {
	completedBy,
	recentProgress,
	structuredStreamingCharts,
	type CBatch,
	type ClusterSimRun
} from '$sim/kinds/cluster';

export interface SeriesPoint {
	readonly x: number;
	readonly y: number;
	/** The batch the point is (null: not a batch, e.g. the producers' second). */
	readonly batchId: number | null;
}

export interface Series {
	readonly id: string;
	readonly label: string;
	readonly colour: string;
	readonly points: readonly SeriesPoint[];
	/** Dashed: a bound, not a measurement. */
	readonly dashed?: boolean;
	/** Step line (per-second counts). */
	readonly step?: boolean;
}

export interface ChartSpec {
	readonly id: string;
	readonly title: string;
	readonly unit: string;
	readonly series: readonly Series[];
	/** x domain (ms, or epoch ms for the Spark UI twin). */
	readonly x: readonly [number, number];
}

export interface DrawnSeries {
	readonly id: string;
	readonly label: string;
	readonly colour: string;
	readonly dashed: boolean;
	readonly d: string;
	readonly dots: readonly { cx: number; cy: number; batchId: number; value: number }[];
	readonly last: string;
}

export interface DrawnChart {
	readonly id: string;
	readonly title: string;
	readonly unit: string;
	readonly width: number;
	readonly height: number;
	readonly plot: {
		readonly left: number;
		readonly top: number;
		readonly right: number;
		readonly bottom: number;
	};
	readonly yTicks: readonly { y: number; label: string }[];
	readonly xTicks: readonly { x: number; label: string }[];
	readonly series: readonly DrawnSeries[];
	/** The cursor's x, when it is inside the domain. */
	readonly cursorX: number | null;
	/** Many dots: painted on a canvas, one click target picks the nearest (see DENSE_CHART_DOTS). */
	readonly dense: boolean;
}

/** Above this many dots a chart paints them on a canvas: a long run's charts held ~1,500 SVG
 *  circles with their titles (advanced-05 at 20x), re-laid-out every frame as the scales grow. */
export const DENSE_CHART_DOTS = 60;

/** The dot nearest a point of the chart (its own pixels), within `reach` px; null if none. */
export function nearestDot(
	chart: Pick<DrawnChart, 'series'>,
	px: number,
	py: number,
	reach = 24
): { batchId: number; series: string; value: number; cx: number; cy: number } | null {
	let best: { batchId: number; series: string; value: number; cx: number; cy: number } | null =
		null;
	let bestD = reach * reach;
	for (const s of chart.series)
		for (const d of s.dots) {
			const dd = (d.cx - px) ** 2 + (d.cy - py) ** 2;
			if (dd <= bestD) {
				bestD = dd;
				best = { ...d, series: s.label };
			}
		}
	return best;
}

const num = format(',.0f');
const compact = format('~s');

export function valueLabel(v: number, unit: string): string {
	if (unit === 'ms') return `${num(v)} ms`;
	if (unit === 's' || unit === 'seconds') return `${format('.1f')(v)} s`;
	if (unit === 'ratio') return format('.2f')(v);
	return `${num(v)}`;
}

/** Draw one chart at a size. Only batch points get dots (the click targets). */
export function drawChart(
	spec: ChartSpec,
	width: number,
	height: number,
	cursor: number | null,
	xLabel: (x: number) => string
): DrawnChart {
	const plot = { left: 44, top: 6, right: width - 8, bottom: height - 18 };
	const x = scaleLinear().domain(spec.x).range([plot.left, plot.right]);
	const yMax = Math.max(1, ...spec.series.flatMap((s) => s.points.map((p) => p.y)));
	const y = scaleLinear().domain([0, yMax]).nice(4).range([plot.bottom, plot.top]);
	const path = line<SeriesPoint>()
		.x((p) => x(p.x))
		.y((p) => y(p.y));
	const series = spec.series.map((s): DrawnSeries => {
		const pts = s.step
			? s.points.flatMap((p, i) => {
					const next = s.points[i + 1];
					return next ? [p, { ...p, x: next.x }] : [p];
				})
			: s.points;
		const lastPoint = s.points[s.points.length - 1];
		return {
			id: s.id,
			label: s.label,
			colour: s.colour,
			dashed: s.dashed === true,
			d: pts.length > 0 ? (path(pts as SeriesPoint[]) ?? '') : '',
			dots: s.points.flatMap((p) =>
				p.batchId === null ? [] : [{ cx: x(p.x), cy: y(p.y), batchId: p.batchId, value: p.y }]
			),
			last: lastPoint ? valueLabel(lastPoint.y, spec.unit) : '–'
		};
	});
	return {
		id: spec.id,
		title: spec.title,
		unit: spec.unit,
		width,
		height,
		plot,
		yTicks: y.ticks(4).map((v) => ({ y: y(v), label: compact(v) })),
		xTicks: x.ticks(5).map((v) => ({ x: x(v), label: xLabel(v) })),
		series,
		cursorX: cursor !== null && cursor >= spec.x[0] && cursor <= spec.x[1] ? x(cursor) : null,
		dense: series.reduce((n, s) => n + s.dots.length, 0) > DENSE_CHART_DOTS
	};
}

const done = (run: ClusterSimRun, t: number): readonly CBatch[] =>
	run.batches.slice(0, completedBy(run, t));

/** The three story charts, up to the cursor. */
export function storyCharts(run: ClusterSimRun, t: number): ChartSpec[] {
	const b = done(run, t);
	const x = [0, run.runMs] as const;
	const interval = run.intervalMs > 0 ? run.intervalMs : null;
	const produced: SeriesPoint[] = [];
	for (let s = 0; s * 1000 <= Math.min(t, run.runMs) && s < run.arrivalsPerSecond.length; s++)
		produced.push({ x: s * 1000, y: run.arrivalsPerSecond[s] ?? 0, batchId: null });
	const at = (f: (c: CBatch) => number | null, when: (c: CBatch) => number = (c) => c.endMs) =>
		b.flatMap((c) => {
			const v = f(c);
			return v === null ? [] : [{ x: when(c), y: v, batchId: c.id }];
		});
	const rates: Series[] = [
		{ id: 'produced', label: 'producers', colour: 'var(--fg-muted)', points: produced, step: true },
		{
			id: 'taken',
			label: 'batch took',
			colour: 'var(--c-blue)',
			points: at(
				(c) => (interval ? (c.records * 1000) / interval : null),
				(c) => c.dueMs
			)
		},
		{
			id: 'capacity',
			label: 'processing rate',
			colour: 'var(--c-green)',
			points: at((c) =>
				c.processingMs > 0 && c.records > 0 ? (c.records * 1000) / c.processingMs : null
			)
		}
	];
	if (b.some((c) => c.rateLimit !== null))
		rates.push({
			id: 'limit',
			label: run.api === 'dstream' ? 'rate limit' : 'maxOffsetsPerTrigger / interval',
			colour: 'var(--c-orange)',
			dashed: true,
			points: at(
				(c) => c.rateLimit,
				(c) => c.dueMs
			)
		});
	const waiting: Series[] = [
		{
			id: 'backlog',
			label: 'at the source',
			colour: 'var(--c-purple)',
			points: at((c) => c.backlogAtEnd)
		}
	];
	if (run.api === 'dstream')
		waiting.push({
			id: 'queued',
			label: 'in queued batches',
			colour: 'var(--c-vermillion)',
			points: at((c) => c.queuedAtEnd)
		});
	const delays: Series[] = [
		{
			id: 'scheduling',
			label: 'scheduling delay',
			colour: 'var(--c-vermillion)',
			points: at((c) => c.schedulingDelayMs / 1000)
		},
		{
			id: 'latency',
			label: 'end-to-end latency',
			colour: 'var(--c-purple)',
			points: at((c) => c.latencyMs / 1000)
		}
	];
	const charts: ChartSpec[] = [
		{ id: 'rates', title: 'Records per second', unit: 'records/s', series: rates, x },
		{ id: 'waiting', title: 'Records waiting', unit: 'records', series: waiting, x },
		{ id: 'delays', title: 'Delay', unit: 's', series: delays, x }
	];
	const signature = challengeChart(run, b, x);
	if (signature) charts.unshift(signature);
	if (run.coreAllocation || run.streamingAllocation) charts.push(executorsChart(run, t));
	const sa = run.streamingAllocation;
	if (sa) {
		const ticks = sa.decisions.filter((d) => d.atMs <= t && d.ratio !== null);
		const flat = (y: number) => [
			{ x: 0, y, batchId: null },
			{ x: run.runMs, y, batchId: null }
		];
		charts.push({
			id: 'ratio',
			title: 'Processing time / batch interval, every scalingInterval',
			unit: 'ratio',
			x,
			series: [
				{
					id: 'ratio',
					label: 'ratio',
					colour: 'var(--c-blue)',
					points: ticks.map((d) => ({ x: d.atMs, y: d.ratio ?? 0, batchId: null }))
				},
				{
					id: 'up',
					label: `scale up ≥ ${sa.scalingUpRatio}`,
					colour: 'var(--c-green)',
					dashed: true,
					points: flat(sa.scalingUpRatio)
				},
				{
					id: 'down',
					label: `scale down ≤ ${sa.scalingDownRatio}`,
					colour: 'var(--c-vermillion)',
					dashed: true,
					points: flat(sa.scalingDownRatio)
				}
			]
		});
	}
	return charts;
}

const SIGNATURES = {
	lateDropped: {
		title: 'Late rows dropped by the watermark (total)',
		label: 'dropped',
		unit: 'rows'
	},
	dedupState: { title: 'Deduplication state rows', label: 'state rows', unit: 'rows' },
	files: { title: 'Files written by the sink (total)', label: 'files', unit: 'files' },
	corrupt: { title: 'Dead letters in _corrupt_record (total)', label: 'dead letters', unit: 'rows' }
} as const;

/** A challenge's signature counter per completed batch (basic-13), read off the run. */
function challengeChart(
	run: ClusterSimRun,
	b: readonly CBatch[],
	x: readonly [number, number]
): ChartSpec | null {
	const c = run.challenge;
	if (!c?.focus || c.focus === 'tasks') return null;
	const f = c.focus;
	const s = SIGNATURES[f];
	const ends = new Map(b.map((x) => [x.id, x.endMs]));
	const points = c.batches.flatMap((cb) => {
		const at = ends.get(cb.batchId);
		if (at === undefined) return [];
		const y =
			f === 'dedupState'
				? cb.dedupStateRows
				: f === 'lateDropped'
					? cb.totals.lateDropped
					: f === 'files'
						? cb.totals.files
						: cb.totals.corrupt;
		return [{ x: at, y, batchId: cb.batchId }];
	});
	return {
		id: 'challenge',
		title: s.title,
		unit: s.unit,
		x,
		series: [{ id: f, label: s.label, colour: 'var(--c-vermillion)', points }]
	};
}

/** Executors over time up to the cursor: registered (running) and asked for. */
function executorsChart(run: ClusterSimRun, t: number): ChartSpec {
	const upTo = run.executors.filter((e) => e.atMs <= t);
	const last = upTo[upTo.length - 1];
	const ext = <T extends { x: number; y: number; batchId: null }>(
		pts: T[],
		y: number | undefined
	) => (y === undefined ? pts : [...pts, { x: Math.min(t, run.runMs), y, batchId: null }]);
	return {
		id: 'executors',
		title: 'Executors',
		unit: 'executors',
		x: [0, run.runMs],
		series: [
			{
				id: 'running',
				label: 'running',
				colour: 'var(--c-green)',
				step: true,
				points: ext(
					upTo.map((e) => ({ x: e.atMs, y: e.running, batchId: null })),
					last?.running
				)
			},
			{
				id: 'requested',
				label: 'asked for',
				colour: 'var(--c-orange)',
				dashed: true,
				step: true,
				points: ext(
					upTo.map((e) => ({ x: e.atMs, y: e.requested, batchId: null })),
					last?.requested
				)
			}
		]
	};
}

/** The Spark UI twin's charts at the cursor, with Spark's titles and units. */
export function sparkUiCharts(run: ClusterSimRun, t: number): ChartSpec[] {
	const n = completedBy(run, t);
	if (run.progress) {
		const recent = recentProgress(run.progress, n - 1);
		const charts = structuredStreamingCharts(recent);
		const xs = recent.map((p) => Date.parse(p.timestamp));
		const x = [Math.min(...xs, run.startEpochMs), Math.max(...xs, run.startEpochMs + 1)] as const;
		return charts.map((c) => ({
			id: c.title.toLowerCase().replace(/[^a-z]+/g, '-'),
			title: c.title,
			unit: c.unit,
			x,
			series: c.stacked
				? Object.entries(c.stacked).map(([k, pts], i) => ({
						id: k,
						label: k,
						colour: PALETTE[i % PALETTE.length] ?? 'var(--fg)',
						points: pts.map((p) => ({ x: p.t, y: p.value, batchId: p.batchId }))
					}))
				: [
						{
							id: 'value',
							label: c.title,
							colour: 'var(--c-blue)',
							points: c.points.map((p) => ({ x: p.t, y: p.value, batchId: p.batchId }))
						}
					]
		}));
	}
	// The Streaming tab (StreamingPage): batches completed, by batch time.
	const b = done(run, t);
	const x = [0, Math.max(1, ...b.map((c) => c.dueMs))] as const;
	const one = (id: string, title: string, unit: string, f: (c: CBatch) => number): ChartSpec => ({
		id,
		title,
		unit,
		x,
		series: [
			{
				id: 'value',
				label: title,
				colour: 'var(--c-blue)',
				points: b.map((c) => ({ x: c.dueMs, y: f(c), batchId: c.id }))
			}
		]
	});
	const interval = run.intervalMs > 0 ? run.intervalMs : 1000;
	return [
		one('input-rate', 'Input Rate', 'records/sec', (c) => (c.records * 1000) / interval),
		one('scheduling-delay', 'Scheduling Delay', 'ms', (c) => c.schedulingDelayMs),
		one('processing-time', 'Processing Time', 'ms', (c) => c.processingMs),
		one('total-delay', 'Total Delay', 'ms', (c) => c.totalDelayMs)
	];
}

const PALETTE = [
	'var(--c-blue)',
	'var(--c-orange)',
	'var(--c-green)',
	'var(--c-vermillion)',
	'var(--c-sky)',
	'var(--c-purple)'
];

export interface GanttBar {
	/** The task, unique in the run (batch / task index): a bar keeps its element while it shows. */
	readonly id: string;
	readonly x: number;
	readonly w: number;
	readonly row: number;
	readonly batchId: number;
	/** 0: the scan's tasks; 1: the shuffle's (stateful) tasks. */
	readonly stage: number;
	/** Still running at the cursor (drawn to the cursor). */
	readonly running: boolean;
}

export interface GanttLayout {
	readonly width: number;
	readonly rows: number;
	readonly rowHeight: number;
	readonly from: number;
	readonly to: number;
	/** The plot's left edge and width: the window the bars are seen (and clipped) through. */
	readonly plotX: number;
	readonly plotW: number;
	/** Bars, bands and ticks sit at fixed x in the run (x = time × px per ms); the window scrolls
	 *  over them by this one offset. A bar keeps its x from frame to frame, so playing moves one
	 *  transform instead of every bar of the window (issue 10's frame budget). */
	readonly offset: number;
	readonly bars: readonly GanttBar[];
	readonly batches: readonly { x: number; w: number; batchId: number; late: boolean }[];
	readonly xTicks: readonly { x: number; label: string }[];
	/** Bars left out to keep the drawing light (the window holds more tasks than this). */
	readonly omitted: number;
}

const MAX_BARS = 1500;

/** Cores × time over the window before the cursor: every task of every batch in it. */
export function ganttLayout(run: ClusterSimRun, t: number, width: number): GanttLayout {
	const span = Math.max(10_000, 5 * (run.intervalMs || 2000));
	const to = Math.max(span, t);
	const from = to - span;
	const left = 56;
	const plotW = width - 8 - left;
	const pxPerMs = plotW / span;
	/** A time's x on the run's strip; the window shows [from, to] of it at `offset`. */
	const x = (ms: number) => ms * pxPerMs;
	const slots = slotsOf(run);
	const rows = Math.max(1, slots.size);
	const bars: GanttBar[] = [];
	const batches: GanttLayout['batches'][number][] = [];
	let omitted = 0;
	for (const b of run.batches) {
		if (b.startMs > t || b.endMs < from) continue;
		batches.push({
			x: x(b.startMs),
			w: Math.max(1, x(Math.min(t, b.endMs)) - x(b.startMs)),
			batchId: b.id,
			late: b.schedulingDelayMs > 0
		});
		for (const [i, k] of (b.tasks ?? []).entries()) {
			if (k.startMs > t || k.endMs < from) continue;
			if (bars.length >= MAX_BARS) {
				omitted++;
				continue;
			}
			const e = Math.min(t, k.endMs);
			bars.push({
				id: `${b.id}/${i}`,
				x: x(k.startMs),
				// A pixel apart, so back-to-back tasks on one core read as separate bars.
				w: Math.max(1, x(e) - x(k.startMs) - 1),
				row: slots.get(`${k.executor}:${k.core}`) ?? 0,
				batchId: b.id,
				stage: k.stage,
				running: k.endMs > t
			});
		}
	}
	const ticks = scaleLinear().domain([from, to]).ticks(6);
	return {
		width,
		rows,
		rowHeight: rows > 8 ? 8 : 14,
		from,
		to,
		plotX: left,
		plotW,
		offset: -x(from),
		bars,
		batches,
		xTicks: ticks.map((v) => ({ x: x(v), label: `${format('.0f')(v / 1000)} s` })),
		omitted
	};
}

const SLOTS = new WeakMap<ClusterSimRun, Map<string, number>>();

/** Each executor core a row, in executor then core order (computed once per run). */
function slotsOf(run: ClusterSimRun): Map<string, number> {
	const known = SLOTS.get(run);
	if (known) return known;
	const keys = new Map<string, [number, number]>();
	for (const b of run.batches)
		for (const k of b.tasks ?? []) keys.set(`${k.executor}:${k.core}`, [k.executor, k.core]);
	const sorted = [...keys.entries()].sort((a, b) => a[1][0] - b[1][0] || a[1][1] - b[1][1]);
	const out = new Map(sorted.map(([k], i) => [k, i]));
	SLOTS.set(run, out);
	return out;
}

export interface PidRow {
	readonly batchId: number;
	readonly at: string;
	readonly records: number;
	readonly processingMs: number;
	readonly schedulingMs: number;
	readonly processingRate: string;
	readonly error: string;
	readonly historicalError: string;
	readonly dError: string;
	readonly newRate: string;
}

const r0 = format(',.0f');
const r1 = format(',.1f');

/** The PID estimator's terms for the last few batches completed by the cursor. */
export function pidRows(run: ClusterSimRun, t: number, count = 5): PidRow[] {
	return done(run, t)
		.filter((b) => b.pid !== null)
		.slice(-count)
		.map((b) => {
			const p = b.pid;
			const v = (n: number | undefined, f = r0) => (n === undefined ? '–' : f(n));
			return {
				batchId: b.id,
				at: `${r1(b.endMs / 1000)} s`,
				records: b.records,
				processingMs: b.processingMs,
				schedulingMs: b.schedulingDelayMs,
				processingRate: v(p?.processingRate),
				error: v(p?.error),
				historicalError: v(p?.historicalError),
				dError: v(p?.dError, r1),
				newRate:
					p?.newRate === undefined
						? p?.firstRun
							? 'seeds latestRate'
							: 'skipped'
						: r0(Math.floor(p.newRate))
			};
		});
}
