/** One sentence for the frame at `t`: the batch under the cursor and what it took. */
import { frameAt, type SsRun } from './frames';

export function describeFrame(run: SsRun, t: number): string {
	const f = frameAt(run, t);
	if (f.failed) return `The query stopped: ${f.failed.split('\n')[0]}`;
	if (f.down) return 'The query is stopped; the producer keeps writing to the topic.';
	const b = f.current;
	if (!b) return 'No batch has run yet.';
	const ranges = f.partitions
		.map(
			(p) => `partition ${p.partition} [${b.start[p.partition] ?? 0}, ${b.end[p.partition] ?? 0})`
		)
		.join(', ');
	return `Batch ${b.batchId} read ${b.numInputRows} records: ${ranges}; it wrote ${b.numOutputRows} records to the sink.`;
}
