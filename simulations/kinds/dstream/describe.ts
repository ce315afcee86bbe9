/**
 * One sentence for the frame at `t`: the last finished batch (its batch time, the records its
 * input RDD held, how long it waited and ran) and how many batches are queued behind it.
 */
import { frameAt, type DsRun } from './frames';
import { seconds } from '../event-time/markers';

export function describeFrame(run: DsRun, t: number): string {
	const r = run.restart;
	if (r && t >= r.failAtMs && t < r.restartAtMs)
		return `The driver died at ${seconds(r.failAtMs)}: no receiver, no batches until the deployment restarts it at ${seconds(r.restartAtMs)}; lines sent now reach no one.`;
	const frame = frameAt(run, t);
	const rerunning = frame.batches.filter((b) => b.batch.rerun && b.phase !== 'done').length;
	if (r && rerunning > 0)
		return r.fromCheckpoint
			? `Restarted from checkpoint ${seconds(r.checkpointTime ?? 0)} without calling the setup function: ${rerunning} of ${r.rerunTimes.length} re-run ${r.rerunTimes.length === 1 ? 'batch' : 'batches'} still to finish.`
			: 'Restarted without a checkpoint: a new context, empty state.';
	const last = frame.done.at(-1);
	const queued =
		frame.queued > 0 ? `; ${frame.queued} ${frame.queued === 1 ? 'batch' : 'batches'} queued` : '';
	if (!last)
		return `No batch has finished yet; the receiver is filling the first ${seconds(run.batchMs)} interval${queued}.`;
	return `Batch at ${seconds(last.batchTime)}: ${last.numRecords} ${last.numRecords === 1 ? 'record' : 'records'}, waited ${seconds(last.schedulingDelay)} and ran ${seconds(last.processingDelay)}${queued}.`;
}
