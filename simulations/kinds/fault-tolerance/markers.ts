/**
 * What happened in a fault-tolerance run, on the processing-time axis, each naming Spark's rule:
 * every attempt of a batch (a replay marked as one), the failure, the restart from the checkpoint,
 * and the state store's snapshots.
 */
import type { SimMarker } from '../kind';
import type { FtRun } from './frames';

const RULES = {
	batch:
		'MicroBatchExecution writes offsets/N before batch N runs and commits/N after the sink has it (R1.2; SPARK-SEMANTICS R6).',
	replay:
		'On restart, a batch whose offsets/N is logged and whose commits/N is not re-runs with the same id and the same offsets (MicroBatchExecution.populateStartOffsets, R1.3).',
	crash:
		'The driver’s failure stops the query; what it had not written to the checkpoint is as if it never happened (R6.4).',
	restart:
		'A restart from the same checkpoint keeps the query id, restores offsets, watermark and state, and gets a new run id (R6).',
	executor:
		'A lost executor’s tasks are re-run from lineage inside the same batch; state updates are versioned, so a retried task re-applies them (R6.3).',
	snapshot:
		'HDFSBackedStateStoreProvider consolidates deltas into a snapshot once minDeltasForSnapshot deltas followed the last one (R6.2).'
};

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function markersOf(run: FtRun): SimMarker[] {
	const out: SimMarker[] = [];
	for (const b of run.batches) {
		out.push({
			id: `batch-${b.batchId}-${b.attempt}`,
			atMs: b.startMs,
			kind: b.replay ? 'replay' : 'batch',
			label: b.replay
				? `batch ${b.batchId} again at ${s(b.startMs)}: the same offsets, ${b.numInputRows} records`
				: `batch ${b.batchId} at ${s(b.startMs)}: ${b.numInputRows} records`,
			rule: b.replay ? RULES.replay : RULES.batch
		});
		if (b.failed === 'executorLost')
			out.push({
				id: `executor-${b.batchId}`,
				atMs: b.phases.run ?? b.startMs,
				kind: 'crash',
				label: `batch ${b.batchId}: an executor was lost; ${b.tasksRerun} tasks re-ran, the batch went on`,
				rule: RULES.executor
			});
	}
	run.crashes.forEach((c, i) =>
		out.push({
			id: `crash-${i}`,
			atMs: c.atMs,
			kind: 'crash',
			label: `batch ${c.batchId}: ${c.message}`,
			rule: RULES.crash
		})
	);
	run.restarts.forEach((r, i) =>
		out.push({
			id: `restart-${i}`,
			atMs: r.startMs,
			kind: 'restart',
			label:
				r.replays === null
					? `driver restarted at ${s(r.startMs)}: nothing logged to replay, the next batch is planned afresh`
					: `driver restarted at ${s(r.startMs)}: offsets/${r.replays} has no commit, so batch ${r.replays} runs again`,
			rule: RULES.restart
		})
	);
	for (const f of run.files)
		if (f.path.endsWith('.snapshot'))
			out.push({
				id: `snapshot-${f.path}`,
				atMs: f.atMs,
				kind: 'snapshot',
				label: `${f.path} written`,
				rule: RULES.snapshot
			});
	return out.sort((a, b) => a.atMs - b.atMs);
}
