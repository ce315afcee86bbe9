/**
 * The StreamingQueryProgress of one batch as `query.lastProgress` prints it (SPARK-SEMANTICS.md
 * R1.6): Spark's field names and JSON order, plus a one-line summary for the panel's heading.
 */
import type { ProgressRecord } from '$sim/kinds/micro-batch';

export function progressJson(p: ProgressRecord): string {
	// Spark writes the two rates as decimals of scale 1 (SafeJsonSerializer.safeDecimalToJValue):
	// 100 prints as 100.0.
	return JSON.stringify(p, null, 2).replace(
		/("(?:inputRowsPerSecond|processedRowsPerSecond)": )(-?\d+)(?=,?\n)/g,
		'$1$2.0'
	);
}

export function progressSummary(p: ProgressRecord): string {
	const d = p.durationMs;
	return (
		`batch ${p.batchId}: ${p.numInputRows} rows, ${p.inputRowsPerSecond} in/s, ` +
		`${p.processedRowsPerSecond} processed/s, triggerExecution ${d.triggerExecution ?? 0} ms ` +
		`(addBatch ${d.addBatch ?? 0} ms)`
	);
}
