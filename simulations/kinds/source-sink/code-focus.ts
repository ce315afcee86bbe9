/**
 * The program lines behind the cursor: the Kafka source's options (where offsets come from and
 * how many a batch may take) while batches run, the writeStream chain when the sink is written.
 * Line ranges come from the reader's recorded call spans, never from scanning the text.
 */
import type { CodeSpan } from '../kind';
import type { SsRun } from './frames';
import { frameAt } from './frames';

export function codeFocusAt(run: SsRun, t: number): CodeSpan[] {
	const f = frameAt(run, t);
	const out: CodeSpan[] = [];
	if (run.spans.source)
		out.push({
			kind: 'source',
			...run.spans.source,
			label: f.current
				? `offsets/${f.current.batchId}: ${f.current.numInputRows} records read`
				: 'the Kafka source'
		});
	if (run.spans.sink && f.current)
		out.push({
			kind: 'sink',
			...run.spans.sink,
			label: `${f.current.numOutputRows} records written by batch ${f.current.batchId}`
		});
	return out;
}
