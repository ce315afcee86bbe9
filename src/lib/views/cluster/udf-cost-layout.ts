/**
 * advanced-13's drawing, as plain geometry: each way of writing the transformation as a bar of
 * its throughput ceiling (rows/s, log scale) against the input rate, and each finished batch as
 * a column of its duration split by where its tasks' time went (JVM, serialization + transfer to
 * Python workers, Python), with the trigger interval across. Pure: tested in tests/unit/views.
 */
import type { ClusterSimRun, CostParts } from '$sim/kinds/cluster';

export const UDF_LABELS: Readonly<Record<string, string>> = {
	builtin: 'built-in expression',
	python: 'Python UDF (@udf)',
	arrow: 'Arrow UDF (useArrow=True)',
	pandas: 'pandas UDF (@pandas_udf)'
};

export type CostPart = keyof CostParts;
export const PARTS: readonly CostPart[] = ['jvmMs', 'transferMs', 'pythonMs'];
export const PART_LABELS: Readonly<Record<CostPart, string>> = {
	jvmMs: 'JVM',
	transferMs: 'serialization + transfer',
	pythonMs: 'Python'
};

export interface CeilingBar {
	readonly kind: string;
	readonly label: string;
	readonly rowsPerSecond: number;
	readonly y: number;
	readonly width: number;
	readonly current: boolean;
	/** Its ceiling is under the input rate: this way cannot keep up. */
	readonly below: boolean;
}

export interface BatchColumn {
	readonly id: number;
	readonly x: number;
	readonly w: number;
	readonly durationMs: number;
	readonly over: boolean;
	readonly segments: readonly { readonly part: CostPart; readonly y: number; readonly h: number }[];
}

export interface UdfCostLayout {
	readonly ceilings: {
		readonly width: number;
		readonly height: number;
		readonly left: number;
		readonly bars: readonly CeilingBar[];
		readonly barH: number;
		readonly rateX: number;
		readonly rate: number;
		readonly ticks: readonly { readonly x: number; readonly label: string }[];
	};
	readonly batches: {
		readonly width: number;
		readonly height: number;
		readonly columns: readonly BatchColumn[];
		readonly intervalY: number | null;
		readonly maxMs: number;
		readonly top: number;
		readonly bottom: number;
	};
	/** The newest finished batch's split (ms of task time), or null before the first. */
	readonly last: {
		readonly id: number;
		readonly parts: CostParts;
		readonly durationMs: number;
	} | null;
}

const compact = (x: number): string =>
	x >= 1e6 ? `${Number((x / 1e6).toFixed(1))} M` : x >= 1e3 ? `${Math.round(x / 1e3)} k` : `${x}`;

export function udfCostLayout(
	run: ClusterSimRun,
	t: number,
	width: number,
	rate: number
): UdfCostLayout {
	const left = 190;
	const right = Math.max(left + 80, width - 70);
	const lo = 1e3;
	const hi = 1e7;
	const xOf = (v: number) =>
		left +
		((Math.log10(Math.min(hi, Math.max(lo, v))) - 3) / (Math.log10(hi) - 3)) * (right - left);
	const barH = 22;
	const bars: CeilingBar[] = (run.ceilings ?? []).map((c, i) => ({
		kind: c.kind,
		label: UDF_LABELS[c.kind] ?? c.kind,
		rowsPerSecond: c.rowsPerSecond,
		y: 8 + i * (barH + 10),
		width: xOf(c.rowsPerSecond) - left,
		current: c.current,
		below: c.rowsPerSecond < rate
	}));
	const ticks = [1e3, 1e4, 1e5, 1e6, 1e7].map((v) => ({ x: xOf(v), label: compact(v) }));

	const done = run.batches.filter((b) => b.endMs <= t && b.costParts);
	const height = 150;
	const top = 8;
	const bottom = height - 18;
	// Scaled to the run's longest batch, so a 60 ms batch's split is visible; the trigger
	// interval is drawn when it is on that scale, and said otherwise.
	const maxMs = Math.max(
		1,
		...run.batches.filter((b) => b.endMs <= run.runMs).map((b) => b.processingMs * 1.1)
	);
	const slots = Math.max(1, run.batches.length);
	const slotW = width / slots;
	const yOf = (ms: number) => bottom - (ms / maxMs) * (bottom - top);
	const columns: BatchColumn[] = done.map((b) => {
		const p = b.costParts as CostParts;
		const total = p.jvmMs + p.transferMs + p.pythonMs;
		let y = bottom;
		const segments = PARTS.map((part) => {
			// The duration split in proportion to the tasks' time (they run on several cores).
			const h = total > 0 ? ((p[part] / total) * b.processingMs * (bottom - top)) / maxMs : 0;
			y -= h;
			return { part, y, h };
		});
		return {
			id: b.id,
			x: b.id * slotW + 1,
			w: Math.max(1, slotW - 2),
			durationMs: b.processingMs,
			over: run.intervalMs > 0 && b.processingMs > run.intervalMs,
			segments
		};
	});
	const newest = done[done.length - 1];
	return {
		ceilings: {
			width,
			height: 8 + bars.length * (barH + 10) + 20,
			left,
			bars,
			barH,
			rateX: xOf(rate),
			rate,
			ticks
		},
		batches: {
			width,
			height,
			columns,
			intervalY: run.intervalMs > 0 && run.intervalMs <= maxMs ? yOf(run.intervalMs) : null,
			maxMs,
			top,
			bottom
		},
		last: newest?.costParts
			? { id: newest.id, parts: newest.costParts, durationMs: newest.processingMs }
			: null
	};
}
