// The test-bench view's layout: step statuses at the cursor, a failed assert's diff, the batches
// so far, and the literal an edit of the step table rewrites in the program.
import { describe, expect, it } from 'vitest';
import { advanced12Testing as q } from '../../../simulations/questions/advanced-12-testing-debugging/question';
import { runTestBench } from '../../../simulations/kinds/test-bench/run';
import {
	frameAt,
	type BenchRun,
	type ExpectStep
} from '../../../simulations/kinds/test-bench/frames';
import {
	batchRows,
	diffRows,
	editableLiteral,
	stepRows,
	verdict,
	watermarkText
} from '../../../src/lib/views/test-bench/layout';

const code = q.program(q.constrain({}).params);
const r = runTestBench(code);
if (!r.ok) throw new Error(r.error.message);
const run: BenchRun = r.value;

describe('test-bench layout', () => {
	it('marks the steps reached, the current one, and leaves the rest pending', () => {
		const f = frameAt(run, run.steps[3]!.atMs);
		const rows = stepRows(run, f);
		expect(rows.map((x) => x.status)).toEqual([
			'done',
			'done',
			'done',
			'pass',
			'pending',
			'pending',
			'pending',
			'pending'
		]);
		expect(rows.filter((x) => x.current).map((x) => x.index)).toEqual([4]);
		expect(rows[2]!.detail).toBe('batch 0, 1 (no data)');
		expect(verdict(run, f)).toBe('1 of 2 asserts passed so far');
	});

	it('lists the batches so far with the watermark after each', () => {
		const rows = batchRows(run, frameAt(run, run.endMs));
		expect(rows.map((b) => [b.batchId, b.step, b.watermark, b.stateRows, b.emitted])).toEqual([
			[0, 3, '23:59:54', 1, 0],
			[1, 3, '23:59:54', 1, 0],
			[2, 6, '00:00:15', 2, 0],
			[3, 6, '00:00:15', 1, 1]
		]);
		expect(watermarkText(0)).toBe('none');
	});

	it('diffs list sides item by item and scalar sides as a pair', () => {
		const base = run.steps.find((s): s is ExpectStep => s.kind === 'expect')!;
		expect(
			diffRows({
				...base,
				actual: { text: "['a', 'b']", items: ["'a'", "'b'"] },
				expected: { text: "['a', 'c']", items: ["'a'", "'c'"] }
			})
		).toEqual([
			{ text: "'a'", change: 'same' },
			{ text: "'c'", change: 'missing' },
			{ text: "'b'", change: 'extra' }
		]);
		expect(diffRows({ ...base, actual: { text: '1', items: null } })[1]).toEqual({
			text: 'actual 1',
			change: 'extra'
		});
	});

	it('finds the literal an edit rewrites: add_data’s rows, an assert’s expected side', () => {
		const add = run.steps.find((s) => s.kind === 'addData')!;
		expect(editableLiteral(code, add)?.text).toBe(
			'[("d1", "2026-01-01T00:00:01Z"), ("d1", "2026-01-01T00:00:04Z")]'
		);
		const expects = run.steps.filter((s) => s.kind === 'expect');
		expect(editableLiteral(code, expects[0]!)?.text).toBe('0');
		expect(editableLiteral(code, expects[1]!)?.text).toBe('[("2026-01-01 00:00:00", "d1", 2)]');
		expect(editableLiteral(code, run.steps[0]!)).toBeNull();
	});
});
