/**
 * The program lines behind the cursor: the state function while it is called (arbitrary state),
 * the stateful call, and the writeStream chain when the batch emits rows.
 */
import type { CodeSpan } from '../kind';
import { frameAt, type KsRun } from './frames';

export function codeFocusAt(run: KsRun, t: number): CodeSpan[] {
	const b = frameAt(run, t).current;
	const out: CodeSpan[] = [];
	if (run.spans.fn && b && b.calls.length > 0)
		out.push({
			kind: 'function',
			...run.spans.fn,
			label: `batch ${b.batchId}: ${b.calls.length} call${b.calls.length === 1 ? '' : 's'} of ${run.functionName}`
		});
	if (run.spans.stateful)
		out.push({
			kind: 'state',
			...run.spans.stateful,
			label: b ? `${b.state.length} keys in state after batch ${b.batchId}` : 'the keyed state'
		});
	if (run.spans.sink && b && b.emitted.length > 0)
		out.push({
			kind: 'sink',
			...run.spans.sink,
			label: `${b.emitted.length} rows written by batch ${b.batchId}`
		});
	return out;
}
