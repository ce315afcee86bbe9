/**
 * Predict, then reveal, for a source and its sink: where the next batch starts in a partition's
 * log (the end offset the previous batch logged, not the producer's end), and how many records it
 * reads under the read limit. Asked once the previous batch is on screen, answered when the
 * batch runs, explained from its offsets/N.
 */
import type { Prediction } from '../kind';
import { numericChoices } from '../predict-choices';
import type { SsBatch, SsRun } from './frames';
import { sourcePredictions } from './source-story';

/** The file source's maxFilesPerTrigger, as the first batch that hit it shows it (null: unknown). */
const maxFiles = (run: SsRun): number | null => run.source?.maxFilesPerTrigger ?? null;

const at = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const records = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'record' : 'records'}`;

/** Batch N's start offset in partition 0: the end batch N-1 logged. */
function startsAt(prev: SsBatch, b: SsBatch, topic: string): Prediction | null {
	const start = b.start[0];
	const prevStart = prev.start[0];
	const prevEnd = prev.end[0];
	if (start === undefined || prevStart === undefined || prevEnd === undefined) return null;
	const { choices, answer } = numericChoices(
		start,
		[prevStart, prevEnd + 1, start + (prevEnd - prevStart)],
		(n) => `offset ${n}`
	);
	return {
		id: `start-${b.batchId}`,
		askAtMs: prev.triggerMs + 1,
		revealAtMs: Math.max(b.triggerMs, prev.triggerMs + 2),
		question: `Batch ${prev.batchId} read ${topic}-0 up to offset ${prevEnd} (end exclusive). Where will batch ${b.batchId} start reading it?`,
		choices,
		answer,
		explanation: `Batch ${b.batchId} started at offset ${start} of ${topic}-0: a batch starts exactly where the previous one's logged end offset was, so no record is read twice or skipped${start === prevEnd ? '' : ' (unless retention deleted it first)'}.`
	};
}

/** How many records batch N reads in all. */
function reads(prev: SsBatch, b: SsBatch, limit: string | null): Prediction | null {
	const cap = limit === null ? Number.NaN : Number(limit);
	const { choices, answer } = numericChoices(
		b.numInputRows,
		[prev.numInputRows, cap, b.numInputRows * 2],
		records
	);
	return {
		id: `read-${b.batchId}`,
		askAtMs: prev.triggerMs + 1,
		revealAtMs: Math.max(b.triggerMs, prev.triggerMs + 2),
		question: `Batch ${b.batchId} runs at ${at(b.triggerMs)}${limit === null ? '' : ` with maxOffsetsPerTrigger ${limit}`}. How many records will it read?`,
		choices,
		answer,
		explanation:
			`Batch ${b.batchId} read ${records(b.numInputRows)}: ` +
			(limit === null
				? 'everything the producer had written since the previous end offsets.'
				: `at most ${limit} per trigger, split across partitions by their backlog; what is left waits for the next batch.`)
	};
}

/** After a crash between the sink write and commits/N: what the replay leaves in the sink. */
function replay(crashed: SsBatch, again: SsBatch, sinkKind: string): Prediction {
	const added = again.sink.duplicates - crashed.sink.duplicates;
	const n = crashed.sink.delivered;
	return {
		id: `replay-${again.batchId}`,
		askAtMs: crashed.triggerMs + 1,
		revealAtMs: again.triggerMs,
		question: `The ${sinkKind} sink had written batch ${crashed.batchId}'s ${records(n).replace('record', 'row')} when the driver died, before commits/${crashed.batchId}. After the restart, how many of those rows will the sink hold twice?`,
		choices: [
			{ id: 'none', label: 'none: the sink skips or replaces a batch it already has' },
			{ id: 'all', label: `all ${n}: the batch is written again` },
			{
				id: 'lost',
				label: 'none: the restart skips batch ' + crashed.batchId + ' and its rows are lost'
			}
		],
		answer: added > 0 ? 'all' : 'none',
		explanation:
			added > 0
				? `The restart found offsets/${crashed.batchId} without commits/${crashed.batchId} and ran batch ${crashed.batchId} again with the same offsets; the ${sinkKind} sink has no record of batches, so it wrote the ${n} rows again: at-least-once, ${added} duplicates in the ledger.`
				: again.sink.status === 'skipped'
					? `The restart ran batch ${crashed.batchId} again with the same offsets, and the ${sinkKind} sink found the batch id already written (${again.sink.note ?? 'its log holds it'}) and skipped it: every row is there once.`
					: `The restart ran batch ${crashed.batchId} again with the same offsets and the ${sinkKind} sink wrote it again, but the write is keyed on batch_id: it replaced the first attempt's ${n} rows, so every row is there once.`
	};
}

export function predictionsOf(run: SsRun): readonly Prediction[] {
	if (run.source) return sourcePredictions(run, run.source, maxFiles(run));
	const b = run.batches;
	const again = b.find((x) => x.attempt > 1);
	const crashed = again && b.find((x) => x.batchId === again.batchId && x.attempt === 1);
	const replays =
		again && crashed && crashed.sink.delivered > 0 ? [replay(crashed, again, run.sinkKind)] : [];
	// Two different batches, a few in, so the first frames already show the log.
	const first = b.findIndex((x, i) => i >= 2 && x.numInputRows > 0);
	const out: (Prediction | null)[] = [];
	if (first > 0) {
		out.push(startsAt(b[first - 1] as SsBatch, b[first] as SsBatch, run.topic));
		const second = b.findIndex((x, i) => i > first + 1 && x.numInputRows > 0);
		if (second > 0)
			out.push(reads(b[second - 1] as SsBatch, b[second] as SsBatch, run.maxOffsetsPerTrigger));
	}
	return [...out, ...replays]
		.filter((p): p is Prediction => p !== null && p.revealAtMs <= run.endMs)
		.sort((x, y) => x.askAtMs - y.askAtMs);
}
