/**
 * Where the watermark will stand, batch by batch, so a preset can script a row on a chosen side
 * of it. The rules are the engine's (SPARK-SEMANTICS R1.5, R2.2–R2.6): a processingTime trigger
 * ticks at 0, T, 2T, ...; rows arriving at or before a tick are in its batch; each node's
 * watermark is max(event time) − delay after a batch, the global one min or max over nodes
 * (a node without data counts as 0), used from the next batch; rows are judged late against the
 * previous batch's watermark and state is evicted with the current one; a tick without data runs
 * a no-data batch only when the watermark moved. Batches are taken to finish within one tick.
 */
import {
	addEventTime,
	advanceWatermark,
	emptyStats,
	initialWatermark,
	type WatermarkPolicy
} from '../../structured/operators/watermark';
import { EPOCH_OFFSET_MS, type SimEvent } from './question';

export interface WatermarkInput {
	readonly events: readonly SimEvent[];
	readonly delayMs: number;
}

export interface PlannedBatch {
	readonly batchId: number;
	/** Virtual processing time of the trigger that ran the batch. */
	readonly triggerAtMs: number;
	readonly noData: boolean;
	/** batchWatermarkMs (virtual ms): evicts state and emits append-mode results. */
	readonly watermarkMs: number;
	/** The previous batch's watermark (virtual ms): input rows at or below it are late. */
	readonly lateWatermarkMs: number;
}

export function planBatches(
	inputs: readonly WatermarkInput[],
	policy: WatermarkPolicy,
	triggerIntervalMs: number,
	untilMs: number
): PlannedBatch[] {
	const queues = inputs.map((i) => [...i.events].sort((a, b) => a.arrivalMs - b.arrivalMs));
	const next = inputs.map(() => 0);
	const nodes = inputs.map((i, nodeId) => ({ nodeId, delayMs: i.delayMs }));
	let state = initialWatermark(0);
	let prevBatchWatermark = 0;
	const batches: PlannedBatch[] = [];
	for (let t = 0; t <= untilMs; t += triggerIntervalMs) {
		const stats = new Map<number, ReturnType<typeof emptyStats>>();
		queues.forEach((queue, nodeId) => {
			const s = emptyStats();
			let i = next[nodeId] ?? 0;
			for (; i < queue.length && (queue[i]?.arrivalMs ?? Infinity) <= t; i++) {
				addEventTime(s, (queue[i]?.eventTimeMs ?? 0) + EPOCH_OFFSET_MS);
			}
			next[nodeId] = i;
			if (s.count > 0) stats.set(nodeId, s);
		});
		const last = batches.at(-1);
		const watermark = state.globalMs;
		const moved = last !== undefined && watermark !== last.watermarkMs + EPOCH_OFFSET_MS;
		if (stats.size === 0 && !moved) continue;
		batches.push({
			batchId: batches.length,
			triggerAtMs: t,
			noData: stats.size === 0,
			watermarkMs: watermark - EPOCH_OFFSET_MS,
			lateWatermarkMs: prevBatchWatermark - EPOCH_OFFSET_MS
		});
		prevBatchWatermark = watermark;
		state = advanceWatermark(state, nodes, stats, policy);
	}
	return batches;
}
