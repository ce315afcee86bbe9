/**
 * Event-time watermark tracking (SPARK-SEMANTICS R2.2–R2.5, WatermarkTracker.updateWatermark).
 * Each EventTimeWatermark node records max event time (ms) of every row passing it, late rows
 * included. At the end of a batch its watermark becomes max - delay only if larger than before;
 * a node that never saw data counts as 0. The global watermark is min (default) or max over the
 * nodes, only moves forward, and is used by the NEXT batch. After a restart the per-node values
 * start empty and only the global value comes back from the commit log.
 */
import { maxOf, minOf } from '../../core/arrays';

export type WatermarkPolicy = 'min' | 'max';

export interface WatermarkState {
	/** Per EventTimeWatermark node id: its watermark in ms (absent = never saw data). */
	readonly perNode: Readonly<Record<number, number>>;
	/** `batchWatermarkMs` for the next batch. */
	readonly globalMs: number;
}

export const initialWatermark = (globalMs = 0): WatermarkState => ({ perNode: {}, globalMs });

/** Per-node event-time statistics of one batch (ms), as EventTimeStats. */
export interface EventTimeStats {
	max: number;
	min: number;
	sum: number;
	count: number;
}

export const emptyStats = (): EventTimeStats => ({
	max: -Infinity,
	min: Infinity,
	sum: 0,
	count: 0
});

export function addEventTime(stats: EventTimeStats, ms: number): void {
	if (ms > stats.max) stats.max = ms;
	if (ms < stats.min) stats.min = ms;
	stats.sum += ms;
	stats.count++;
}

/** The watermark after a batch: `nodes` lists every EventTimeWatermark node with its delay. */
export function advanceWatermark(
	state: WatermarkState,
	nodes: readonly { readonly nodeId: number; readonly delayMs: number }[],
	stats: ReadonlyMap<number, EventTimeStats>,
	policy: WatermarkPolicy
): WatermarkState {
	if (nodes.length === 0) return state;
	const perNode: Record<number, number> = { ...state.perNode };
	const values: number[] = [];
	for (const { nodeId, delayMs } of nodes) {
		const s = stats.get(nodeId);
		if (s && s.count > 0) {
			const candidate = s.max - delayMs;
			const prev = perNode[nodeId];
			if (prev === undefined || candidate > prev) perNode[nodeId] = candidate;
		}
		values.push(perNode[nodeId] ?? 0);
	}
	const chosen = policy === 'max' ? maxOf(values) : minOf(values);
	return { perNode, globalMs: chosen > state.globalMs ? chosen : state.globalMs };
}

/** Spark's late predicate (R2.7): an event time (µs) is older than the watermark iff <= W. */
export const isLate = (eventTimeUs: number, watermarkMs: number): boolean =>
	eventTimeUs <= watermarkMs * 1000;
