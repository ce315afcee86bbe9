/**
 * The trace of one micro-batch run: everything the page draws, computed headlessly on virtual time
 * and then played back by a cursor (STYLE.md house style 7). Plain JSON: a seed and parameters give
 * byte-identical traces. Times are virtual processing-time ms since the run's clock zero.
 */
import type { BatchId, ProcTimeMs } from '../core/time';
import type { CostModel, Phase } from '../structured/runtime/cost-policy';
import type { ProgressRecord } from './progress';
import type { QueryInfo, ResultRow } from './query';
import type { SocketLine } from './socket-source';
import type { TriggerSpec } from '../structured/runtime/trigger-policy';

export type SourceSpec =
	| {
			readonly kind: 'rate';
			readonly rowsPerSecond: number;
			readonly numPartitions: number;
			/** Whether the program sets .option("numPartitions", …); else Spark prints "default". */
			readonly numPartitionsOption?: boolean;
	  }
	| {
			readonly kind: 'socket';
			readonly linesPerSecond: number;
			readonly wordsPerLine: number;
			/** Lines typed by hand, turn by turn (a preset's replay, socket-source.ts
			 *  `typedSocketLines`): when set they are the socket's only lines, and the two rates above
			 *  play no part. */
			readonly typed?: readonly (readonly string[])[];
	  };

export interface RunConfig {
	readonly source: SourceSpec;
	readonly trigger: TriggerSpec;
	readonly cost: CostModel;
	/** No trigger attempt starts after this virtual time. */
	readonly untilMs: number;
	readonly seed: number;
}

export interface PhaseSpan {
	readonly phase: Phase;
	readonly startMs: ProcTimeMs;
	readonly durationMs: number;
}

export interface BatchRecord {
	readonly batchId: BatchId;
	readonly triggerAt: ProcTimeMs;
	readonly commitAt: ProcTimeMs;
	readonly phases: readonly PhaseSpan[];
	/** Offsets as the progress prints them; startOffset null in a fresh query's batch 0. */
	readonly startOffset: number | null;
	readonly endOffset: number;
	readonly numInputRows: number;
	/** First and last row ids read ((start, end] of the source), or null when empty. */
	readonly rowIds: readonly [number, number] | null;
	/** Row created → its batch committed. */
	readonly latencyMs: { readonly min: number; readonly mean: number; readonly max: number } | null;
	/** Elapsed > interval: ProcessingTimeExecutor's "falling behind" warning. */
	readonly fallingBehind: boolean;
	/** The next trigger starts at this batch's commit, with no wait. */
	readonly nextStartsAtOnce: boolean;
	/** A no-data batch (R1.5): it read nothing and ran for the watermark. */
	readonly noData: boolean;
	/** The query's result table in state after this batch (aggregations only). */
	readonly state: readonly ResultRow[];
	/** Keys of `state` this batch updated, and those the sink received. */
	readonly changed: readonly string[];
	readonly emitted: readonly string[];
	/** The first rows the sink received (the console sink's numRows). */
	readonly output: readonly ResultRow[];
	readonly numOutputRows: number;
	readonly progress: ProgressRecord;
}

export interface Trace {
	readonly config: RunConfig;
	/** The query the batches ran (from the page's program). */
	readonly query: QueryInfo;
	/** The query starts (and the source is created) here: a seeded phase within the first second. */
	readonly queryStartMs: ProcTimeMs;
	/** Virtual time 0 on the epoch clock, for trigger alignment and progress timestamps. */
	readonly epochOffsetMs: number;
	readonly endMs: ProcTimeMs;
	readonly batches: readonly BatchRecord[];
	/** Trigger attempts that found no new data (processingTime only; default polls are counted). */
	readonly idleTriggers: readonly ProcTimeMs[];
	readonly idlePolls: number;
	/** Socket runs keep their lines; rate rows are recomputed from the spec (rate-source.ts). */
	readonly lines: readonly SocketLine[];
	/** Spark's log lines and warnings, in order. */
	readonly log: readonly { readonly atMs: ProcTimeMs; readonly message: string }[];
	/** Why the query stopped on its own (once, availableNow), if it did. */
	readonly terminatedAt: ProcTimeMs | null;
	/** An analysis error: the query never started. */
	readonly error: string | null;
}
