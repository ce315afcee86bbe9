/**
 * The shape of Spark's StreamingQueryProgress (SPARK-SEMANTICS R1.6; PY-LISTENER), shared by
 * every engine that reports progress, so the UI reads one vocabulary. Rates are printed with one
 * decimal, rounded half-up (ProgressReporter's BigDecimal.setScale(1, HALF_UP)).
 */

/** A source's offset in the progress JSON: a LongOffset's number, or the offset's JSON object
 *  (Kafka's {"topic":{"0":5}}, rate-micro-batch's {"offset":10,"timestamp":1050}). */
export type ProgressOffset = number | { readonly [key: string]: unknown };

export interface SourceProgress<O = number> {
	readonly description: string;
	readonly startOffset: O | null;
	readonly endOffset: O;
	readonly latestOffset: O;
	readonly numInputRows: number;
	readonly inputRowsPerSecond: number;
	readonly processedRowsPerSecond: number;
}

export interface StateOperatorProgress {
	readonly operatorName: string;
	readonly numRowsTotal: number;
	readonly numRowsUpdated: number;
	readonly numRowsRemoved: number;
	readonly numRowsDroppedByWatermark: number;
	readonly numShufflePartitions?: number;
	readonly customMetrics?: Readonly<Record<string, number>>;
}

export interface StreamingQueryProgress<
	Durations = Readonly<Record<string, number>>,
	Offset = number
> {
	readonly id: string;
	readonly runId: string;
	readonly name: string | null;
	readonly timestamp: string;
	readonly batchId: number;
	readonly batchDuration: number;
	readonly numInputRows: number;
	readonly inputRowsPerSecond: number;
	readonly processedRowsPerSecond: number;
	readonly durationMs: Durations;
	readonly eventTime?: Readonly<Record<string, string>>;
	readonly stateOperators: readonly StateOperatorProgress[];
	readonly sources: readonly SourceProgress<Offset>[];
	readonly sink: { readonly description: string; readonly numOutputRows: number };
}

/** One decimal, half-up, for the non-negative rates Spark reports (NaN/∞ print as 0). */
export const roundRate = (x: number): number =>
	Number.isFinite(x) ? Math.floor(x * 10 + 0.5 + 1e-9) / 10 : 0;
