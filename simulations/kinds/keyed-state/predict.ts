/**
 * Predict, then reveal, for keyed state. Arbitrary state: will this key's function be called
 * with hasTimedOut (only past its deadline, only with no rows in that batch, and never without a
 * timeout), and how many calls a batch makes (keys with rows, then timed-out keys; never every
 * key in state), and how many rows a batch's calls yield (only the function decides). Built-in state: how many rows the store holds after a batch (one per key ever
 * seen), and how many rows the sink gets (the keys touched, in update mode).
 */
import type { Prediction } from '../kind';
import { numericChoices, YES_NO } from '../predict-choices';
import type { KsBatch, KsRun } from './frames';

const at = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const n = (k: number, one: string) => `${k} ${k === 1 ? one : `${one}s`}`;

const timing = (prev: KsBatch, b: KsBatch) => ({
	askAtMs: prev.triggerMs + 1,
	revealAtMs: Math.max(b.triggerMs, prev.triggerMs + 2)
});

/** A key in state before batch `i`: will batch `i` call it with hasTimedOut? */
function timesOut(run: KsRun, i: number, key: string): Prediction | null {
	const prev = run.batches[i - 1];
	const b = run.batches[i];
	const row = prev?.state.find((r) => r.key === key);
	if (!prev || !b || !row) return null;
	const call = b.calls.find((c) => c.key === key);
	const fired = call?.hasTimedOut === true;
	const fn = run.functionName ?? 'the function';
	const deadline =
		row.deadlineMs === null ? 'no timeout deadline' : `a timeout deadline at ${at(row.deadlineMs)}`;
	const clock =
		run.timeout === 'EventTimeTimeout'
			? `the watermark it will run with is ${b.watermarkMs === null ? 'not set yet' : at(b.watermarkMs)}`
			: `it runs at ${at(b.triggerMs)}`;
	const why = fired
		? `${key} got no rows and its deadline had passed, so ${fn} was called for it with hasTimedOut = True and no rows, after the keys with data.`
		: call && call.inputRows > 0
			? `${key} got ${n(call.inputRows, 'row')} in this batch: a key with data is called with them and hasTimedOut = False, whatever its deadline.`
			: run.timeout === 'NoTimeout' || run.timeout === null
				? `With GroupStateTimeout.NoTimeout no key ever times out: ${key}'s state stays until the function removes it, and the function is only called when ${key} has rows.`
				: row.deadlineMs !== null &&
					  row.deadlineMs === (run.timeout === 'EventTimeTimeout' ? b.watermarkMs : b.triggerMs)
					? `the deadline equals the batch's ${run.timeout === 'EventTimeTimeout' ? 'watermark' : 'time'}, and a key times out only once its deadline is strictly before it: ${key} is called with hasTimedOut at the next trigger, not at the deadline.`
					: `${key}'s deadline had not passed when the batch ran, so the function was not called for it.`;
	return {
		id: `timeout-${b.batchId}-${key}`,
		...timing(prev, b),
		question: `${key} is in state with ${deadline}. Batch ${b.batchId} is next; ${clock}. Will ${fn} be called for ${key} with hasTimedOut = True?`,
		choices: YES_NO,
		answer: fired ? 'yes' : 'no',
		explanation: `${fired ? 'Yes' : 'No'}: ${why}`
	};
}

/** How many calls batch `i` makes. */
function callCount(run: KsRun, i: number): Prediction | null {
	const prev = run.batches[i - 1];
	const b = run.batches[i];
	if (!prev || !b) return null;
	const withRows = b.calls.filter((c) => !c.hasTimedOut).length;
	const timedOut = b.calls.length - withRows;
	const { choices, answer } = numericChoices(
		b.calls.length,
		[prev.state.length, run.keys.length, b.numInputRows, prev.state.length + withRows],
		(k) => n(k, 'call')
	);
	return {
		id: `calls-${b.batchId}`,
		...timing(prev, b),
		question: `Batch ${b.batchId} will read ${n(b.numInputRows, 'row')}; ${n(prev.state.length, 'key')} ${prev.state.length === 1 ? 'is' : 'are'} in state. How many times will ${run.functionName ?? 'the function'} be called?`,
		choices,
		answer,
		explanation: `${n(b.calls.length, 'call')}: once per key with rows in this batch (${withRows}), then once per key whose timeout fired (${timedOut}). Keys in state with neither are not called.`
	};
}

function stateRows(run: KsRun, i: number): Prediction | null {
	const prev = run.batches[i - 1];
	const b = run.batches[i];
	if (!prev || !b) return null;
	const { choices, answer } = numericChoices(
		b.state.length,
		[
			b.emitted.length === b.state.length ? prev.state.length : b.emitted.length,
			b.numInputRows,
			prev.state.length + b.numInputRows
		],
		(k) => n(k, 'state row')
	);
	return {
		id: `rows-${b.batchId}`,
		...timing(prev, b),
		question: `The store holds ${n(prev.state.length, 'row')} after batch ${prev.batchId}. Batch ${b.batchId} will read ${n(b.numInputRows, 'purchase')}. How many state rows after it?`,
		choices,
		answer,
		explanation: `${n(b.state.length, 'state row')}: one per ${run.keyColumns.join(', ')} ever seen, updated in place; a key's row stays after the batch, and nothing removes it without a watermark.`
	};
}

function sinkRows(run: KsRun, i: number): Prediction | null {
	const prev = run.batches[i - 1];
	const b = run.batches[i];
	if (!prev || !b) return null;
	const touched = b.state.filter((r) => r.touched).length;
	const { choices, answer } = numericChoices(
		b.emitted.length,
		[touched, b.state.length, b.numInputRows],
		(k) => n(k, 'row')
	);
	return {
		id: `sink-${b.batchId}`,
		...timing(prev, b),
		question: `Batch ${b.batchId} will read ${n(b.numInputRows, 'purchase')} for some of the ${n(prev.state.length, 'user')} in state. In ${run.outputMode} mode, how many rows will it write to the sink?`,
		choices,
		answer,
		explanation:
			run.outputMode === 'complete'
				? `${n(b.emitted.length, 'row')}: complete mode writes the whole result table, every key in state, after every batch.`
				: `${n(b.emitted.length, 'row')}: update mode writes only the ${n(touched, 'key')} this batch changed; the others keep their state and send nothing.`
	};
}

/** Arbitrary state: how many rows will this batch's calls yield? Only the function decides
 *  (advanced-15's z-score yields a reading only when it is far from the mean in state). */
function yielded(run: KsRun, i: number): Prediction | null {
	const prev = run.batches[i - 1];
	const b = run.batches[i];
	if (!prev || !b) return null;
	const calls = b.calls.filter((c) => !c.hasTimedOut).length;
	const { choices, answer } = numericChoices(b.emitted.length, [0, calls, b.numInputRows], (k) =>
		n(k, 'row')
	);
	const keys = new Set(b.calls.filter((c) => c.emitted.length > 0).map((c) => c.key));
	return {
		id: `yield-${b.batchId}`,
		...timing(prev, b),
		question: `Batch ${b.batchId} will call ${run.functionName ?? 'the function'} for ${n(calls, 'key')} with ${n(b.numInputRows, 'row')} in all. How many rows will the calls yield to the sink?`,
		choices,
		answer,
		explanation: `${n(b.emitted.length, 'row')}, from ${[...keys].join(', ')}: applyInPandasWithState writes whatever the function yields, no more; the other calls only updated their key's state.`
	};
}

export function predictionsOf(run: KsRun): readonly Prediction[] {
	const b = run.batches;
	const out: (Prediction | null)[] = [];
	if (run.operator === 'aggregation') {
		const first = b.findIndex((x, i) => i >= 3 && !x.noData && x.numInputRows > 0);
		if (first > 0) out.push(stateRows(run, first));
		// Preferably a batch that leaves some keys untouched: update mode then writes fewer rows
		// than the store holds.
		const partial = b.findIndex(
			(x, i) => i > first + 1 && x.numInputRows > 0 && x.emitted.length < x.state.length
		);
		const second =
			partial > 0 ? partial : b.findIndex((x, i) => i > first + 1 && x.numInputRows > 0);
		if (first > 0 && second > 0) out.push(sinkRows(run, second));
	} else {
		const fired = b.findIndex((x, i) => i >= 2 && x.calls.some((c) => c.hasTimedOut));
		if (fired > 0) {
			const key = b[fired]?.calls.find((c) => c.hasTimedOut)?.key as string;
			// The batch that runs exactly at the deadline, when there is one, is the better question.
			const deadline = b[fired - 1]?.state.find((r) => r.key === key)?.deadlineMs;
			const atDeadline = b[fired - 1]?.triggerMs === deadline && fired - 1 >= 2;
			out.push(timesOut(run, atDeadline ? fired - 1 : fired, key));
		} else {
			// No timeout ever fires: ask about the key idle longest in state at a batch a few in.
			const i = Math.min(b.length - 1, 8);
			const idle = b[i - 1]?.state.find((r) => !b[i]?.calls.some((c) => c.key === r.key));
			if (idle) out.push(timesOut(run, i, idle.key));
		}
		const from = Math.max(fired, 2) + 1;
		// A batch with keys called for rows and keys called for their timeout, when there is one.
		const mixed = b.findIndex(
			(x, i) => i > from && x.numInputRows > 0 && x.calls.some((c) => c.hasTimedOut)
		);
		const busy =
			mixed > 0
				? mixed
				: b.findIndex((x, i) => i > from && x.calls.length > 0 && x.numInputRows > 0);
		if (busy > 0) out.push(callCount(run, busy));
		const asked = new Set(out.map((p) => p?.askAtMs));
		const yields = b.findIndex(
			(x, i) => i >= 2 && x.emitted.length > 0 && !asked.has((b[i - 1]?.triggerMs ?? 0) + 1)
		);
		if (yields > 0) out.push(yielded(run, yields));
	}
	return out
		.filter((p): p is Prediction => p !== null && p.revealAtMs <= run.endMs)
		.sort((x, y) => x.askAtMs - y.askAtMs);
}
