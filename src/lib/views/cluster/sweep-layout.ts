/**
 * A sweep as geometry (pure: tested without a DOM). Two charts from the engine's points:
 * - latency against throughput: one point per setting run (p50 and p95 of end-to-end latency,
 *   log scale, since a setting that falls behind is minutes late), joined in setting order, the
 *   program's setting ringed and the knee marked;
 * - batch duration against the swept setting; for the trigger, the interval itself as a dashed
 *   diagonal: the knee is where the two meet (batch duration ≈ trigger interval), and to its left
 *   batches run back to back. For shuffle partitions, the cluster's cores as a dashed line.
 * Nothing here decides an outcome: every number is the engine's.
 */
import { scaleLinear, scaleLog } from 'd3-scale';
import { format } from 'd3-format';
import type { SweepPoint, SweepResult } from '$sim/kinds/cluster';

export interface SweepDot {
	readonly value: number;
	readonly label: string;
	readonly x: number;
	readonly y50: number;
	readonly y95: number;
	readonly current: boolean;
	readonly knee: boolean;
	readonly behind: boolean;
	/** Its value is written beside it (not when it would overlap a neighbour's). */
	readonly labelled: boolean;
	readonly point: SweepPoint;
}

export interface Tick {
	readonly at: number;
	readonly label: string;
}

export interface SweepChart {
	readonly width: number;
	readonly height: number;
	readonly plot: { left: number; top: number; right: number; bottom: number };
	readonly xTicks: readonly Tick[];
	readonly yTicks: readonly Tick[];
}

export interface SweepLayout {
	readonly over: SweepResult['over'];
	/** What the swept setting is called, as the program says it. */
	readonly setting: string;
	readonly tradeoff: SweepChart & {
		readonly dots: readonly SweepDot[];
		readonly p50: string;
		readonly p95: string;
	};
	readonly duration: SweepChart & {
		readonly dots: readonly {
			x: number;
			y: number;
			value: number;
			label: string;
			current: boolean;
			knee: boolean;
		}[];
		readonly path: string;
		/** The bound the duration is read against (the interval's diagonal, or the cores). */
		readonly guide: { d: string; label: string; lx: number; ly: number } | null;
		readonly kneeX: number | null;
	};
}

const SETTING: Record<SweepResult['over'], string> = {
	triggerInterval: 'trigger interval',
	shufflePartitions: 'spark.sql.shuffle.partitions',
	maxOffsetsPerTrigger: 'maxOffsetsPerTrigger'
};

const compact = format('~s');
const seconds = (ms: number): string =>
	ms >= 10_000 ? `${Math.round(ms / 1000)} s` : `${Number((ms / 1000).toFixed(1))} s`;

/** How a swept value reads (0 = the default trigger, or no limit). */
export function sweepValueLabel(over: SweepResult['over'], v: number): string {
	if (over === 'triggerInterval') return v === 0 ? 'default' : seconds(v);
	if (over === 'maxOffsetsPerTrigger') return v === 0 ? 'no limit' : compact(v);
	return String(v);
}

const PAD = { left: 46, top: 10, right: 12, bottom: 30 };

function frame(width: number, height: number) {
	return {
		width,
		height,
		plot: {
			left: PAD.left,
			top: PAD.top,
			right: width - PAD.right,
			bottom: height - PAD.bottom
		}
	};
}

const pathOf = (pts: readonly { x: number; y: number }[]): string =>
	pts.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join('');

export function sweepLayout(s: SweepResult, width: number, height: number): SweepLayout {
	const pts = s.points;
	// Latency against throughput.
	const a = frame(width, height);
	const tx = pts.map((p) => p.throughput);
	const lo = Math.min(...tx);
	const hi = Math.max(...tx);
	const span = Math.max(1, hi - lo);
	const x = scaleLinear()
		.domain([Math.max(0, lo - span * 0.15), hi + span * 0.15])
		.nice(4)
		.range([a.plot.left, a.plot.right]);
	const lats = pts.flatMap((p) => [p.p50Ms, p.p95Ms]).map((v) => Math.max(100, v));
	const y = scaleLog()
		.domain([Math.min(...lats) * 0.8, Math.max(...lats) * 1.25])
		.range([a.plot.bottom, a.plot.top]);
	const dots: SweepDot[] = pts.map((p) => ({
		value: p.value,
		label: sweepValueLabel(s.over, p.value),
		x: x(p.throughput),
		y50: y(Math.max(100, p.p50Ms)),
		y95: y(Math.max(100, p.p95Ms)),
		current: p.value === s.current,
		knee: p.value === s.knee,
		behind: p.behind,
		labelled: true,
		point: p
	}));
	// Points that crowd (back-to-back triggers, a ceiling) keep one label: the current point's,
	// else the first.
	const labelled: SweepDot[] = [];
	for (const d of dots) {
		const near = labelled.findIndex((o) => Math.hypot(o.x - d.x, o.y50 - d.y50) < 24);
		if (near < 0) labelled.push(d);
		else if (d.current) labelled[near] = d;
	}
	const shown = dots.map((d) => ({ ...d, labelled: labelled.includes(d) }));
	const yTicks = y
		.ticks(4)
		.filter((v) => [1, 2, 5].includes(Number(String(v)[0])))
		.map((v) => ({ at: y(v), label: seconds(v) }));
	const tradeoff = {
		...a,
		xTicks: x.ticks(4).map((v) => ({ at: x(v), label: compact(v) })),
		yTicks,
		dots: shown,
		p50: pathOf(dots.map((d) => ({ x: d.x, y: d.y50 }))),
		p95: pathOf(dots.map((d) => ({ x: d.x, y: d.y95 })))
	};

	// Batch duration against the setting.
	const b = frame(width, height);
	const vals = pts.map((p) => p.value);
	const positive = vals.filter((v) => v > 0);
	// Partitions and offsets span orders of magnitude: a log axis, with "0" (none) at its left.
	const logX = s.over !== 'triggerInterval';
	const minPos = Math.min(...positive);
	const place = logX
		? (() => {
				const l = scaleLog()
					.domain([minPos, Math.max(...positive)])
					.range(
						// "No limit" sits past the largest limit; 0 partitions cannot be swept.
						[b.plot.left, b.plot.right - (vals.includes(0) ? 36 : 0)]
					);
				return (v: number) => (v <= 0 ? b.plot.right : l(v));
			})()
		: (() => {
				const l = scaleLinear()
					.domain([0, Math.max(...vals)])
					.range([b.plot.left, b.plot.right]);
				return (v: number) => l(v);
			})();
	const durMax = Math.max(...pts.map((p) => p.meanBatchMs), s.over === 'triggerInterval' ? 0 : 1);
	const yd = scaleLinear()
		.domain([0, durMax * 1.1])
		.nice(4)
		.range([b.plot.bottom, b.plot.top]);
	const ddots = pts.map((p) => ({
		x: place(p.value),
		y: yd(p.meanBatchMs),
		value: p.value,
		label: sweepValueLabel(s.over, p.value),
		current: p.value === s.current,
		knee: p.value === s.knee
	}));
	let guide: SweepLayout['duration']['guide'] = null;
	if (s.over === 'triggerInterval') {
		// batch duration = interval: the diagonal, drawn up to the top of the chart.
		const top = Math.min(Math.max(...vals), yd.domain()[1] ?? 0);
		guide = {
			d: pathOf([
				{ x: place(0), y: yd(0) },
				{ x: place(top), y: yd(top) }
			]),
			label: 'duration = interval',
			lx: place(top),
			ly: yd(top)
		};
	} else if (s.over === 'shufflePartitions' && s.cores >= minPos) {
		const cx = place(s.cores);
		guide = {
			d: `M${cx.toFixed(1)},${b.plot.top}L${cx.toFixed(1)},${b.plot.bottom}`,
			label: `${s.cores} cores`,
			lx: cx,
			ly: b.plot.top + 10
		};
	}
	const ticksX = logX
		? vals.filter((_, i) => i % 2 === 0 || i === vals.length - 1 || vals[i] === 0)
		: [0, 5000, 10_000, 15_000, 20_000, 25_000, 30_000].filter((v) => v <= Math.max(...vals));
	return {
		over: s.over,
		setting: SETTING[s.over],
		tradeoff,
		duration: {
			...b,
			xTicks: ticksX.map((v) => ({ at: place(v), label: sweepValueLabel(s.over, v) })),
			yTicks: yd.ticks(4).map((v) => ({ at: yd(v), label: seconds(v) })),
			dots: ddots,
			path: pathOf(ddots),
			guide,
			kneeX: s.knee === null ? null : place(s.knee)
		}
	};
}
