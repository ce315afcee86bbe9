/**
 * The common challenges of a streaming pipeline (QUESTIONS.md basic-13) on counts, per batch of
 * a cluster run: late events dropped by the watermark, deduplication state, files the file sink
 * adds, and malformed records. Rows are never materialised: every number comes from the batch's
 * offsets, its event-time range and its watermark, so an hour at thousands of records a second
 * stays cheap.
 *
 * - Late events (SPARK-SEMANTICS R2.2): a share of records carries an event time up to
 *   `maxLatenessMs` behind when it was produced (uniform). A stateful operator drops a row whose
 *   event time is below the batch's watermark and only counts it (numRowsDroppedByWatermark).
 *   For records produced uniformly over [a, b] with lateness uniform on [0, M], a record made
 *   at x is dropped when its lateness exceeds x − W: the batch's dropped share is the mean of
 *   that probability over [a, b], integrated in closed form (dropShare).
 * - Deduplication: dropDuplicates(["event_id"]) keeps every id forever (the event time is not a
 *   key, so the watermark never evicts); dropDuplicatesWithinWatermark keeps an id until the
 *   watermark passes its event time + the delay (R6).
 * - Files: the file sink writes one file per non-empty output partition (coalesce(n) caps the
 *   partitions) and one metadata-log entry (_spark_metadata/<batchId>) for every batch.
 * - Malformed records: from a moment on, a share of records no longer fits the schema. PERMISSIVE
 *   keeps them in the corrupt-record column (the dead-letter query's rows); FAILFAST fails the
 *   query in the first batch that reads one.
 */
import type { ClusterBatch } from './run';

export interface ChallengeWorld {
	/** Share of records produced late (event time behind production time). */
	readonly lateShare: number;
	readonly maxLatenessMs: number;
	/** Share of records that are malformed from `corruptFromMs` on (a producer's new version). */
	readonly corruptShare: number;
	readonly corruptFromMs: number;
	/** The counter a page draws as its signature (absent: none drawn). */
	readonly focus?: 'lateDropped' | 'dedupState' | 'files' | 'corrupt' | 'tasks';
}

export interface ChallengeQuery {
	/** withWatermark's delay (null: none, nothing is dropped or evicted). */
	readonly watermarkDelayMs: number | null;
	readonly dedup: 'dropDuplicates' | 'withinWatermark' | null;
	readonly parseMode: 'PERMISSIVE' | 'FAILFAST' | null;
	/** Output partitions the file sink writes from (coalesce(n), else the shuffle partitions). */
	readonly outputPartitions: number;
}

export interface ChallengeBatch {
	readonly batchId: number;
	/** Malformed records in the batch (rows in the corrupt-record column). */
	readonly corrupt: number;
	/** Late rows below the watermark, dropped by the first stateful operator. */
	readonly lateDropped: number;
	/** Rows that reached the aggregation. */
	readonly aggregated: number;
	/** The deduplication's state rows after the batch. */
	readonly dedupStateRows: number;
	/** Files the result sink added in this batch (data files + its metadata-log entry). */
	readonly filesWritten: number;
	/** Running totals by the batch's end. */
	readonly totals: {
		readonly corrupt: number;
		readonly lateDropped: number;
		readonly files: number;
	};
}

export interface ChallengeRun {
	readonly batches: readonly ChallengeBatch[];
	/** FAILFAST: the batch that read the first malformed record (it and later ones never ran). */
	readonly failedBatch: number | null;
}

/** ∫₀ᵘ g, g(v) = 1 below 0, (M − v)/M on [0, M], 0 above: the drop probability's integral. */
function dropIntegral(u: number, m: number): number {
	if (u <= 0) return u;
	if (u >= m) return m / 2;
	return u - (u * u) / (2 * m);
}

/** Mean share of late records dropped when produced uniformly over [a, b] against watermark w. */
export function dropShare(a: number, b: number, w: number, maxLatenessMs: number): number {
	const m = Math.max(1, maxLatenessMs);
	if (b <= a) {
		const u = a - w;
		return u < 0 ? 1 : u > m ? 0 : (m - u) / m;
	}
	return (dropIntegral(b - w, m) - dropIntegral(a - w, m)) / (b - a);
}

const sum = (xs: readonly number[]): number => xs.reduce((x, y) => x + y, 0);

/**
 * The challenges' counts for each batch of a run. `producedBy(t)` is the records produced by t
 * over all partitions (event time = production time for on-time records).
 */
export function challengeBatches(
	batches: readonly ClusterBatch[],
	world: ChallengeWorld,
	query: ChallengeQuery,
	producedBy: (t: number) => number
): ChallengeRun {
	const out: ChallengeBatch[] = [];
	const corruptFrom = producedBy(world.corruptFromMs);
	let corruptTotal = 0;
	let droppedTotal = 0;
	let files = 0;
	let kept = 0;
	let watermark = -Infinity;
	for (const b of batches) {
		const from = sum(b.startOffsets);
		const to = sum(b.endOffsets);
		const afterDrift = Math.max(0, to - Math.max(from, corruptFrom));
		const corrupt = query.parseMode === null ? 0 : Math.round(afterDrift * world.corruptShare);
		if (corrupt > 0 && query.parseMode === 'FAILFAST')
			return { batches: out, failedBatch: b.batchId };
		const good = b.numInputRows - corrupt;
		const late = Math.round(good * world.lateShare);
		const w = b.watermarkMs;
		// The watermark starts at 0 (Spark's initial one, before any event time is seen): the
		// first batch with data drops nothing.
		const dropped =
			w === null || w <= 0 || query.watermarkDelayMs === null || !b.eventTimeMs || late === 0
				? 0
				: Math.min(
						late,
						Math.round(
							late * dropShare(b.eventTimeMs.min, b.eventTimeMs.max, w, world.maxLatenessMs)
						)
					);
		const aggregated = good - dropped;
		kept += aggregated;
		if (w !== null) watermark = Math.max(watermark, w);
		if (query.watermarkDelayMs !== null && b.eventTimeMs)
			watermark = Math.max(watermark, b.eventTimeMs.max - query.watermarkDelayMs);
		// withinWatermark: an id stays while its event time + delay is at or above the watermark.
		// Records produced before the cut, less those never kept (dropped late, malformed).
		const expired =
			query.dedup === 'withinWatermark' && query.watermarkDelayMs !== null
				? Math.min(
						kept,
						Math.max(
							0,
							producedBy(watermark - query.watermarkDelayMs) -
								droppedTotal -
								dropped -
								corruptTotal -
								corrupt
						)
					)
				: 0;
		const dedupStateRows = query.dedup === null ? 0 : Math.max(0, kept - expired);
		const outputRows = b.state?.numRowsRemoved ?? 0;
		const filesWritten = 1 + Math.min(query.outputPartitions, outputRows);
		corruptTotal += corrupt;
		droppedTotal += dropped;
		files += filesWritten;
		out.push({
			batchId: b.batchId,
			corrupt,
			lateDropped: dropped,
			aggregated,
			dedupStateRows,
			filesWritten,
			totals: { corrupt: corruptTotal, lateDropped: droppedTotal, files }
		});
	}
	return { batches: out, failedBatch: null };
}
