/**
 * StreamingQueryProgress of a batch that ran (SPARK-SEMANTICS.md R1.6; ProgressReporter.scala).
 * inputRowsPerSecond divides by the time since the previous trigger *attempt* (idle polls count;
 * none before the first → 0.0); processedRowsPerSecond by max(1, triggerExecution) ms. Rates are
 * rounded half-up to one decimal, as the JSON prints them.
 */
import type { Phase } from '../structured/runtime/cost-policy';
import {
	roundRate,
	type SourceProgress,
	type StateOperatorProgress,
	type StreamingQueryProgress
} from '../model/progress';

export type { SourceProgress, StateOperatorProgress };
export { roundRate };

export type ProgressRecord = StreamingQueryProgress<
	Readonly<Partial<Record<Phase | 'triggerExecution', number>>>
>;

export function inputRowsPerSecond(
	numInputRows: number,
	sincePreviousAttemptMs: number | null
): number {
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
