/**
 * A micro-batch run at one processing time: the batches committed by then (the epochs committed,
 * for a continuous run), the last one, and the stops the cursor steps between (each batch's
 * commit; each epoch's commit). The views read the trace at `t` themselves (microbatch/cursor.ts).
 */
import { committedCount, lastCommitted } from '../../microbatch/cursor';
import type { BatchRecord } from '../../microbatch/trace';
import type { Stop } from '../kind';
import { epochCommitTimes } from './continuous-markers';
import type { MicroBatchRun } from './run';

export interface MicroBatchFrame {
	readonly t: number;
	/** Batches (or epochs) committed by `t`. */
	readonly committed: number;
	/** The last batch committed by `t` (micro-batch runs only). */
	readonly last: BatchRecord | undefined;
}

export function frameAt(run: MicroBatchRun, t: number): MicroBatchFrame {
	if (run.kind === 'continuous') {
		return {
			t,
			committed: epochCommitTimes(run.trace).filter((c) => c <= t).length,
			last: undefined
		};
	}
	return { t, committed: committedCount(run.trace, t), last: lastCommitted(run.trace, t) };
}

/** Batches end at their commit; in a continuous run the committed epochs play that part (an
 *  epoch's id commits at most once). */
export function stopsOf(run: MicroBatchRun): Stop[] {
	if (run.kind === 'continuous') {
		return run.trace.epochs
			.filter((e) => e.commitMs !== null)
			.map((e) => ({ id: e.epoch, endMs: e.commitMs! }))
			.sort((a, z) => a.endMs - z.endMs);
	}
	return run.trace.batches.map((b) => ({ id: b.batchId, endMs: b.commitAt }));
}
