/**
 * What one micro-batch hands the physical operators (IncrementalExecution's per-batch state):
 * the rows each source produced for (startOffset, endOffset], the event-time statistics the
 * EventTimeWatermark nodes collect, and per stateful operator its late-event and eviction
 * watermarks (SPARK-SEMANTICS R2.6, R5.7) plus the metrics it reports into the progress.
 */
import type { Value } from '../expr/ast';
import type { EventTimeStats } from '../operators/watermark';
import type { RunBudget } from '../../core/budget';
import type { JoinTrace } from '../operators/join';

export type Row = readonly Value[];

export interface OperatorMetrics {
	numRowsTotal: number;
	numRowsUpdated: number;
	numRowsRemoved: number;
	numRowsDroppedByWatermark: number;
	/** Dedup only: duplicates dropped this batch. */
	numDroppedDuplicateRows?: number;
	/** Rows written to the operator's output this batch. */
	numOutputRows: number;
	/** For the trace: groups (key columns + current aggregates) touched this batch. */
	updatedRows?: readonly Row[];
	/** For the trace: state rows the eviction watermark removed this batch. */
	evictedRows?: readonly Row[];
	/** For the trace (session windows): sessions that merged into another and are gone. */
	mergedRows?: readonly Row[];
	/** For the trace: what was dropped as late (groups for an aggregation, raw rows otherwise). */
	droppedRows?: readonly Row[];
	/** Stream-stream join only, for the trace: what each side's buffer stored and evicted, the
	 *  null rows an outer side wrote, the pairs joined, each side's eviction bound. */
	joinTrace?: JoinTrace;
	/** Dedup only, for the trace: the rows dropped as duplicates of a key in state. */
	duplicateRows?: readonly Row[];
}

export interface BatchContext {
	readonly batchId: number;
	readonly input: ReadonlyMap<string, readonly Row[]>;
	readonly stats: Map<number, EventTimeStats>;
	/** Global watermark of the previous batch (late filter) and of this batch (eviction). */
	readonly lateWatermarkMs: number;
	readonly evictionWatermarkMs: number;
	readonly metrics: OperatorMetrics[];
	/** The batch's timestamp (offsets/N batchTimestampMs): processing-time timeouts, timers,
	 *  GroupState.getCurrentProcessingTimeMs; the same when the batch is re-run. */
	readonly batchTimestampMs?: number;
	/** The run's work budget (rows through the engine), when the run has one. */
	readonly budget?: RunBudget;
}

export const emptyMetrics = (): OperatorMetrics => ({
	numRowsTotal: 0,
	numRowsUpdated: 0,
	numRowsRemoved: 0,
	numRowsDroppedByWatermark: 0,
	numOutputRows: 0
});
