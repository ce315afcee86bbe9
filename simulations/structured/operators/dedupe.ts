/**
 * Streaming deduplication (StreamingDeduplicateExec, StreamingDeduplicateWithinWatermarkExec;
 * SPARK-SEMANTICS R5.2, R4.4). The first row of a key is written and the key stored; later rows
 * with a stored key are dropped, within one batch too. With a watermarked input column, raw rows
 * whose event time <= the late-event watermark are dropped first, even when that column is not
 * a key. Keys are evicted when the event-time key column <= the eviction watermark; without an
 * event-time key they are kept forever. Within-watermark mode stores expiresAt = event time +
 * delay and removes the key once the eviction watermark >= expiresAt.
 */
import type { Value } from '../expr/ast';
import type { StateStore } from './state-store';
import { keyOf } from './key';
import { isLate } from './watermark';

export interface DedupSpec {
	readonly keyIndices: readonly number[];
	/** Index of the input's watermarked column (µs timestamp), if any. */
	readonly eventTimeIndex: number | null;
	/** Whether that column is among the keys (then keys can be evicted). */
	readonly eventTimeInKeys: boolean;
	/** dropDuplicatesWithinWatermark: the watermark delay, ms. */
	readonly withinWatermarkDelayMs: number | null;
}

/** The stored value: the key's event time (µs) or, within watermark, expiresAt (ms). */
export type DedupValue = number | null;

export function dedupBatch(
	store: StateStore<DedupValue>,
	spec: DedupSpec,
	rows: readonly (readonly Value[])[],
	lateWatermarkMs: number | null,
	evictionWatermarkMs: number | null
): {
	rows: (readonly Value[])[];
	numRowsDroppedByWatermark: number;
	numDroppedDuplicateRows: number;
	droppedRows: (readonly Value[])[];
	/** The rows dropped because their key was in state (for the trace). */
	duplicateRows: (readonly Value[])[];
} {
	const out: (readonly Value[])[] = [];
	const droppedRows: (readonly Value[])[] = [];
	const duplicateRows: (readonly Value[])[] = [];
	let dropped = 0;
	let duplicates = 0;
	const ti = spec.eventTimeIndex;
	for (const row of rows) {
		const t = ti === null ? null : (row[ti] as number | null);
		if (t !== null && lateWatermarkMs !== null && isLate(t, lateWatermarkMs)) {
			dropped++;
			droppedRows.push(row);
			continue;
		}
		const key = keyOf(spec.keyIndices.map((i) => row[i] as Value));
		if (store.get(key) !== undefined) {
			duplicates++;
			duplicateRows.push(row);
			continue;
		}
		const value =
			spec.withinWatermarkDelayMs !== null && t !== null
				? Math.trunc(t / 1000) + spec.withinWatermarkDelayMs
				: t;
		store.put(key, value);
		out.push(row);
	}
	if (evictionWatermarkMs !== null) {
		for (const [key, v] of store.map) {
			if (v === null) continue;
			const expired =
				spec.withinWatermarkDelayMs !== null
					? evictionWatermarkMs >= v
					: spec.eventTimeInKeys && isLate(v, evictionWatermarkMs);
			if (expired) store.remove(key);
		}
	}
	return {
		rows: out,
		numRowsDroppedByWatermark: dropped,
		numDroppedDuplicateRows: duplicates,
		droppedRows,
		duplicateRows
	};
}
