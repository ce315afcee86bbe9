/**
 * Predict, then reveal, for DStream runs: how many records a batch holds (only its own
 * interval's: nothing carries over) and whether a batch waits in the job queue. Asked when the
 * batch's interval begins or closes, answered from the run.
 */
import type { Prediction } from '../kind';
import { numericChoices, YES_NO } from '../predict-choices';
import { seconds } from '../event-time/markers';
import type { DsRun } from './frames';

const records = (n: number) => `${n} ${n === 1 ? 'record' : 'records'}`;

function recordsIn(run: DsRun): Prediction | null {
	const i = run.batches.findIndex((b, k) => k > 0 && b.numRecords > 0);
	const b = run.batches[i];
	if (!b || i < 1) return null;
	const before = run.batches.slice(0, i).reduce((n, x) => n + x.numRecords, 0);
	const prev = run.batches[i - 1]!;
	const { choices, answer } = numericChoices(
		b.numRecords,
		[prev.numRecords, before + b.numRecords, 0],
		records
	);
	const from = Math.max(0, b.batchTime - run.batchMs);
	return {
		id: `records-${i}`,
		askAtMs: from,
		revealAtMs: b.endMs,
		question: `The receiver starts filling the batch at ${seconds(b.batchTime)}; ${records(before)} came before it. How many records will that batch hold?`,
		choices,
		answer,
		explanation: `The batch at ${seconds(b.batchTime)} held ${records(b.numRecords)}: only the blocks received in its interval [${seconds(from)}, ${seconds(b.batchTime)}). A DStream batch starts from nothing; only updateStateByKey or a window carries data over.`
	};
}

function queued(run: DsRun): Prediction | null {
	const i = run.batches.findIndex((b) => b.schedulingDelay > 0);
	const k = i >= 1 ? i : Math.min(2, run.batches.length - 1);
	const b = run.batches[k];
	const prev = run.batches[k - 1];
	if (!b || !prev) return null;
	const waits = b.schedulingDelay > 0;
	return {
		id: `queued-${k}`,
		askAtMs: Math.min(prev.endMs, b.batchTime),
		revealAtMs: b.endMs,
		question: `The batch at ${seconds(b.batchTime)} is generated when its interval closes. Will it wait in the job queue before it runs?`,
		choices: YES_NO,
		answer: waits ? 'yes' : 'no',
		explanation: waits
			? `It waited ${seconds(b.schedulingDelay)} (scheduling delay): the batch before it was still running, and Spark runs one job at a time (spark.streaming.concurrentJobs = 1).`
			: `It started at once: the batch before it finished in ${seconds(prev.processingDelay)}, within the ${seconds(run.batchMs)} batch interval, so the queue was empty.`
	};
}

/** After a driver failure: what the first re-run batch holds (the write-ahead log decides). */
function rerunRecords(run: DsRun): Prediction | null {
	const r = run.restart;
	const b = run.batches.find((x) => x.rerun);
	if (!r || !b) return null;
	const before = run.batches.find((x) => x.attempt === 0 && x.batchTime === b.batchTime);
	const received = before?.numRecords ?? 0;
	const { choices, answer } = numericChoices(b.numRecords, [received, 0, received + 1], records);
	return {
		id: `rerun-${b.batchTime}`,
		askAtMs: r.failAtMs,
		revealAtMs: b.endMs,
		question: `The driver died at ${seconds(r.failAtMs)}; the batch at ${seconds(b.batchTime)} ${before ? `had held ${records(received)}` : 'was filling'}. When the restarted driver runs it again, how many records will it hold?`,
		choices,
		answer,
		explanation: r.wal
			? `${records(b.numRecords)}: the blocks were in the write-ahead log, and the restarted driver read them back for the same batch time.`
			: `${records(b.numRecords)}: without spark.streaming.receiver.writeAheadLog.enable the blocks lived only in executor memory, which died with the driver; the re-run batch computes an empty RDD.`
	};
}

export function predictionsOf(run: DsRun): readonly Prediction[] {
	const asked = run.restart ? [recordsIn(run), rerunRecords(run)] : [recordsIn(run), queued(run)];
	return asked
		.filter((p): p is Prediction => p !== null)
		.sort((a, b) => a.askAtMs - b.askAtMs || a.id.localeCompare(b.id));
}
