/**
 * StreamingQueryProgress of a batch that ran (SPARK-SEMANTICS.md R1.6; ProgressReporter.scala).
 * inputRowsPerSecond divides by the time since the previous trigger *attempt* (idle polls count;
 * none before the first → 0.0); processedRowsPerSecond by max(1, triggerExecution) ms. Rates are
 * rounded half-up to one decimal, as the JSON prints them.
 */
import type { Phase } from './cost';

export interface SourceProgress {
	readonly description: string;
	readonly startOffset: number | null;
	readonly endOffset: number;
	readonly latestOffset: number;
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
	readonly numShufflePartitions: number;
}

export interface ProgressRecord {
	readonly id: string;
	readonly runId: string;
	readonly name: string | null;
	readonly timestamp: string;
	readonly batchId: number;
	readonly batchDuration: number;
	readonly numInputRows: number;
	readonly inputRowsPerSecond: number;
	readonly processedRowsPerSecond: number;
	readonly durationMs: Readonly<Partial<Record<Phase | 'triggerExecution', number>>>;
	readonly stateOperators: readonly StateOperatorProgress[];
	readonly sources: readonly SourceProgress[];
	readonly sink: { readonly description: string; readonly numOutputRows: number };
}

/** BigDecimal(x).setScale(1, HALF_UP) for the non-negative rates we report. */
export const roundRate = (x: number): number => Math.floor(x * 10 + 0.5 + 1e-9) / 10;

export function inputRowsPerSecond(numInputRows: number, sincePreviousAttemptMs: number | null): number {
	// No previous attempt: inputTimeSec = +∞, so the rate is 0.0.
	if (sincePreviousAttemptMs === null || sincePreviousAttemptMs <= 0) return 0;
	return roundRate(numInputRows / (sincePreviousAttemptMs / 1000));
}

export const processedRowsPerSecond = (numInputRows: number, triggerMs: number): number =>
	roundRate(numInputRows / (Math.max(1, triggerMs) / 1000));

/** ISO-8601 UTC with milliseconds, as `timestamp` prints it. */
export const isoTimestamp = (epochMs: number): string => new Date(epochMs).toISOString();

/** A UUID-shaped id drawn from the run's seed (Spark's are random; ours must be reproducible). */
export function seededUuid(next: () => number): string {
	const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16));
	hex[12] = '4';
	const h = hex.join('');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
