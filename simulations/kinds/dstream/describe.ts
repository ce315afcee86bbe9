/**
 * One sentence for the frame at `t`: the last finished batch (its batch time, the records its
 * input RDD held, how long it waited and ran) and how many batches are queued behind it.
 */
import { frameAt, type DsRun } from './frames';
import { seconds } from '../event-time/markers';

export function describeFrame(run: DsRun, t: number): string {
	const frame = frameAt(run, t);
	const last = frame.done.at(-1);
	const queued =
		frame.queued > 0 ? `; ${frame.queued} ${frame.queued === 1 ? 'batch' : 'batches'} queued` : '';
	if (!last)
		return `No batch has finished yet; the receiver is filling the first ${seconds(run.batchMs)} interval${queued}.`;
	return `Batch at ${seconds(last.batchTime)}: ${last.numRecords} ${last.numRecords === 1 ? 'record' : 'records'}, waited ${seconds(last.schedulingDelay)} and ran ${seconds(last.processingDelay)}${queued}.`;
}
