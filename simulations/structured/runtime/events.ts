/**
 * The engine's trace vocabulary: what one micro-batch did, in the order Spark does it
 * (SPARK-SEMANTICS R1.2): plan the batch and write offsets/N, read the sources, run the
 * operators (late rows dropped, state changed), write to the sink, advance the watermark and
 * write commits/N, report progress. The UI plays these back; the words are Spark's.
 */
import type { Row } from './context';
import type { StreamingQueryProgress } from './progress';
import type { SourceOffset } from './stream-inputs';
import type { JoinTrace } from '../operators/join';

export interface OffsetLogEntry {
	readonly batchId: number;
	readonly batchWatermarkMs: number;
	readonly batchTimestampMs: number;
	/** End offset of each source for this batch: a MemoryStream's block count, or the source's
	 *  offset JSON (the line offsets/N holds); a source with no offset yet is absent. */
	readonly offsets: Readonly<Record<string, SourceOffset>>;
}

export interface CommitLogEntry {
	readonly batchId: number;
	readonly nextBatchWatermarkMs: number;
}

export type EngineEvent =
	| {
			readonly type: 'batchPlanned';
			readonly batchId: number;
			/** A no-data batch run only because the watermark moved (R1.5). */
			readonly noData: boolean;
			readonly batchWatermarkMs: number;
			/** Re-running a batch whose offsets were logged but never committed (R1.3). */
			readonly replayed?: boolean;
	  }
	| { readonly type: 'offsetLogWritten'; readonly entry: OffsetLogEntry }
	| {
			readonly type: 'rowsArrived';
			readonly batchId: number;
			readonly source: string;
			readonly rows: readonly Row[];
	  }
	| {
			readonly type: 'rowsDroppedLate';
			readonly batchId: number;
			readonly operatorId: number;
			readonly numRowsDroppedByWatermark: number;
			/** Aggregation: the late groups (key columns); session window: each late row's key
			 *  columns and its start; other operators: the raw rows. */
			readonly rows: readonly Row[];
	  }
	/** Rows a deduplication dropped because their key was already in its state (the count is
	 *  numDroppedDuplicateRows of its progress). */
	| {
			readonly type: 'rowsDeduplicated';
			readonly batchId: number;
			readonly operatorId: number;
			readonly rows: readonly Row[];
	  }
	/** A stream-stream join's two buffers this batch (StreamingSymmetricHashJoinExec's state):
	 *  rows stored and evicted per side, the null rows an outer side wrote on eviction, the
	 *  pairs it joined, and the state watermark each side evicts below (R5.3). */
	| {
			readonly type: 'joinStateChanged';
			readonly batchId: number;
			readonly operatorId: number;
			readonly trace: JoinTrace;
	  }
	/** Groups of an aggregation or session window touched this batch: key columns, then the
	 *  aggregate values now in state (what a window's count reads after this batch). */
	| {
			readonly type: 'windowUpdated';
			readonly batchId: number;
			readonly operatorId: number;
			readonly rows: readonly Row[];
	  }
	/** Sessions of the previous state that merged into a larger session this batch (same shape
	 *  as windowUpdated, with the aggregates they had): they no longer exist as state rows. */
	| {
			readonly type: 'sessionsMerged';
			readonly batchId: number;
			readonly operatorId: number;
			readonly rows: readonly Row[];
	  }
	/** State rows removed by the eviction watermark this batch (same shape as windowUpdated). */
	| {
			readonly type: 'stateEvicted';
			readonly batchId: number;
			readonly operatorId: number;
			readonly rows: readonly Row[];
	  }
	| {
			readonly type: 'stateChanged';
			readonly batchId: number;
			readonly operatorId: number;
			readonly operatorName: string;
			readonly numRowsTotal: number;
			readonly numRowsUpdated: number;
			readonly numRowsRemoved: number;
	  }
	| { readonly type: 'rowsEmitted'; readonly batchId: number; readonly rows: readonly Row[] }
	| {
			readonly type: 'watermarkAdvanced';
			readonly batchId: number;
			readonly fromMs: number;
			readonly toMs: number;
	  }
	/** Each EventTimeWatermark node's own watermark after the batch, as WatermarkTracker keeps it
	 *  per operator (R2.3): a node that has seen no row yet is absent (it counts as 0). The global
	 *  watermark is the min (or max) of these; the views draw each beside it. */
	| {
			readonly type: 'inputWatermarks';
			readonly batchId: number;
			readonly perNodeMs: Readonly<Record<number, number>>;
	  }
	| { readonly type: 'commitLogWritten'; readonly entry: CommitLogEntry }
	| { readonly type: 'progress'; readonly progress: StreamingQueryProgress };
