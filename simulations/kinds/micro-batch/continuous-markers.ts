/**
 * A continuous run (R1.4.6) as markers on the processing-time axis, each naming the rule that
 * fired in ContinuousExecution / EpochCoordinator terms (SS-PERF#continuous-processing): the
 * driver starts epoch N on the trigger's interval; once every partition has reported its end
 * offset, offsets/N is written; once every writer has committed (and epoch N − 1 has), the sink
 * commits and commits/N is written. A task failure stops the query; a restart resumes after the
 * last committed epoch.
 */
import type { ContinuousTrace } from '../../microbatch/continuous';

export type ContinuousMarkerKind = 'epoch' | 'offsets' | 'commit' | 'failure' | 'restart';

/** The kinds in the order one epoch produces them (also the scrubber's lanes). */
export const CONTINUOUS_MARKER_KINDS: readonly ContinuousMarkerKind[] = [
	'epoch',
	'offsets',
	'commit',
	'failure',
	'restart'
];

export interface ContinuousMarker {
	/** Unique in the run: `<kind>-<run>-<epoch>` (failure and restart: one each). */
	readonly id: string;
	readonly atMs: number;
	readonly kind: ContinuousMarkerKind;
	/** The epoch it belongs to; null for the failure and the restart. */
	readonly epoch: number | null;
	readonly label: string;
	readonly rule: string;
}

const SOURCE = 'SS-PERF#continuous-processing';

export const CONTINUOUS_RULES = {
	epoch: `R1.4.6 (ContinuousExecution): the epoch thread, a ProcessingTimeExecutor on the continuous="…" interval, increments the epoch; each long-running task takes the marker at its next poll (every 100 ms), without stopping. ${SOURCE}`,
	offsets: `R1.4.6 (EpochCoordinator): every partition has reported its end offset for epoch N, so the offsets are merged and offsets/N is written. ${SOURCE}`,
	commit: `R1.4.6 (EpochCoordinator): every writer has committed epoch N and epoch N − 1 is committed, so the sink commits and commits/N is written; the console sink prints the epoch now. ${SOURCE}`,
	failure: `R1.4.6 (ContinuousExecution): continuous processing has no task retries; a failed task stops the query (ContinuousTaskRetryException). ${SOURCE}`,
	restart: `R1.4.6 (ContinuousExecution.getStartOffsets): the restarted query resumes from the offsets of the last committed epoch, so rows processed after them are processed again: at-least-once. ${SOURCE}`
} as const;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function continuousMarkers(trace: ContinuousTrace): ContinuousMarker[] {
	const out: ContinuousMarker[] = [];
	const add = (
		id: string,
		atMs: number,
		kind: ContinuousMarkerKind,
		epoch: number | null,
		label: string
	) => out.push({ id, atMs, kind, epoch, label, rule: CONTINUOUS_RULES[kind] });
	for (const e of trace.epochs) {
		const key = `${e.run}-${e.epoch}`;
		add(
			`epoch-${key}`,
			e.startMs,
			'epoch',
			e.epoch,
			`epoch ${e.epoch} started${e.run > 0 ? ' (after the restart)' : ''}`
		);
		if (e.offsetsLoggedMs !== null) {
			const ends = e.ends.map((x) => `p${x.partition}: ${x.offset.value}`).join(', ');
			add(
				`offsets-${key}`,
				e.offsetsLoggedMs,
				'offsets',
				e.epoch,
				`offsets/${e.epoch} written (${ends})`
			);
		}
		if (e.commitMs !== null) {
			const label = `commits/${e.epoch} written: epoch ${e.epoch} committed, ${plural(e.rows, 'row')}`;
			add(`commit-${key}`, e.commitMs, 'commit', e.epoch, label);
		}
	}
	const f = trace.failure;
	if (f) {
		const last =
			f.lastCommittedEpoch === null
				? 'no epoch had committed'
				: `last committed epoch ${f.lastCommittedEpoch}`;
		add(
			'failure',
			f.atMs,
			'failure',
			null,
			`task failed at ${seconds(f.atMs)}: the query stopped (${last})`
		);
		if (f.restartMs !== null) {
			const from =
				f.lastCommittedEpoch === null ? 'from the start' : `after epoch ${f.lastCommittedEpoch}`;
			const label = `restarted from the checkpoint, ${from}: ${plural(f.reprocessedRows, 'row')} processed again`;
			add('restart', f.restartMs, 'restart', null, label);
		}
	}
	const rank = (k: ContinuousMarkerKind) => CONTINUOUS_MARKER_KINDS.indexOf(k);
	return out.sort((a, z) => a.atMs - z.atMs || rank(a.kind) - rank(z.kind));
}

/** Where "step" stops: each epoch commit, in time order. */
export function epochCommitTimes(trace: ContinuousTrace): number[] {
	const out: number[] = [];
	for (const e of trace.epochs) if (e.commitMs !== null) out.push(e.commitMs);
	return out.sort((a, z) => a - z);
}
