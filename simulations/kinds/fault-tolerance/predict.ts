/**
 * Predict, then reveal, for checkpoints and failures: after the driver dies, which batch the
 * restart runs first and with which offsets; whether the sink's reader sees a re-run batch once
 * or twice; which files a batch adds to a state partition (a delta, and a snapshot when
 * minDeltasForSnapshot deltas followed the last one). Asked from the run, answered by it.
 */
import type { Prediction } from '../kind';
import type { FtBatch, FtRun } from './frames';
import { recoveryLoads, replayReads } from './predict-replay';
import { internalsPredictions } from './predict-internals';

const PHASE_WORDS: Readonly<Record<string, string>> = {
	beforeOffsetLog: 'before writing offsets/{N}',
	afterOffsetLog: 'right after writing offsets/{N}',
	duringProcessing: 'while batch {N}’s tasks ran',
	afterSinkBeforeCommit: 'after the sink wrote batch {N} and before commits/{N}'
};

function firstAfterRestart(run: FtRun, crashIndex: number): FtBatch | null {
	const r = run.restarts[crashIndex];
	return r ? (run.batches.find((b) => b.startMs >= r.startMs) ?? null) : null;
}

function whichBatch(run: FtRun): Prediction | null {
	const c = run.crashes[0];
	const b = firstAfterRestart(run, 0);
	if (!c || !b) return null;
	const n = c.batchId;
	const answer = b.replay
		? 'same'
		: b.batchId === n
			? 'afresh'
			: b.batchId === n + 1
				? 'next'
				: 'zero';
	const offsets = Object.entries(b.end)
		.map(([p, e]) => `${run.topic}-${p} [${b.start[Number(p)] ?? 0}, ${e})`)
		.join(', ');
	return {
		id: `restart-${n}`,
		askAtMs: c.atMs + 1,
		revealAtMs: b.endMs,
		question: `The driver died ${(PHASE_WORDS[c.phase] ?? c.phase).replaceAll('{N}', String(n))}. The deployment restarts it from the same checkpoint. What does the restarted query run first?`,
		choices: [
			{ id: 'same', label: `batch ${n} again, with exactly the offsets in offsets/${n}` },
			{ id: 'afresh', label: `batch ${n}, planned afresh with the offsets available now` },
			{ id: 'next', label: `batch ${n + 1}: batch ${n} is lost` },
			{ id: 'zero', label: 'batch 0 again, from startingOffsets' }
		],
		answer,
		explanation: b.replay
			? `Batch ${b.batchId} ran again with the same offsets (${offsets}): offsets/${n} was in the checkpoint without commits/${n}, so Spark re-runs that batch as logged, not a new one.`
			: `Batch ${b.batchId} was planned afresh (${offsets}): offsets/${n} was never written, so nothing of batch ${n} existed to replay.`
	};
}

function sinkSeesIt(run: FtRun): Prediction | null {
	const c = run.crashes[0];
	const b = firstAfterRestart(run, 0);
	if (!c || !b || c.phase !== 'afterSinkBeforeCommit' || !b.replay) return null;
	const before = run.batches[run.batches.indexOf(b) - 1];
	const twice = before !== undefined && b.ledger.extraWrites > before.ledger.extraWrites;
	const skipped = b.sink?.status === 'skipped';
	return {
		id: `sink-${b.batchId}`,
		askAtMs: c.atMs + 2,
		revealAtMs: b.endMs,
		question: `The sink (${run.sinkDescription}) already has batch ${b.batchId}’s output when the restart re-runs it. How many times will a reader of the sink see those rows?`,
		choices: [
			{ id: 'once', label: 'once: the second write is absorbed' },
			{ id: 'twice', label: 'twice: the re-run writes them again' }
		],
		answer: twice ? 'twice' : 'once',
		explanation: twice
			? `The sink wrote batch ${b.batchId} again: the ledger counts ${b.ledger.extraWrites} extra deliveries. Spark re-runs the batch; only the sink can absorb it.`
			: skipped
				? `Once: the file sink found _spark_metadata/${b.batchId} and logged “${b.sink?.note ?? 'Skipping already committed batch'}”; the ledger’s duplicate count stays ${b.ledger.extraWrites}.`
				: `Once: the ledger’s duplicate count stays ${b.ledger.extraWrites}.`
	};
}

function snapshotFiles(run: FtRun): Prediction | null {
	const snap = run.files.find((f) => f.area === 'checkpoint' && f.path.endsWith('.snapshot'));
	if (!snap) return null;
	const dir = snap.path.slice(0, snap.path.lastIndexOf('/'));
	const version = Number(snap.path.slice(dir.length + 1).split('.')[0]);
	const b = run.batches.find(
		(x) =>
			x.batchId === version - 1 &&
			x.failed !== 'afterSinkBeforeCommit' &&
			x.phases.commit !== undefined
	);
	const prev = b ? run.batches[run.batches.indexOf(b) - 1] : undefined;
	if (!b || !prev) return null;
	return {
		id: `snapshot-${version}`,
		askAtMs: prev.endMs + 1,
		revealAtMs: b.endMs,
		question: `Batch ${b.batchId} commits state version ${version} (minDeltasForSnapshot = ${run.minDeltasForSnapshot}). Which files will it add to ${dir}/?`,
		choices: [
			{ id: 'delta', label: `${version}.delta only` },
			{ id: 'both', label: `${version}.delta and ${version}.snapshot` },
			{ id: 'snapshot', label: `${version}.snapshot only, replacing the deltas` }
		],
		answer: 'both',
		explanation: `Every version writes a delta (the keys it changed); ${version} versions followed the last snapshot, so the maintenance also wrote ${version}.snapshot with every key. Recovery loads the latest snapshot and replays the deltas after it; the old deltas stay until retention removes them.`
	};
}

export function predictionsOf(run: FtRun): readonly Prediction[] {
	return [
		whichBatch(run),
		sinkSeesIt(run),
		snapshotFiles(run),
		replayReads(run),
		recoveryLoads(run),
		...internalsPredictions(run)
	]
		.filter((p): p is Prediction => p !== null && p.revealAtMs <= run.endMs)
		.sort((a, b) => a.askAtMs - b.askAtMs);
}
