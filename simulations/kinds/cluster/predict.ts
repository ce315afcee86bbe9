/**
 * Predict, then reveal, for a cluster under load: before a batch runs, will it have to wait for
 * the one before it (scheduling delay), and how many records will it take given the rate bound
 * in force. Asked when the batch is due, answered and explained from the run.
 */
import type { Prediction } from '../kind';
import { numericChoices, YES_NO } from '../predict-choices';
import type { CBatch, ClusterSimRun } from './frames';
import { sweepPredictionsOf } from './predict-sweep';
import { udfPredictionsOf } from './predict-udf';

const at = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const records = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'record' : 'records'}`;

/** A batch whose start waited on the previous one (or, failing that, one that did not). */
function waits(batches: readonly CBatch[]): Prediction | null {
	const late = batches.find((b, i) => i > 0 && b.schedulingDelayMs > 0);
	const b = late ?? batches[Math.min(3, batches.length - 1)];
	if (!b || b.id === 0) return null;
	const waited = b.schedulingDelayMs > 0;
	return {
		id: `wait-${b.id}`,
		askAtMs: b.dueMs,
		revealAtMs: Math.max(b.startMs, b.dueMs + 1),
		question: `Batch ${b.id} is due at ${at(b.dueMs)}. Will it have to wait before it can start?`,
		choices: YES_NO,
		answer: waited ? 'yes' : 'no',
		explanation: waited
			? `Batch ${b.id} started at ${at(b.startMs)}, ${at(b.schedulingDelayMs)} late: one batch runs at a time, and the one before it was still running (scheduling delay).`
			: `Batch ${b.id} started on time: the batch before it had finished, so its scheduling delay was 0.`
	};
}

/** How many records a batch takes once the load has built up. */
function taken(batches: readonly CBatch[], except: number | null): Prediction | null {
	const i = batches.findIndex(
		(b, k) => k > 2 && b.id !== except && b.records > 0 && b.records !== batches[k - 1]?.records
	);
	const b = batches[i];
	const prev = batches[i - 1];
	if (!b || !prev) return null;
	const limit = b.rateLimit;
	const { choices, answer } = numericChoices(
		b.records,
		[prev.records, b.records + b.leftAtSource, Math.round(b.records / 2)],
		records
	);
	return {
		id: `take-${b.id}`,
		askAtMs: b.dueMs,
		revealAtMs: Math.max(b.startMs, b.dueMs + 1),
		question: `Batch ${prev.id} took ${records(prev.records)}. How many will batch ${b.id} take?`,
		choices,
		answer,
		explanation:
			`Batch ${b.id} took ${records(b.records)}` +
			(b.leftAtSource > 0
				? `, leaving ${records(b.leftAtSource)} at the source: the rate bound${limit === null ? '' : ` of ${records(limit)}/s`} held them back.`
				: limit === null
					? ': everything produced since the previous batch, as no rate bound is set.'
					: `: everything waiting, under the rate bound of ${records(limit)}/s.`)
	};
}

export function clusterPredictionsOf(run: ClusterSimRun): readonly Prediction[] {
	const inRun = run.batches.filter((b) => b.endMs <= run.runMs);
	const wait = waits(inRun);
	// One question per batch: the second asks about another one.
	const take = taken(inRun, wait === null ? null : Number(wait.id.slice('wait-'.length)));
	const swept = run.sweep ? sweepPredictionsOf(run.sweep, inRun) : [];
	const udf = run.ceilings ? udfPredictionsOf(run, inRun) : [];
	return [wait, take, ...swept, ...udf]
		.filter((p): p is Prediction => p !== null)
		.sort((a, b) => a.askAtMs - b.askAtMs);
}
