/**
 * A basic-13 run's challenge counters at the cursor, read off the run's challenge batches that
 * completed by t (never recomputed): late rows dropped, deduplication state rows, files the sink
 * added, malformed records kept as dead letters, and the query's failure once it happened.
 */
import { completedBy, type ClusterSimRun } from '$sim/kinds/cluster';

export interface ChallengeCounter {
	readonly id: 'dropped' | 'state' | 'files' | 'corrupt';
	readonly label: string;
	readonly value: string;
}

const n = (x: number) => Math.round(x).toLocaleString('en-US');

export function challengeAt(
	run: ClusterSimRun,
	t: number
): { counters: ChallengeCounter[]; failure: string | null } | null {
	const c = run.challenge;
	if (!c) return null;
	const done = completedBy(run, t);
	const last = c.batches.filter((b) => b.batchId < done).at(-1);
	return {
		counters: [
			{ id: 'dropped', label: 'late rows dropped', value: n(last?.totals.lateDropped ?? 0) },
			{ id: 'state', label: 'dedup state rows', value: n(last?.dedupStateRows ?? 0) },
			{ id: 'files', label: 'files written', value: n(last?.totals.files ?? 0) },
			{ id: 'corrupt', label: 'dead letters', value: n(last?.totals.corrupt ?? 0) }
		],
		failure: c.failure && c.failure.atMs <= t ? c.failure.message : null
	};
}
