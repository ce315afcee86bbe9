/**
 * What one trigger asks of the sources, and how `once` and `availableNow` run to completion, as a
 * planner over the contract (MicroBatchExecution: `uniqueSources` per trigger executor,
 * constructNextBatch, isNewDataAvailable; MultiBatchExecutor / SingleBatchExecutor).
 *
 * - Trigger.Once (SingleBatchExecutor): every source reads with ReadAllAvailable, whatever its
 *   options say (Spark logs "The read limit … is ignored when Trigger.Once is used."): ONE batch
 *   takes the whole backlog.
 * - Trigger.AvailableNow (MultiBatchExecutor): each source's prepareForTriggerAvailableNow() fixes
 *   the offset to stop at, then batches run with the source's own read limits
 *   (maxOffsetsPerTrigger, maxFilesPerTrigger…) until a trigger finds no new data; data arriving
 *   meanwhile waits for the next run.
 * - processingTime / default: the source's default read limit on every trigger.
 * A batch runs when some source's end offset differs from its last committed offset; a source that
 * never had a committed offset counts as new as soon as it returns any end offset (so batch 0 of a
 * fresh Kafka query runs even when the topic is empty).
 */
import type { StreamingSource } from './contract';
import { type ReadLimit, describeReadLimit, readAllAvailable } from './read-limit';

export type TriggerKind = 'default' | 'processingTime' | 'once' | 'availableNow';

export type AnySource = StreamingSource<unknown>;

export interface TriggerSetup {
	readonly limits: readonly ReadLimit[];
	/** Warnings Spark logs when setting the trigger up. */
	readonly warnings: readonly string[];
}

/**
 * MicroBatchExecution's `uniqueSources`: the read limit each source gets for the whole run.
 * For availableNow this calls prepareForTriggerAvailableNow() on every source, so call it once per
 * run, at its start. A source without SupportsTriggerAvailableNow is read as Spark's
 * AvailableNow*Wrapper reads it: up to its latest offset at the start, all available.
 */
export function setUpTrigger(sources: readonly AnySource[], trigger: TriggerKind): TriggerSetup {
	const warnings: string[] = [];
	const limits = sources.map((s) => {
		const limit = s.getDefaultReadLimit();
		if (trigger === 'once') {
			if (limit.kind !== 'allAvailable') {
				warnings.push(
					`The read limit ${describeReadLimit(limit)} for ${s.description} is ignored when Trigger.Once is used.`
				);
			}
			return readAllAvailable;
		}
		if (trigger === 'availableNow') {
			if (s.prepareForTriggerAvailableNow) {
				s.prepareForTriggerAvailableNow();
				return limit;
			}
			return readAllAvailable;
		}
		return limit;
	});
	return { limits, warnings };
}

export interface PlannedBatch {
	/** Per source: where the batch starts (the committed offset, or initialOffset() the first time). */
	readonly starts: readonly unknown[];
	/** Per source: where it ends; null = the source has no offset yet (written "-" in offsets/N). */
	readonly ends: readonly (unknown | null)[];
	readonly hasNewData: boolean;
	/** Per source: reportLatestOffset() after the call, for the progress' latestOffset. */
	readonly latest: readonly (unknown | null)[];
}

/**
 * constructNextBatch for one trigger: for each source, start = its committed offset (or its
 * initialOffset), end = latestOffset(start, limit). `committed[i]` is null before the source's
 * first batch.
 */
export function planTrigger(
	sources: readonly AnySource[],
	limits: readonly ReadLimit[],
	committed: readonly (unknown | null)[]
): PlannedBatch {
	const starts = sources.map((s, i) => committed[i] ?? s.initialOffset());
	const ends = sources.map((s, i) => s.latestOffset(starts[i], limits[i] ?? readAllAvailable));
	const latest = sources.map((s) => s.reportLatestOffset());
	const hasNewData = sources.some((s, i) => {
		const end = ends[i];
		if (end === null || end === undefined) return false;
		const c = committed[i];
		return c === null || c === undefined || !s.sameOffset(c, end);
	});
	return { starts, ends, hasNewData, latest };
}

/** The offsets a batch commits: a source with no end offset keeps what it had. */
export const nextCommitted = (
	batch: PlannedBatch,
	committed: readonly (unknown | null)[]
): (unknown | null)[] => batch.ends.map((e, i) => e ?? committed[i] ?? null);

/** The source lines of offsets/N (OffsetSeq: one JSON per source, "-" for none). */
export const offsetLogSourceLines = (
	sources: readonly AnySource[],
	ends: readonly (unknown | null)[]
): string[] =>
	sources.map((s, i) => {
		const e = ends[i];
		return e === null || e === undefined ? '-' : s.offsetJson(e);
	});

/**
 * Runs a `once` or `availableNow` trigger to completion over the sources alone (no sink, no
 * operators): the batches it would construct, in order. `once` makes at most one batch;
 * `availableNow` makes batches until one finds no new data. `maxBatches` guards against a source
 * that always has new data (rate-micro-batch is bounded by its prepare; a bug should not hang).
 */
export function runToCompletion(
	sources: readonly AnySource[],
	trigger: 'once' | 'availableNow',
	committed: readonly (unknown | null)[],
	maxBatches = 10_000
): { batches: PlannedBatch[]; committed: (unknown | null)[]; warnings: readonly string[] } {
	const { limits, warnings } = setUpTrigger(sources, trigger);
	const batches: PlannedBatch[] = [];
	let current = [...committed];
	while (batches.length < maxBatches) {
		const batch = planTrigger(sources, limits, current);
		if (!batch.hasNewData) break;
		batches.push(batch);
		current = nextCommitted(batch, current);
		sources.forEach((s, i) => {
			const e = batch.ends[i];
			if (e !== null && e !== undefined) s.commit(e);
		});
		if (trigger === 'once') break;
	}
	return { batches, committed: current, warnings };
}
