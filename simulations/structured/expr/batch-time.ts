/**
 * current_timestamp() in a streaming query is the batch's timestamp, not a clock read per row:
 * MicroBatchExecution replaces CurrentTimestamp (and now(), LocalTimestamp, CurrentDate) with
 * CurrentBatchTimestamp(offsetSeqMetadata.batchTimestampMs) before it plans each batch, so every
 * row of a batch sees one value, and a batch re-run after a restart sees the value recorded in
 * its offset log (SPARK-SEMANTICS R1.3). The executor runs each batch's plan inside
 * `withBatchTimestamp`; a compiled current_timestamp() reads that value. The value is the
 * simulation's virtual clock, so a run stays deterministic.
 */

let current: number | null = null;

/** Runs `batch` with current_timestamp() = `timestampUs` (µs since the epoch). */
export function withBatchTimestamp<T>(timestampUs: number, batch: () => T): T {
	const outer = current;
	current = timestampUs;
	try {
		return batch();
	} finally {
		current = outer;
	}
}

/** The running batch's timestamp (µs). Only a batch evaluates rows, so there always is one. */
export function batchTimestampUs(): number {
	if (current === null)
		throw new Error('current_timestamp() was evaluated outside a micro-batch (no batch timestamp)');
	return current;
}
