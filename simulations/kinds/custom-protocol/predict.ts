/**
 * Predict, then reveal: where batch N's range starts (the end batch N-1 logged, not where the
 * source is now), and after a crash, how many rows the replay reads differently from the first
 * attempt (0 when read is deterministic).
 */
import type { Prediction } from '../kind';
import { numericChoices } from '../predict-choices';
import type { CpRun } from './frames';

const rows = (n: number) => `${n} ${n === 1 ? 'row' : 'rows'}`;

function nextStart(run: CpRun): Prediction | null {
	const i = run.batches.findIndex((b, k) => k >= 2 && b.attempt === 0 && b.rows > 0);
	const b = run.batches[i];
	const prev = run.batches[i - 1];
	if (!b || !prev || i < 1) return null;
	const choices = [
		{ id: 'logged', label: `${prev.end}: where batch ${prev.batchId} ended` },
		{ id: 'latest', label: `${b.end}: the source's latest offset now` },
		{ id: 'initial', label: `initialOffset() again` }
	];
	return {
		id: `start-${b.batchId}`,
		askAtMs: (run.batchEndMs[i - 1] ?? prev.triggerMs) + 1,
		revealAtMs: run.batchEndMs[i] ?? b.triggerMs,
		question: `Batch ${b.batchId} is next. Which start offset will Spark pass to partitions(start, end)?`,
		choices,
		answer: 'logged',
		explanation: `partitions(${b.start}, ${b.end}): the start is the end offset batch ${prev.batchId} logged in offsets/${prev.batchId}; the source only answered latestOffset() with ${b.end}. Spark keeps the bookkeeping, the source only answers "what is the latest offset?" and "give me the rows between these two offsets".`
	};
}

function replayDiffers(run: CpRun): Prediction | null {
	const i = run.batches.findIndex((b) => b.attempt > 0);
	const b = run.batches[i];
	const crash = run.crashes[0];
	if (!b || !crash || b.rows === 0) return null;
	const { choices, answer } = numericChoices(
		b.differingRows,
		[0, b.rows, Math.round(b.rows / 2)],
		rows
	);
	return {
		id: `replay-${b.batchId}`,
		askAtMs: crash.atMs + 1,
		revealAtMs: run.batchEndMs[i] ?? b.triggerMs,
		question: `The query crashed in batch ${b.batchId} (${b.rows} rows read from ${b.start} to ${b.end}). On restart Spark runs batch ${b.batchId} again. How many of its rows will differ from the first run?`,
		choices,
		answer,
		explanation:
			b.differingRows === 0
				? `None: the replay got the same range ${b.start} → ${b.end} from offsets/${b.batchId}, and read() computes each row from its row_id, so the sink sees exactly the rows it saw before.`
				: `${rows(b.differingRows)} of ${b.rows}: the range was the same (${b.start} → ${b.end}, from offsets/${b.batchId}), but read() drew new random values, so what the sink committed the first time and what it commits now disagree: exactly-once is broken.`
	};
}

export function predictionsOf(run: CpRun): readonly Prediction[] {
	return [nextStart(run), replayDiffers(run)]
		.filter((p): p is Prediction => p !== null && p.revealAtMs <= run.endMs)
		.sort((a, b) => a.askAtMs - b.askAtMs);
}
