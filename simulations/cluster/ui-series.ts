/**
 * The Spark UI's Structured Streaming statistics page as data (StreamingQueryStatisticsPage
 * `generateStatTable`, `generateWatermark`, `generateAggregatedStateOperators`): its charts in
 * page order, with Spark's titles and units, drawn from `recentProgress` — so, like the real
 * page, only the newest progress entries (spark.sql.streaming.numRecentProgressUpdates = 100
 * keeps 99, R1.6.9) are on it.
 * - Global Watermark Gap only when the last progress has a watermark, and only points whose
 *   watermark is > 0: (batch timestamp − watermark) / 1000 seconds.
 * - The four state charts only when the last progress has stateful operators; each sums over
 *   the operators.
 * - Operation Duration stacks durationMs without triggerExecution (which contains the others).
 */
import type { FullStreamingQueryProgress } from './progress';

export const NUM_RECENT_PROGRESS_UPDATES = 100;

/** recentProgress after the progress at `upTo`: the newest 99 (dequeued while size ≥ 100). */
export function recentProgress<T>(all: readonly T[], upTo = all.length - 1): T[] {
	const end = Math.min(all.length, upTo + 1);
	return all.slice(Math.max(0, end - (NUM_RECENT_PROGRESS_UPDATES - 1)), end);
}

export interface UiPoint {
	/** Progress timestamp, epoch ms. */
	readonly t: number;
	readonly batchId: number;
	readonly value: number;
}

export interface UiChart {
	readonly title: string;
	readonly unit: 'records/sec' | 'records' | 'ms' | 'seconds' | 'bytes';
	readonly points: readonly UiPoint[];
	/** Operation Duration only: one series per durationMs key. */
	readonly stacked?: Readonly<Record<string, readonly UiPoint[]>>;
}

export function structuredStreamingCharts(
	recent: readonly FullStreamingQueryProgress[]
): UiChart[] {
	const last = recent[recent.length - 1];
	if (!last) return [];
	const ts = (p: FullStreamingQueryProgress) => Date.parse(p.timestamp);
	const series = (f: (p: FullStreamingQueryProgress) => number): UiPoint[] =>
		recent.map((p) => ({ t: ts(p), batchId: p.batchId, value: f(p) }));
	const sum = (
		p: FullStreamingQueryProgress,
		f: (o: FullStreamingQueryProgress['stateOperators'][number]) => number
	) => p.stateOperators.reduce((a, o) => a + f(o), 0);
	const keys = [...new Set(recent.flatMap((p) => Object.keys(p.durationMs)))].filter(
		(k) => k !== 'triggerExecution'
	);
	const stacked: Record<string, UiPoint[]> = {};
	for (const k of keys) stacked[k] = series((p) => p.durationMs[k] ?? 0);
	const charts: UiChart[] = [
		{ title: 'Input Rate', unit: 'records/sec', points: series((p) => p.inputRowsPerSecond) },
		{ title: 'Process Rate', unit: 'records/sec', points: series((p) => p.processedRowsPerSecond) },
		{ title: 'Input Rows', unit: 'records', points: series((p) => p.numInputRows) },
		{ title: 'Batch Duration', unit: 'ms', points: series((p) => p.batchDuration) },
		{ title: 'Operation Duration', unit: 'ms', points: [], stacked }
	];
	if (last.eventTime?.watermark !== undefined) {
		const points: UiPoint[] = [];
		for (const p of recent) {
			const wm = p.eventTime?.watermark === undefined ? 0 : Date.parse(p.eventTime.watermark);
			if (wm > 0) points.push({ t: ts(p), batchId: p.batchId, value: (ts(p) - wm) / 1000 });
		}
		if (points.length > 0) charts.push({ title: 'Global Watermark Gap', unit: 'seconds', points });
	}
	if (last.stateOperators.length > 0) {
		charts.push(
			{
				title: 'Aggregated Number Of Total State Rows',
				unit: 'records',
				points: series((p) => sum(p, (o) => o.numRowsTotal))
			},
			{
				title: 'Aggregated Number Of Updated State Rows',
				unit: 'records',
				points: series((p) => sum(p, (o) => o.numRowsUpdated))
			},
			{
				title: 'Aggregated State Memory Used In Bytes',
				unit: 'bytes',
				points: series((p) => sum(p, (o) => o.memoryUsedBytes))
			},
			{
				title: 'Aggregated Number Of Rows Dropped By Watermark',
				unit: 'records',
				points: series((p) => sum(p, (o) => o.numRowsDroppedByWatermark))
			}
		);
	}
	return charts;
}
