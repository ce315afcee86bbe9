/**
 * Predict, then reveal, for micro-batch runs: before a batch runs, how many rows will it read,
 * how many will the sink get, and (when the query falls behind) will the next batch wait for its
 * trigger. Asked at the batch's trigger, answered and explained from the run's trace.
 */
import type { BatchRecord } from '../../microbatch/trace';
import type { Prediction } from '../kind';
import { numericChoices, YES_NO } from '../predict-choices';
import type { MicroBatchRun } from './run';

const rows = (n: number) => `${n} ${n === 1 ? 'row' : 'rows'}`;
const at = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const MODE_RULE: Record<string, string> = {
	append: 'Append mode writes each new result row once.',
	update: 'Update mode writes only the result rows this batch changed.',
	complete: 'Complete mode writes the whole result table after every batch, changed or not.'
};

function rowsRead(batches: readonly BatchRecord[]): Prediction | null {
	const i = batches.findIndex((b, k) => k > 0 && b.numInputRows > 0);
	const b = batches[i];
	const prev = batches[i - 1];
	if (!b || !prev) return null;
	const n = b.numInputRows;
	const { choices, answer } = numericChoices(
		n,
		[prev.numInputRows, n * 2, prev.numInputRows + n],
		rows
	);
	return {
		id: `read-${b.batchId}`,
		askAtMs: b.triggerAt,
		revealAtMs: b.commitAt,
		question: `Batch ${b.batchId} starts at ${at(b.triggerAt)}; batch ${prev.batchId} read ${rows(prev.numInputRows)}. How many rows will batch ${b.batchId} read?`,
		choices,
		answer,
		explanation: `Batch ${b.batchId} read ${rows(n)}: every row the source made available after the previous batch’s end offset (logged in offsets/${b.batchId} before it ran), and none it had already read.`
	};
}

function sinkRows(run: MicroBatchRun & { kind: 'microBatch' }): Prediction | null {
	const batches = run.trace.batches;
	const mode = run.trace.query.outputMode;
	// A batch where the sink's count differs from the rows read says the most about the mode.
	const b =
		batches.find((x) => x.batchId > 1 && x.numOutputRows !== x.numInputRows) ??
		batches.find((x) => x.batchId > 1);
	if (!b) return null;
	const n = b.numOutputRows;
	const { choices, answer } = numericChoices(
		n,
		[b.numInputRows, b.state.length, b.changed.length, 0],
		rows
	);
	return {
		id: `sink-${b.batchId}`,
		askAtMs: b.triggerAt,
		revealAtMs: b.commitAt,
		question: `Batch ${b.batchId} will read ${rows(b.numInputRows)} (${mode} mode). How many rows will the sink receive?`,
		choices,
		answer,
		explanation:
			`The sink received ${rows(n)} from batch ${b.batchId}. ${MODE_RULE[mode] ?? ''}`.trim()
	};
}

function fallsBehind(batches: readonly BatchRecord[]): Prediction | null {
	const i = batches.findIndex((b) => b.fallingBehind);
	const b = batches[i];
	if (!b || !batches[i + 1]) return null;
	return {
		id: `behind-${b.batchId}`,
		askAtMs: b.triggerAt,
		revealAtMs: b.commitAt,
		question: `Batch ${b.batchId} starts at ${at(b.triggerAt)}. Will the next batch have to start at once, without waiting for its trigger?`,
		choices: YES_NO,
		answer: 'yes',
		explanation: `Batch ${b.batchId} took longer than the trigger interval (it committed at ${at(b.commitAt)}), so Spark logs that the query is falling behind and starts the next batch immediately.`
	};
}

export function predictionsOf(run: MicroBatchRun): readonly Prediction[] {
	if (run.kind !== 'microBatch' || run.trace.error) return [];
	const batches = run.trace.batches;
	return [rowsRead(batches), sinkRows(run), fallsBehind(batches)]
		.filter((p): p is Prediction => p !== null)
		.sort((a, b) => a.askAtMs - b.askAtMs || a.id.localeCompare(b.id));
}
