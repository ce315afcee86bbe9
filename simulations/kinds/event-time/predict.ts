/**
 * Predict, then reveal, for event-time runs: before chosen batches, ask what the sink receives,
 * which watermark the batch computes, and whether a row older than the watermark is dropped or
 * still counts. Asked when the batch starts (its rows have arrived, nothing is processed yet);
 * answered and explained from the run: the engine's decision, never a typed result.
 */
import type { Prediction } from '../kind';
import { numericChoices, YES_NO } from '../predict-choices';
import type { EtBatch, EtEvent, EtRun } from './frames';
import { seconds } from './markers';

const rows = (n: number) => `${n} ${n === 1 ? 'row' : 'rows'}`;

const MODE_RULE: Record<EtRun['outputMode'], string> = {
	append:
		'Append mode writes a row once, when it can no longer change: for a windowed aggregation, when the watermark passes the window’s end.',
	update: 'Update mode writes the rows of the result this batch changed, nothing else.',
	complete: 'Complete mode writes the whole result table after every batch.'
};

/** The first batch (after the first) whose sink received rows: how many? */
function sinkRows(run: EtRun): Prediction | null {
	const b = run.batches.find((x) => x.batchId > 0 && x.output.length > 0);
	if (!b) return null;
	const n = b.output.length;
	const { choices, answer } = numericChoices(n, [0, b.numInputRows, n + 2], rows);
	return {
		id: `sink-${b.batchId}`,
		askAtMs: b.startMs,
		revealAtMs: b.endMs,
		question: `Batch ${b.batchId} is about to run on ${rows(b.numInputRows)} (${run.outputMode} mode). How many rows will the sink receive?`,
		choices,
		answer,
		explanation: `The sink received ${rows(n)} from batch ${b.batchId}. ${MODE_RULE[run.outputMode]}`
	};
}

/** Largest event time among the rows each batch up to `b` read, all inputs together. */
function maxEventTime(run: EtRun, b: EtBatch): number {
	let max = Number.NEGATIVE_INFINITY;
	for (const e of run.events)
		if (e.batchId !== null && e.batchId <= b.batchId) max = Math.max(max, e.eventTimeMs);
	return max;
}

/** The first batch (not already asked about) whose rows move the watermark: which watermark
 *  will it compute? */
function nextWatermark(run: EtRun, taken: ReadonlySet<number>): Prediction | null {
	const delay = run.delayMs;
	if (delay === null) return null;
	const b = run.batches.find(
		(x) =>
			x.batchId > 0 &&
			!taken.has(x.batchId) &&
			!x.noData &&
			Number.isFinite(x.nextWatermarkMs) &&
			x.nextWatermarkMs !== x.watermarkMs
	);
	if (!b) return null;
	const max = maxEventTime(run, b);
	const streams = new Set(run.events.map((e) => e.stream)).size;
	const { choices, answer } = numericChoices(
		b.nextWatermarkMs,
		[b.watermarkMs, max, b.nextWatermarkMs - delay],
		seconds
	);
	// Say the arithmetic only when the run's numbers are that arithmetic (one input).
	const why =
		streams === 1 && max - delay === b.nextWatermarkMs
			? `the largest event time seen so far (${seconds(max)}) minus the delay (${seconds(delay)})`
			: 'each input’s largest event time minus its delay, and with several inputs the minimum of them (spark.sql.streaming.multipleWatermarkPolicy = min)';
	return {
		id: `watermark-${b.batchId}`,
		askAtMs: b.startMs,
		revealAtMs: b.endMs,
		question: `Batch ${b.batchId} runs with ${Number.isFinite(b.watermarkMs) ? `watermark ${seconds(b.watermarkMs)}` : 'no watermark yet'}. What watermark will it compute for the next batch?`,
		choices,
		answer,
		explanation: `Batch ${b.batchId} computed ${seconds(b.nextWatermarkMs)}: ${why}. Spark uses it from the next batch on, never in the batch that computed it.`
	};
}

/** Rows older than the watermark their batch runs with: counted (`false`) or dropped. */
function lateRow(run: EtRun, dropped: boolean): Prediction | null {
	const batchOf = new Map(run.batches.map((b) => [b.batchId, b]));
	const late = (e: EtEvent) => {
		const b = e.batchId === null ? undefined : batchOf.get(e.batchId);
		return b && Number.isFinite(b.watermarkMs) && e.eventTimeMs < b.watermarkMs ? b : undefined;
	};
	const e = run.events.find((x) => x.dropped === dropped && late(x));
	const b = e && late(e);
	if (!e || !b) return null;
	const windows = run.windows.filter((w) => e.windows.includes(w.id));
	const kept = windows.map((w) => `[${seconds(w.startMs)}, ${seconds(w.endMs)})`).join(', ');
	const key = e.key ? ` (key ${e.key})` : '';
	const explanation = dropped
		? `Dropped: the engine counted it in numRowsDroppedByWatermark. Its group was already older than the watermark ${seconds(b.watermarkMs)}, so its state is gone and the row cannot change any result.`
		: `Counted, although it is older than the watermark ${seconds(b.watermarkMs)}: ${
				kept
					? `its window ${kept} ends after the watermark, so that window’s state still exists and takes the row.`
					: 'the state it belongs to is still kept.'
			} A late row is dropped only when what it would update is already final.`;
	return {
		id: `${dropped ? 'dropped' : 'counted'}-${e.id}`,
		askAtMs: b.startMs,
		revealAtMs: b.endMs,
		question: `Batch ${b.batchId} reads a row with event time ${seconds(e.eventTimeMs)}${key}, older than the watermark ${seconds(b.watermarkMs)}. Will Spark drop it?`,
		choices: YES_NO,
		answer: dropped ? 'yes' : 'no',
		explanation
	};
}

/** At most one question per batch: the page pauses once before each. */
export function predictionsOf(run: EtRun): readonly Prediction[] {
	const found: Prediction[] = [];
	const asked = new Set<number>();
	const batchAt = (p: Prediction) => run.batches.find((b) => b.startMs === p.askAtMs)?.batchId;
	const add = (p: Prediction | null) => {
		if (!p) return;
		const id = batchAt(p);
		if (id === undefined || asked.has(id)) return;
		asked.add(id);
		found.push(p);
	};
	add(sinkRows(run));
	add(lateRow(run, false));
	add(lateRow(run, true));
	add(nextWatermark(run, asked));
	return found.sort((a, b) => a.askAtMs - b.askAtMs || a.id.localeCompare(b.id));
}
