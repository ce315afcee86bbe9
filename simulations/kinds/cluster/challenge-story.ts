/** basic-13's narration per batch: the challenge's own numbers for the newest batch (late rows
 *  dropped, dedup state, files, dead letters), or the query's failure once FAILFAST stopped it. */
import type { ClusterSimRun } from './frames';

const n = (x: number): string => Math.round(x).toLocaleString('en-US');
const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

export function challengeStory(run: ClusterSimRun, batchId: number, t: number): string | null {
	const c = run.challenge;
	if (!c) return null;
	if (c.failure && c.failure.atMs <= t)
		return `Batch ${c.failure.batchId} read a record that does not fit the schema: from_json in FAILFAST mode failed the query, which stops; ${n(run.totals.backlog)} records wait in Kafka by the end.`;
	const b = c.batches.find((x) => x.batchId === batchId);
	const batch = run.batches.find((x) => x.id === batchId);
	if (!b || !batch) return null;
	const parts = [
		`Batch ${batchId} read ${n(batch.records)} records in ${s(batch.processingMs)} (${n(batch.backlogAtEnd)} wait in Kafka)`,
		`${n(b.lateDropped)} late rows dropped below the watermark (${n(b.totals.lateDropped)} so far)`,
		`dedup state ${n(b.dedupStateRows)} rows`,
		`${n(b.filesWritten)} files written (${n(b.totals.files)} so far)`
	];
	if (b.totals.corrupt > 0) parts.push(`${n(b.corrupt)} dead letters in _corrupt_record`);
	return `${parts.join('; ')}.`;
}
