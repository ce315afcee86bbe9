/**
 * What happened, on the processing-time axis, each naming Spark's rule: each batch (its offset
 * range and rows), the crash, the restart and the replay with how many rows it read differently.
 */
import type { SimMarker } from '../kind';
import type { CpRun } from './frames';

const RULES = {
	batch:
		'MicroBatchExecution asks latestOffset(), writes offsets/N before the batch runs, then plans partitions(start, end); the source commit of batch N-1 follows offsets/N (constructNextBatch).',
	crash:
		'A batch whose offsets/N exists without commits/N is run again on restart with the same (start, end) (populateStartOffsets); initialOffset is not called again.',
	replay:
		'read(partition) must be a deterministic function of the partition: a replay that reads other rows breaks exactly-once (Python Data Source API).'
};

const s = (ms: number) => `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;

export function markersOf(run: CpRun): SimMarker[] {
	const out: SimMarker[] = run.batches.map((b) => ({
		id: `batch-${b.batchId}-${b.attempt}`,
		atMs: b.triggerMs,
		kind: b.attempt > 0 ? 'replay' : 'batch',
		label:
			b.attempt > 0
				? `batch ${b.batchId} replayed at ${s(b.triggerMs)}: ${b.start} → ${b.end}, ${b.differingRows} of ${b.rows} rows differ`
				: `batch ${b.batchId} at ${s(b.triggerMs)}: ${b.start} → ${b.end}, ${b.rows} rows`,
		rule: b.attempt > 0 ? RULES.replay : RULES.batch
	}));
	run.crashes.forEach((c, i) =>
		out.push({
			id: `crash-${i}`,
			atMs: c.atMs,
			kind: 'crash',
			label: `crash in batch ${c.batchId} ${c.phase === 'afterOffsetLog' ? 'after offsets/' + c.batchId : 'after the sink commit, before commits/' + c.batchId}`,
			rule: RULES.crash
		})
	);
	return out.sort((a, b) => a.atMs - b.atMs);
}
