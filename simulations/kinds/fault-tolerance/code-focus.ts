/**
 * The program lines behind the cursor: the Kafka source while offsets are planned and logged,
 * the stateful aggregation while tasks run, the writeStream chain (sink and checkpoint) when the
 * sink is written and commits/N lands. Line ranges come from the reader's recorded call spans.
 */
import type { CodeSpan } from '../kind';
import { frameAt, type FtRun } from './frames';

export function codeFocusAt(run: FtRun, t: number): CodeSpan[] {
	const f = frameAt(run, t);
	const b = f.current;
	const out: CodeSpan[] = [];
	if (!b || !f.phase) {
		if (run.spans.sink)
			out.push({ kind: 'sink', ...run.spans.sink, label: 'the query’s checkpoint and sink' });
		return out;
	}
	if ((f.phase === 'plan' || f.phase === 'offsetLog') && run.spans.source)
		out.push({
			kind: 'source',
			...run.spans.source,
			label: `offsets/${b.batchId}: ${b.numInputRows} records planned`
		});
	if (f.phase === 'run' && run.spans.state)
		out.push({ kind: 'state', ...run.spans.state, label: `state version ${b.batchId + 1}` });
	if ((f.phase === 'sink' || f.phase === 'commit') && run.spans.sink)
		out.push({
			kind: 'sink',
			...run.spans.sink,
			label: f.phase === 'sink' ? `batch ${b.batchId} to the sink` : `commits/${b.batchId}`
		});
	return out;
}
