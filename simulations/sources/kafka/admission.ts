/**
 * The Kafka source's admission control: how far a batch may read (`maxOffsetsPerTrigger`, a
 * ReadMaxRows limit) and whether a trigger runs at all (`minOffsetsPerTrigger` with
 * `maxTriggerDelay`, a ReadMinRows limit). Both are pure functions of the offsets and the clock so
 * a page can show the arithmetic. Spark: KafkaMicroBatchStream.rateLimit and .delayBatch.
 */
import type { PartitionOffsets } from './offsets';

/**
 * KafkaMicroBatchStream.rateLimit: split `limit` offsets across partitions in proportion to each
 * partition's backlog `size = until − from` (partitions with size ≤ 0 are left at `until`).
 * With `total` the sum of the positive sizes: if total < 1 the batch reads everything; otherwise
 * partition p may read `prorate = limit × (size / total)` offsets, rounded DOWN when prorate ≥ 1
 * and UP when it is below 1 ("Don't completely starve small topicpartitions"), and never past
 * `until`. Nothing redistributes what rounding leaves over: a batch may read a little less than
 * the limit (floors) or a little more (each tiny partition gets 1).
 *
 *   limit 40, backlogs 100/50/10, total 160:
 *     40 × 100/160 = 25     → 25
 *     40 ×  50/160 = 12.5   → 12
 *     40 ×  10/160 = 2.5    → 2        batch reads 39 of the 40 allowed.
 *
 * A partition that is new since the start offsets (in `until` but not in `from`) begins at its
 * earliest offset, which `earliestOf` supplies (Spark fetches it lazily: fetchEarliestOffsets).
 */
export function rateLimit(
	limit: number,
	from: PartitionOffsets,
	until: PartitionOffsets,
	earliestOf: (key: string) => number | undefined
): PartitionOffsets {
	const beginOf = (key: string): number | undefined => from.get(key) ?? earliestOf(key);
	const sizes = new Map<string, number>();
	for (const [key, end] of until) {
		const begin = beginOf(key);
		if (begin === undefined) continue; // "something's wrong, but let alert logic in getBatch handle it"
		const size = end - begin;
		if (size > 0) sizes.set(key, size);
	}
	let total = 0;
	for (const s of sizes.values()) total += s;
	if (total < 1) return until;
	const out = new Map<string, number>();
	for (const [key, end] of until) {
		const size = sizes.get(key);
		const begin = beginOf(key);
		if (size === undefined || begin === undefined) {
			out.set(key, end);
			continue;
		}
		// Same operation order as Scala's `limit * (size / total)`: the rounding edges depend on it.
		const prorate = limit * (size / total);
		const take = prorate < 1 ? Math.ceil(prorate) : Math.floor(prorate);
		out.set(key, Math.min(end, begin + take));
	}
	return out;
}

/** How many offsets each partition would read going from `from` to `until`. */
export function offsetsTaken(from: PartitionOffsets, until: PartitionOffsets): Map<string, number> {
	const m = new Map<string, number>();
	for (const [key, end] of until) m.set(key, end - (from.get(key) ?? 0));
	return m;
}

export interface DelayDecision {
	/** True: this trigger is skipped (latestOffset returns the start offsets, so no batch runs). */
	readonly skip: boolean;
	/** The source's `lastTriggerMillis` after the check. */
	readonly lastTriggerMillis: number;
	/** The new records the check counted (only when the delay had not yet passed). */
	readonly newRecords: number | null;
}

/**
 * KafkaMicroBatchStream.delayBatch. First: if `now − lastTriggerMillis ≥ maxTriggerDelayMs`, the
 * trigger goes ahead and lastTriggerMillis = now (even when there is nothing new to read). Else the
 * new records are summed over the latest offsets, `latest(p) − current(p)` with a missing current
 * counting as 0; fewer than `minRows` skips the trigger (lastTriggerMillis unchanged), otherwise it
 * goes ahead and lastTriggerMillis = now. lastTriggerMillis starts at 0, so on a clock far from
 * the epoch the very first check always passes.
 */
export function delayBatch(
	minRows: number,
	latest: PartitionOffsets,
	current: PartitionOffsets,
	maxTriggerDelayMs: number,
	nowMs: number,
	lastTriggerMillis: number
): DelayDecision {
	if (nowMs - lastTriggerMillis >= maxTriggerDelayMs) {
		return { skip: false, lastTriggerMillis: nowMs, newRecords: null };
	}
	let newRecords = 0;
	for (const [key, off] of latest) newRecords += off - (current.get(key) ?? 0);
	if (newRecords < minRows) return { skip: true, lastTriggerMillis, newRecords };
	return { skip: false, lastTriggerMillis: nowMs, newRecords };
}
