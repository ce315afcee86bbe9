/**
 * The progress' `sink` entry (org.apache.spark.sql.streaming.SinkProgress): `description` is the
 * sink's toString and `numOutputRows` is "Number of rows written to the sink or -1 for Continuous
 * Mode (temporarily) or Sink V1 (until decommissioned)". The count comes from the V2 write's
 * `numOutputRows` metric, which the data writers bump per row, so a V2 sink reports the batch's
 * rows even when its driver-side commit then skips the batch (the memory sink on a replay).
 * V1 sinks (the file sink, hence toTable, and foreachBatch) always report -1.
 */
import type { StreamingSink } from './contract';

export interface SinkProgress {
	readonly description: string;
	readonly numOutputRows: number;
}

const V1_SINKS: ReadonlySet<StreamingSink['kind']> = new Set(['file', 'table', 'foreachBatch']);

export function sinkProgress(sink: StreamingSink, rowsInBatch: number): SinkProgress {
	return {
		description: sink.description,
		numOutputRows: V1_SINKS.has(sink.kind) ? -1 : rowsInBatch
	};
}
