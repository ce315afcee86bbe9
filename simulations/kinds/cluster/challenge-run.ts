/**
 * A cluster run with the challenges of its input (cluster/challenges.ts): late rows the
 * watermark drops, the deduplication's state, files the sink adds, malformed records. The
 * progress records carry the counts where Spark reports them (a stateful operator's
 * numRowsDroppedByWatermark and numRowsTotal); FAILFAST ends the run at the batch that read
 * the first malformed record, with the error the parser raises for it.
 */
import { challengeBatches } from '../../cluster/challenges';
import { PartitionedArrivals } from '../../cluster/input-profile';
import type { FullStreamingQueryProgress, ProgressContext } from '../../cluster/progress';
import type { ClusterRun } from '../../cluster/run';
import { parseJsonRecord } from '../../structured/expr/fn-json';
import { parseDataType } from '../../structured/expr/types';
import type { ClusterSimRun } from './frames';
import type { ClusterWorld } from './question';
import type { StructuredSettings } from './settings';

type Challenge = NonNullable<ClusterSimRun['challenge']>;

export function challengeOf(
	run: ClusterRun,
	world: ClusterWorld,
	settings: StructuredSettings,
	ctx: ProgressContext
): Challenge | null {
	if (!world.challenge) return null;
	const arrivals = new PartitionedArrivals(run.arrivalsPerSecond, world.partitions, 0);
	const producedBy = (t: number) => (t < 0 ? 0 : arrivals.offsetsAt(t).reduce((a, b) => a + b, 0));
	const c = challengeBatches(
		run.batches,
		world.challenge,
		{
			watermarkDelayMs: settings.watermarkDelayMs,
			dedup: settings.dedup ?? null,
			parseMode: settings.parseMode ?? null,
			outputPartitions: settings.outputPartitions ?? settings.shufflePartitions
		},
		producedBy
	);
	const failed = c.failedBatch === null ? null : run.batches[c.failedBatch];
	return {
		batches: c.batches,
		focus: world.challenge.focus ?? null,
		failure: failed
			? {
					batchId: failed.batchId,
					atMs: failed.endMs,
					line: settings.jsonSchema?.line ?? settings.lines.source,
					message: streamFailed(ctx, parseError(settings, world.malformedPayload ?? '{'))
				}
			: null
	};
}

/** What from_json in FAILFAST raises for the malformed record (the engine's own parser). */
function parseError(settings: StructuredSettings, payload: string): string {
	const type = settings.jsonSchema ? parseDataType(settings.jsonSchema.ddl) : null;
	const fields = type?.kind === 'struct' ? type.fields : [];
	try {
		parseJsonRecord(payload, fields, { failFast: true, corruptColumn: '_corrupt_record' });
	} catch (e) {
		return (e as Error).message;
	}
	return 'Malformed records are detected in record parsing.';
}

/** StreamingQueryException as awaitAnyTermination() raises it (STREAM_FAILED, Spark 4). */
const streamFailed = (ctx: ProgressContext, cause: string): string =>
	`[STREAM_FAILED] Query [id = ${ctx.id}, runId = ${ctx.runId}] terminated with exception: ${cause}`;

/** The run cut at a FAILFAST failure, and the progress records with the challenge's counts. */
export function withChallenge(
	run: ClusterSimRun,
	challenge: Challenge,
	progress: readonly FullStreamingQueryProgress[]
): ClusterSimRun {
	const byId = new Map(challenge.batches.map((b) => [b.batchId, b]));
	const s = run.settings;
	const dedupName =
		s.api === 'structured' && s.dedup === 'withinWatermark' ? 'dedupeWithinWatermark' : 'dedupe';
	const patched = progress.map((p) => {
		const c = byId.get(p.batchId);
		if (!c || s.api !== 'structured') return p;
		const ops = p.stateOperators.map((o) => ({ ...o }));
		const dedup =
			s.dedup && ops[0]
				? [
						{
							...ops[0],
							operatorName: dedupName,
							numRowsTotal: c.dedupStateRows,
							numRowsUpdated: c.aggregated,
							numRowsRemoved: 0,
							memoryUsedBytes: c.dedupStateRows * 64,
							numRowsDroppedByWatermark: c.lateDropped
						}
					]
				: [];
		// With no deduplication the aggregation is the first operator to see a late row.
		const first = ops[0];
		if (first && !s.dedup) ops[0] = { ...first, numRowsDroppedByWatermark: c.lateDropped };
		return { ...p, stateOperators: [...ops, ...dedup] };
	});
	const f = challenge.failure;
	if (!f) return { ...run, progress: patched };
	const batches = run.batches.filter((b) => b.id < f.batchId);
	const processed = batches.reduce((a, b) => a + b.records, 0);
	return {
		...run,
		batches,
		progress: patched.filter((p) => p.batchId < f.batchId),
		listener: run.listener.filter((l) => l.atMs <= f.atMs),
		totals: {
			...run.totals,
			processed,
			backlog: run.totals.produced - run.totals.dropped - processed
		}
	};
}
