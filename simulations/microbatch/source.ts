/**
 * What the micro-batch loop needs from a streaming source (SPARK-SEMANTICS.md R1.2 step 2a,
 * R7.2, R7.4): an initial offset, the latest offset at a trigger's start, and the rows of the
 * range (start, end]. Offsets here are plain numbers, as the rate and socket sources print them.
 */
import type { ProcTimeMs } from '../core/time';

export interface InputRow {
	/** Stable id for keyed drawing (the rate value, or the socket line number). */
	readonly id: number;
	readonly value: number;
	/** When the row came into existence on the processing-time axis. */
	readonly timestampMs: ProcTimeMs;
	readonly partition: number;
	/** The row as the console sink would print its `value` column. */
	readonly text: string;
}

export interface MicroBatchSource {
	/** As `sources[].description` in StreamingQueryProgress. */
	readonly description: string;
	/** Where batch 0 reads from when no previous end offset exists. */
	readonly initialOffset: number;
	/** Sources without SupportsTriggerAvailableNow make availableNow fall back to once (R1.4.5). */
	readonly supportsAvailableNow: boolean;
	latestOffset(now: ProcTimeMs): number;
	read(start: number, end: number): InputRow[];
}
