/**
 * CompareDiff server-rendered on two fixed engine runs of the same input: basic-08 at its
 * defaults (append) against its `update-mode` preset, seed 1, up to the end of batch 10. The rows
 * it lists per trigger are checked against a brute-force multiset difference of the two sinks'
 * rows (paired by trigger tick), so the view fails if it drifts from what the engines emitted.
 */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { diffSinks } from '$sim/kinds/sink-diff';
import type { EtRun } from '$sim/kinds/event-time/frames';
import CompareDiff from '$lib/sim/CompareDiff.svelte';
import { formatCell } from '$lib/views/result-table/rows';
import { LATE_ROWS, samePageRun } from './fixtures/engine-runs';
import { byTestId, normalise, one, parseMarkup, textOf } from './fixtures/markup';

const left = samePageRun(LATE_ROWS, 'late-data');
const right = samePageRun(LATE_ROWS, 'update-mode');
const t = left.batches[10]!.endMs;
const body = render(CompareDiff, {
	props: { diff: diffSinks(left, right, t), labelA: 'append', labelB: 'update' }
}).body;
const root = parseMarkup(body);

const show = (run: EtRun, row: readonly unknown[]) =>
	run.outputColumns.map((c, i) => `${c}=${formatCell(row[i])}`).join(' · ');

/** Trigger ticks (batch start times) finished on both sides by t; a tick with a batch on one
 *  side only (a no-data batch) compares against nothing. */
function ticks(): number[] {
	const all = [...new Set([...left.batches, ...right.batches].map((b) => b.startMs))].sort(
		(x, y) => x - y
	);
	const finished = (run: EtRun, tick: number) =>
		(run.batches.find((b) => b.startMs === tick)?.endMs ?? 0) <= t;
	return all.filter((tick) => finished(left, tick) && finished(right, tick));
}

/** The oracle: per tick, rows one sink got and the other did not, copies counted (newest tick
 *  first, as the view lists them). */
function bruteForce() {
	const rowsAt = (run: EtRun, tick: number) =>
		(run.batches.find((b) => b.startMs === tick)?.output ?? []).map((r) => show(run, r));
	const minus = (x: string[], y: string[]) => {
		const rest = [...y];
		return x.filter((s) => {
			const i = rest.indexOf(s);
			if (i < 0) return true;
			rest.splice(i, 1);
			return false;
		});
	};
	const out: { onlyA: string[]; onlyB: string[] }[] = [];
	for (const tick of ticks()) {
		const a = rowsAt(left, tick);
		const b = rowsAt(right, tick);
		const onlyA = minus(a, b);
		const onlyB = minus(b, a);
		if (onlyA.length + onlyB.length > 0) out.push({ onlyA, onlyB });
	}
	return out.reverse();
}

describe('CompareDiff (server-rendered), basic-08 append vs update, seed 1, end of batch 10', () => {
	it('snapshot', async () => {
		await expect(normalise(body)).toMatchFileSnapshot(
			'./__snapshots__/compare-diff-append-vs-update.html.txt'
		);
	});

	it('lists, per trigger, exactly the rows only one sink received', () => {
		const expected = bruteForce();
		expect(expected.length).toBeGreaterThan(0);
		const listed = byTestId(root, 'compare-batch').map((li) => ({
			onlyA: byTestId(li, 'compare-only-a-row').map((r) => textOf(r).replace(/^only A /, '')),
			onlyB: byTestId(li, 'compare-only-b-row').map((r) => textOf(r).replace(/^only B /, ''))
		}));
		expect(listed).toEqual(expected);
	});

	it('sums them in the summary', () => {
		const expected = bruteForce();
		const sum = (k: 'onlyA' | 'onlyB') => expected.reduce((n, d) => n + d[k].length, 0);
		expect(Number(textOf(one(root, 'compare-only-a')))).toBe(sum('onlyA'));
		expect(Number(textOf(one(root, 'compare-only-b')))).toBe(sum('onlyB'));
		expect(textOf(one(root, 'compare-summary'))).toMatch(
			new RegExp(`^${ticks().length} triggers compared`)
		);
	});
});
