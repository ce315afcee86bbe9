/**
 * Predict, then reveal, on the pages that compare with a failure-free run (basic-14): what the
 * re-run of the crashed batch reads. A replayable source reads the logged offsets again, the same
 * records; a socket's lines were in the dead driver's memory, so the same offsets find none.
 */
import type { Prediction } from '../kind';
import type { FtRun } from './frames';

export function replayReads(run: FtRun): Prediction | null {
	if (!run.comparison) return null;
	const again = run.batches.find((b) => b.replay);
	const first = again && run.batches.find((b) => b.batchId === again.batchId && b.attempt === 1);
	const crash = run.crashes[0];
	if (!again || !first || !crash) return null;
	const n = first.numInputRows;
	const answer = again.numInputRows === n ? 'same' : again.numInputRows === 0 ? 'none' : 'other';
	return {
		id: `replay-reads-${again.batchId}`,
		askAtMs: crash.atMs + 3,
		revealAtMs: again.endMs,
		question: `Batch ${again.batchId} read ${n} records before the driver died. The restart runs it again with the offsets in offsets/${again.batchId}. How many records will the re-run read?`,
		choices: [
			{ id: 'same', label: `the same ${n} records` },
			{ id: 'none', label: 'none: they are gone' },
			{ id: 'other', label: 'others: the ones that arrived since the crash' }
		],
		answer,
		explanation:
			answer === 'same'
				? `The same ${n}: the source keeps its records, so the logged offsets read exactly what the first attempt read.`
				: answer === 'none'
					? `None: a socket’s lines live only in the driver that received them. The offsets in offsets/${again.batchId} point at lines that died with it.`
					: `${again.numInputRows} records that are not the ones the first attempt read: the source could not replay.`
	};
}
