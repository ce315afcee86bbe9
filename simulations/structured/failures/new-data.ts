/**
 * Whether a trigger now would construct a data batch: a batch awaits its re-run (offsets/N
 * without commits/N), or some source has offsets no batch has planned yet. The runners use it to
 * stop processAllAvailable after a no-data batch (an operator with processing-time timeouts asks
 * for one at every trigger). Read from the checkpoint, so the executor stays as small as the
 * page budget wants.
 */
import type { MicroBatchExecution } from '../runtime/executor';
import type { MemoryStreams } from '../runtime/memory-stream';

export function hasNewData(exec: MicroBatchExecution, streams: MemoryStreams): boolean {
	const cp = exec.checkpoint();
	const last = cp.offsets[cp.offsets.length - 1];
	const commit = cp.commits[cp.commits.length - 1];
	if (last !== undefined && (commit === undefined || commit.batchId < last.batchId)) return true;
	return exec.plan.sourceNames.some(
		(name) => streams.latestOffset(name) !== (last?.offsets[name] ?? 0)
	);
}
