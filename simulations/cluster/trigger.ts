/**
 * When the next micro-batch starts, and when it was due, from SIM-1's trigger rules
 * (../structured/runtime/trigger-policy.ts: ProcessingTimeExecutor.nextBatchTime, pollingDelay after an idle
 * attempt; SPARK-SEMANTICS R1.4.2). The cluster model only adds `due`, the grid time the batch
 * was meant to start, so a batch that starts late because the previous one overran shows its
 * scheduling delay (start − due).
 */
import { nextBatchTime, nextTriggerAt } from '../structured/runtime/trigger-policy';

export { POLLING_DELAY_MS } from '../structured/runtime/trigger-policy';

/** Start of the next trigger after one that started at `startMs` and finished at `endMs`. */
export function nextTriggerStart(
	startMs: number,
	endMs: number,
	intervalMs: number,
	ranBatch: boolean
): { due: number; start: number } {
	const trigger = { kind: 'processingTime', intervalMs: Math.max(0, intervalMs) } as const;
	const start = nextTriggerAt(trigger, startMs, endMs, ranBatch, 0);
	const due = intervalMs > 0 ? nextBatchTime(startMs, intervalMs) : start;
	return { due, start };
}
