/**
 * What a source-neutral run (basic-04) says in words: the sentence for a frame, the scrubber's
 * label of a batch, and its predict-then-reveal questions: how much the next batch takes (the
 * file source's read limit, or whatever arrived), and what the batch re-run after a crash reads
 * (the same rows from a replayable source; nothing from the socket). All from the run.
 */
import type { Prediction } from '../kind';
import { numericChoices } from '../predict-choices';
import type { SourceTrack, SsBatch, SsFrame, SsRun } from './frames';

const NAMES: Record<SourceTrack['kind'], string> = {
	file: 'file source',
	kafka: 'Kafka source',
	socket: 'socket source',
	rate: 'rate source',
	'rate-micro-batch': 'rate-micro-batch source'
};
const rows = (n: number) => `${n} ${n === 1 ? 'row' : 'rows'}`;

export const sourceName = (s: SourceTrack): string => NAMES[s.kind];

/** The batch run before `b` with the same id (its crashed first attempt), if any. */
export const firstAttempt = (run: SsRun, b: SsBatch): SsBatch | undefined =>
	b.attempt > 1 ? run.batches.find((x) => x.batchId === b.batchId && x.attempt === 1) : undefined;

export function describeSourceFrame(run: SsRun, s: SourceTrack, f: SsFrame): string {
	const b = f.current;
	if (f.down && b)
		return `The driver died after the sink wrote batch ${b.batchId} and before commits/${b.batchId}; offsets/${b.batchId} holds ${b.read?.terms ?? 'its offsets'}.`;
	if (!b) return `No batch has run yet: the ${sourceName(s)} is waiting for the first trigger.`;
	const first = firstAttempt(run, b);
	if (first)
		return s.replayable
			? `Batch ${b.batchId} ran again from offsets/${b.batchId} and the ${sourceName(s)} gave back the same ${rows(b.numInputRows)} (${b.read?.terms}).`
			: `Batch ${b.batchId} ran again from offsets/${b.batchId}, but the restarted socket's buffer is empty: it read ${rows(b.numInputRows)} of the ${rows(first.numInputRows)} the first attempt printed; ${s.lost.length} lines are lost.`;
	return `Batch ${b.batchId} read ${rows(b.numInputRows)}: offsets/${b.batchId} says ${b.read?.terms ?? ''}.`;
}

/** How many units (files, seconds, lines) or rows batch `b` reads, asked after `prev`. */
function howMuch(s: SourceTrack, prev: SsBatch, b: SsBatch, limit: number | null): Prediction {
	const files = s.kind === 'file';
	const n = files ? (b.read?.units.length ?? 0) : b.numInputRows;
	const label = (v: number) => (files ? `${v} ${v === 1 ? 'file' : 'files'}` : rows(v));
	const prevN = files ? (prev.read?.units.length ?? 0) : prev.numInputRows;
	const { choices, answer } = numericChoices(
		n,
		[prevN, limit ?? Number.NaN, n + (files ? 1 : 4), Math.max(0, n - 1)],
		label
	);
	return {
		id: `take-${b.batchId}`,
		askAtMs: prev.triggerMs + 1,
		revealAtMs: Math.max(b.triggerMs, prev.triggerMs + 2),
		question: files
			? `Batch ${b.batchId} starts at ${(b.triggerMs / 1000).toFixed(0)} s with maxFilesPerTrigger ${limit ?? 'unset'}. How many files will it take?`
			: `Batch ${b.batchId} starts at ${(b.triggerMs / 1000).toFixed(0)} s. How many rows will the ${sourceName(s)} give it?`,
		choices,
		answer,
		explanation: files
			? `Batch ${b.batchId} took ${label(n)} (${b.read?.terms}): the new files, oldest first, at most ${limit ?? 'all'} a batch; files beyond the limit wait for the next batch.`
			: `Batch ${b.batchId} read ${rows(n)}: offsets/${b.batchId} says ${b.read?.terms}.`
	};
}

/** The batch re-run after the crash: the same rows, or none (the socket). */
function replayed(s: SourceTrack, first: SsBatch, again: SsBatch): Prediction {
	const same = again.numInputRows === first.numInputRows;
	return {
		id: `replay-${again.batchId}`,
		askAtMs: first.triggerMs + 1,
		revealAtMs: again.triggerMs,
		question: `The driver died after batch ${first.batchId} (${rows(first.numInputRows)}) reached the sink, before commits/${first.batchId}. The restart runs batch ${first.batchId} again from offsets/${first.batchId}. What will the ${sourceName(s)} give it?`,
		choices: [
			{ id: 'same', label: `the same ${rows(first.numInputRows)}` },
			{ id: 'none', label: 'nothing: those rows are gone' },
			{ id: 'newer', label: 'whatever arrived since, instead' }
		],
		answer: same ? 'same' : again.numInputRows === 0 ? 'none' : 'newer',
		explanation: same
			? `The ${sourceName(s)} can return to an offset: reading ${again.read?.terms} again gave the same ${rows(again.numInputRows)}.`
			: `The socket is not replayable: its lines lived in the dead driver's memory, and the new connection starts empty. Batch ${again.batchId} read ${rows(again.numInputRows)}; ${s.lost.length} lines never reach a committed batch.`
	};
}

export function sourcePredictions(run: SsRun, s: SourceTrack, limit: number | null): Prediction[] {
	const b = run.batches;
	const out: Prediction[] = [];
	const i = b.findIndex((x, k) => k >= 2 && x.numInputRows > 0 && x.attempt === 1);
	if (i > 0) out.push(howMuch(s, b[i - 1] as SsBatch, b[i] as SsBatch, limit));
	const again = b.find((x) => x.attempt > 1);
	const first = again && firstAttempt(run, again);
	if (again && first) out.push(replayed(s, first, again));
	else {
		const j = b.findIndex((x, k) => k > i + 2 && x.numInputRows > 0);
		if (j > 0) out.push(howMuch(s, b[j - 1] as SsBatch, b[j] as SsBatch, limit));
	}
	return out.filter((p) => p.revealAtMs <= run.endMs).sort((x, y) => x.askAtMs - y.askAtMs);
}
