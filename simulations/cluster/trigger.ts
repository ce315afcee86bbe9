/**
 * When the next micro-batch starts (ProcessingTimeExecutor.execute / nextBatchTime; SPARK-SEMANTICS
 * R1.4.2). With `trigger(processingTime=T)`, after a trigger that started at `start` the next one
 * is due at the next multiple of T after `start` (epoch grid); if the batch ran past it, the next
 * starts as soon as the batch ends (no catch-up of missed slots). With the default trigger
 * (T = 0) the next batch starts as soon as the previous ends, and after a trigger that found no
 * data the loop sleeps `spark.sql.streaming.pollingDelay` (10 ms).
 */

export const POLLING_DELAY_MS = 10;

/** nextBatchTime(now) = now / T * T + T (integer division). */
export function nextGridTime(startMs: number, intervalMs: number): number {
	return Math.floor(startMs / intervalMs) * intervalMs + intervalMs;
}

/** Start of the next trigger after one that started at `startMs` and finished at `endMs`. */
export function nextTriggerStart(
	startMs: number,
	endMs: number,
	intervalMs: number,
	ranBatch: boolean
): { due: number; start: number } {
	if (intervalMs <= 0) {
		const at = ranBatch ? endMs : endMs + POLLING_DELAY_MS;
		return { due: at, start: at };
	}
	const due = nextGridTime(startMs, intervalMs);
	return { due, start: Math.max(due, endMs) };
}
