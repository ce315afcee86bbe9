/** One sentence for the frame at `t`: the batch under the cursor and what it took. */
import { frameAt, type SsRun } from './frames';
import { describeSourceFrame } from './source-story';

export function describeFrame(run: SsRun, t: number): string {
	const f = frameAt(run, t);
	if (f.finished !== null) return finishedText(f.finished, f.batches.length);
	if (run.source && !f.failed) return describeSourceFrame(run, run.source, f);
	if (f.failed) return `The query stopped: ${f.failed.split('\n')[0]}`;
	const b = f.current;
	if (f.down && f.crashed && b)
		return `The driver died after the sink wrote batch ${b.batchId} and before commits/${b.batchId}; the restart will run batch ${b.batchId} again with the same offsets.`;
	if (f.down) return 'The query is stopped; the producer keeps writing to the topic.';
	if (!b) return 'No batch has run yet.';
	if (b.attempt > 1)
		return b.sink.status === 'skipped'
			? `Batch ${b.batchId} ran again with the same offsets; the sink already had it and skipped the write (${b.sink.note ?? 'already committed'}): ${b.sink.duplicates} rows delivered twice.`
			: b.sink.duplicated > 0 || b.sink.delivered === 0
				? `Batch ${b.batchId} ran again with the same offsets and the sink wrote its ${b.sink.delivered} rows a second time: ${b.sink.duplicates} rows now delivered twice.`
				: `Batch ${b.batchId} ran again with the same offsets; the write is keyed on batch_id, so its ${b.sink.delivered} rows replaced the first attempt's: ${b.sink.duplicates} rows delivered twice.`;
	const ranges = f.partitions
		.map(
			(p) => `partition ${p.partition} [${b.start[p.partition] ?? 0}, ${b.end[p.partition] ?? 0})`
		)
		.join(', ');
	return `Batch ${b.batchId} read ${b.numInputRows} records: ${ranges}; it wrote ${b.numOutputRows} records to the sink.`;
}

/** A once or availableNow query after its last batch: it stopped by itself (R1.4). */
function finishedText(trigger: 'once' | 'availableNow', batches: number): string {
	const n = `${batches} ${batches === 1 ? 'batch' : 'batches'}`;
	return trigger === 'once'
		? `The query stopped by itself after ${n}: Trigger.Once reads everything available in one batch, ignoring the source's read limit; what arrives later waits for the next start.`
		: `The query stopped by itself after ${n}: Trigger.AvailableNow read what the source held when the query started, in batches within the source's read limit; what arrives later waits for the next start.`;
}
