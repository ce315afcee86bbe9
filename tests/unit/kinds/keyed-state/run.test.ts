// The keyed-state kind on its two pages at seed 1: the program's own function is what runs (an
// edit changes the calls); a key times out only with no rows and once its deadline is strictly
// before the batch's time (processing time) or the watermark (event time), and the call emits the
// session and removes the state; without a timeout nothing is removed and the store only grows;
// built-in state keeps one row per user and update mode writes only the users a batch touched.
import { describe, expect, it } from 'vitest';
import { keyedStateKind as kind } from '../../../../simulations/kinds/keyed-state/kind';
import { keyedStateEngine as engine } from '../../../../simulations/kinds/keyed-state/engine';
import type { KsRun } from '../../../../simulations/kinds/keyed-state/frames';
import { advanced08Sessions as a08 } from '../../../../simulations/questions/advanced-08-stateful-transformations/question';
import { basic07State as b07 } from '../../../../simulations/questions/basic-07-stateful-operations/question';
import type { KeyedStateQuestion } from '../../../../simulations/kinds/keyed-state/question';
import { runResult, unwrap } from '../../fixtures/run-program';

const runOf = (
	q: KeyedStateQuestion,
	raw: Record<string, unknown> = {},
	edit = (c: string) => c
) => {
	const params = q.constrain(raw).params;
	return unwrap(runResult(engine, q, params, edit(q.program(params))));
};

/** Each timed-out call with the deadline its key had before that batch. */
function timeouts(run: KsRun) {
	return run.batches.flatMap((b, i) =>
		b.calls
			.filter((c) => c.hasTimedOut)
			.map((c) => ({
				b,
				c,
				deadline: run.batches[i - 1]?.state.find((r) => r.key === c.key)?.deadlineMs ?? null
			}))
	);
}

describe('advanced-08 sessions (applyInPandasWithState)', () => {
	it('processing-time timeout: called with no rows after the deadline, emits and removes', () => {
		const run = runOf(a08);
		expect(run.failure).toBeNull();
		const fired = timeouts(run);
		expect(fired.length).toBeGreaterThan(5);
		for (const { b, c, deadline } of fired) {
			expect(c.inputRows).toBe(0);
			expect(c.after).toBeNull();
			expect(c.emitted).toHaveLength(1);
			expect(deadline).not.toBeNull();
			expect(deadline as number).toBeLessThan(b.triggerMs);
			expect(b.removed).toContain(c.key);
		}
		// A deadline landing on a trigger does not fire there: the rule is strictly below.
		const onTrigger = fired.filter(({ deadline }) =>
			run.batches.some((x) => x.triggerMs === deadline)
		);
		expect(onTrigger.length).toBeGreaterThan(0);
		// No-data batches run at every trigger to check deadlines.
		expect(run.batches.some((b) => b.noData)).toBe(true);
	});

	it('event-time timeout: fires only once the watermark has passed the deadline', () => {
		const run = runOf(a08, { timeoutKind: 'EventTimeTimeout' });
		expect(run.failure).toBeNull();
		const fired = timeouts(run);
		expect(fired.length).toBeGreaterThan(0);
		for (const { b, deadline } of fired)
			expect(deadline as number).toBeLessThan(b.watermarkMs as number);
	});

	it('no timeout: never called with hasTimedOut, the store only grows', () => {
		const run = runOf(a08, { timeoutKind: 'NoTimeout', numUsers: 20 });
		expect(timeouts(run)).toHaveLength(0);
		const sizes = run.batches.map((b) => b.state.length);
		sizes.forEach((n, i) => expect(n).toBeGreaterThanOrEqual(sizes[i - 1] ?? 0));
		expect(sizes.at(-1)).toBe(20);
	});

	it('the function in the editor is what runs: an edit changes the calls', () => {
		const plain = runOf(a08);
		const doubled = runOf(a08, {}, (c) => c.replace('count += len(pdf)', 'count += 2 * len(pdf)'));
		const first = (r: KsRun) => r.batches.find((b) => b.calls.length > 0)?.calls[0];
		expect(first(plain)?.after).toMatch(/^\(1, /);
		expect(first(doubled)?.after).toMatch(/^\(2, /);
	});

	it('a Python error fails the batch with the line it was raised at', () => {
		const run = runOf(a08, {}, (c) => c.replace('count += len(pdf)', 'count += len(pdff)'));
		expect(run.failure?.message).toMatch(/PYTHON_EXCEPTION.*NameError.*line \d+/);
	});

	it('asks whether a key times out and how many calls a batch makes', () => {
		const ps = kind.features.predictions?.(runOf(a08)) ?? [];
		expect(ps.length).toBeGreaterThanOrEqual(2);
		expect(ps[0]?.question).toMatch(/hasTimedOut = True\?/);
	});

	it('the controls follow the program: each timeout kind reads back from its text', () => {
		for (const timeoutKind of ['ProcessingTimeTimeout', 'EventTimeTimeout', 'NoTimeout']) {
			const params = a08.constrain({ timeoutKind }).params;
			const back = kind.paramsOf(a08, a08.program(params), null, a08.constrain({}).params);
			expect(back.timeoutKind).toBe(timeoutKind);
		}
	});
});

describe('basic-07 built-in and arbitrary state', () => {
	it('built-in: one state row per user; update mode writes only the users touched', () => {
		const run = runOf(b07);
		expect(run.operator).toBe('aggregation');
		for (const b of run.batches) {
			expect(b.emitted.length).toBe(b.state.filter((r) => r.touched).length);
			const seen = new Set(run.sends.filter((s) => s.atMs <= b.triggerMs).map((s) => s.key));
			expect(b.state.length).toBe(seen.size);
		}
		expect(run.batches.some((b) => b.emitted.length < b.state.length && b.numInputRows > 0)).toBe(
			true
		);
	});

	it('arbitrary: the same totals from the program’s function, called only for users with rows', () => {
		const built = runOf(b07);
		const own = runOf(b07, { stateApi: 'arbitrary' });
		expect(own.operator).toBe('applyInPandasWithState');
		const cells = (r: KsRun) => r.batches.at(-1)?.state.map((x) => [x.key, ...x.cells]);
		expect(cells(own)).toEqual(cells(built));
		for (const b of own.batches) expect(b.calls.every((c) => c.inputRows > 0)).toBe(true);
	});

	it('the stateApi span reads back from the program text', () => {
		const params = b07.constrain({ stateApi: 'arbitrary' }).params;
		const back = kind.paramsOf(b07, b07.program(params), null, b07.constrain({}).params);
		expect(back.stateApi).toBe('arbitrary');
	});
});
