/**
 * Compare on a micro-batch page: the rows each side's sink received per batch, paired by the
 * trigger tick the batches started at (../sink-diff.ts). The trace keeps a batch's sink rows as
 * the console sink shows them (at most its `numRows`), so that is what is compared. A continuous
 * run has no batches: it compares against nothing.
 */
import type { SinkDiff, SinkRun } from '../sink-diff';
import { diffSinks } from '../sink-diff';
import type { MicroBatchRun } from './run';

function sinkOf(run: MicroBatchRun): SinkRun | null {
	if (run.kind !== 'microBatch') return null;
	const { trace } = run;
	return {
		outputColumns: trace.query.outputColumns,
		batches: trace.batches.map((b) => ({
			batchId: b.batchId,
			startMs: b.triggerAt,
			endMs: b.commitAt,
			output: b.output.map((r) => r.cells)
		}))
	};
}

export function diffMicroBatchSinks(
	a: MicroBatchRun,
	b: MicroBatchRun,
	t: number
): SinkDiff | null {
	const left = sinkOf(a);
	const right = sinkOf(b);
	return left && right ? diffSinks(left, right, t) : null;
}
