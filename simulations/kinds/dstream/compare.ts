/**
 * Compare on a DStream page: what each side's output operations printed per batch (pprint's
 * lines), paired by batch time (../sink-diff.ts): the same batch interval on both sides pairs
 * every batch; a different one pairs none, and every line shows as only on its side.
 */
import type { SinkDiff, SinkRun } from '../sink-diff';
import { diffSinks } from '../sink-diff';
import type { DsRun } from './frames';

const sinkOf = (run: DsRun): SinkRun => ({
	outputColumns: ['pprint'],
	batches: run.batches.map((b, i) => ({
		batchId: i,
		startMs: b.batchTime,
		endMs: b.endMs,
		output: b.pprint.map((line) => [line])
	}))
});

export const diffDStreamOutputs = (a: DsRun, b: DsRun, t: number): SinkDiff =>
	diffSinks(sinkOf(a), sinkOf(b), t);
