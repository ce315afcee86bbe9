/**
 * Triggers (SPARK-SEMANTICS.md R1.4; TriggerExecutor.scala). processingTime = T waits until
 * `nextBatchTime(now) = now / T * T + T`, computed on the epoch clock from the trigger's start;
 * a batch that ends later than that starts the next trigger at once (missed ticks are skipped,
 * never caught up). The default trigger is ProcessingTime(0): back to back, and an attempt that
 * found no data sleeps pollingDelay (10 ms) before polling again.
 */
export type TriggerKind = 'default' | 'processingTime' | 'once' | 'availableNow';

export interface TriggerSpec {
	readonly kind: TriggerKind;
	/** processingTime only; 0 behaves as the default trigger. */
	readonly intervalMs: number;
}

/** spark.sql.streaming.pollingDelay */
export const POLLING_DELAY_MS = 10;

/** ProcessingTimeExecutor.nextBatchTime on the epoch clock (integer division, as in Scala). */
export function nextBatchTime(nowEpochMs: number, intervalMs: number): number {
	if (intervalMs === 0) return nowEpochMs;
	return Math.floor(nowEpochMs / intervalMs) * intervalMs + intervalMs;
}

/**
 * When the next trigger attempt starts, given when this one started and when it finished.
 * `epochOffsetMs` converts virtual time to the epoch clock the grid is aligned to.
 */
export function nextTriggerAt(
	trigger: TriggerSpec,
	startedAt: number,
	finishedAt: number,
	ranBatch: boolean,
	epochOffsetMs: number
): number {
	const interval = trigger.kind === 'processingTime' ? trigger.intervalMs : 0;
	// An idle attempt sleeps pollingDelay inside the trigger handler (MicroBatchExecution).
	const handlerEnd = ranBatch ? finishedAt : finishedAt + POLLING_DELAY_MS;
	if (interval === 0) return handlerEnd;
	const next = nextBatchTime(startedAt + epochOffsetMs, interval) - epochOffsetMs;
	// clock.waitTillTime(next) returns at once when the batch already ran past it.
	return Math.max(next, handlerEnd);
}

/** ProcessingTimeExecutor logs "Current batch is falling behind" when elapsed > interval. */
export function isFallingBehind(trigger: TriggerSpec, elapsedMs: number): boolean {
	return (
		trigger.kind === 'processingTime' && trigger.intervalMs > 0 && elapsedMs > trigger.intervalMs
	);
}

export function fallingBehindMessage(intervalMs: number, elapsedMs: number): string {
	// The stray `}` is in Spark's own log line.
	return `Current batch is falling behind. The trigger interval is ${intervalMs}} milliseconds, but spent ${elapsedMs} milliseconds`;
}
