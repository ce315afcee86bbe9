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

/** advanced-04: what the restart reads to get a state partition back (not the input). */
export function recoveryLoads(run: FtRun): Prediction | null {
	const r = run.recoveries?.[0];
	const p = r?.partitions[0];
	const crash = run.crashes[0];
	if (!r || !p || !crash) return null;
	const n = p.version;
	// RocksDB with changelog checkpointing names them N.zip and N.changelog.
	const rocks = run.files.some((f) => f.path.endsWith('.changelog'));
	const [snap, delta] = rocks ? ['zip', 'changelog'] : ['snapshot', 'delta'];
	const deltas = p.deltas.map((v) => `${v}.${delta}`).join(', ');
	const answer = p.snapshot === null ? 'deltas' : p.deltas.length === 0 ? 'snapshot' : 'both';
	return {
		id: `recovery-${n}`,
		askAtMs: crash.atMs + 4,
		revealAtMs: r.endMs,
		question: `The last committed batch is ${n - 1}, so the restart needs the state at version ${n} in ${p.dir}/. What does it read?`,
		choices: [
			{ id: 'input', label: `every record since batch 0, aggregated again` },
			{ id: 'both', label: `the latest snapshot, then the deltas after it up to ${n}` },
			{ id: 'deltas', label: `all ${n} ${delta} files, 1 to ${n}` },
			{ id: 'snapshot', label: `one checkpoint of version ${n}` }
		],
		answer,
		explanation:
			answer === 'both'
				? `${p.snapshot}.${snap}, then ${deltas}: version ${n}. Not ${n + 1}.${delta}: it belongs to the uncommitted batch ${n}, which runs again and writes it again. No input is re-read but that batch’s.`
				: answer === 'snapshot'
					? `Version ${n}’s checkpoint alone: the store uploaded a whole checkpoint for every version.`
					: `${deltas}: no snapshot was written yet, so every delta from 1 is replayed.`
	};
}
