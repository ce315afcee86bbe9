import { describe, expect, it } from 'vitest';
import { diffSinks } from '../../../simulations/kinds/sink-diff';
import {
	comparableParams,
	comparedProgram,
	defaultComparison,
	otherValue
} from '../../../simulations/kinds/compare-setting';
import type { EtBatch, EtRun } from '../../../simulations/kinds/event-time/frames';
import { runEventTimeProgram } from '../../../simulations/kinds/event-time/run';
import { EVENT_TIME_SCENARIOS } from '../../../simulations/kinds/event-time/questions';
import { defaultParams } from '../../../simulations/core/params';

const W = (s: number) => ({ start: s, end: s + 10 });

function batch(
	batchId: number,
	startMs: number,
	output: unknown[][],
	endMs = startMs + 500
): EtBatch {
	return {
		batchId,
		startMs,
		endMs,
		watermarkMs: 0,
		nextWatermarkMs: 0,
		numInputRows: 1,
		numRowsDroppedByWatermark: 0,
		numStateRows: 0,
		noData: false,
		output
	};
}

function run(
	batches: EtBatch[],
	outputMode: EtRun['outputMode'],
	cols = ['window', 'count']
): EtRun {
	const base = { events: [], windows: [], delayMs: 5000, endMs: 10_000 };
	return { ...base, batches, outputColumns: cols, outputMode };
}

// append emits [0,10) once with its final count at the tick 4 s; update emits it at 0 s and
// again at 2 s when a late row changed it.
const APPEND = run([batch(0, 0, []), batch(1, 2000, []), batch(2, 4000, [[W(0), 3]])], 'append');
const UPDATE = run(
	[
		batch(0, 0, [[W(0), 2]]),
		batch(1, 2000, [
			[W(0), 3],
			[W(10), 1]
		]),
		batch(2, 4000, [])
	],
	'update'
);

describe('diffSinks', () => {
	it('lists, per batch, the rows only one sink received', () => {
		const d = diffSinks(APPEND, UPDATE, 10_000);
		expect(d.compared).toBe(3);
		expect(d.batches.map((b) => b.startMs)).toEqual([0, 2000, 4000]);
		expect(d.batches[0]).toMatchObject({ onlyLeft: [], onlyRight: [[W(0), 2]] });
		expect(d.batches[1]?.onlyRight).toEqual([
			[W(0), 3],
			[W(10), 1]
		]);
		expect(d.batches[2]).toMatchObject({ onlyLeft: [[W(0), 3]], onlyRight: [] });
		expect([d.onlyLeftRows, d.onlyRightRows]).toEqual([1, 3]);
		expect(d.columnsDiffer).toBe(false);
	});

	it('stops at the cursor: a batch counts once both sides have finished it', () => {
		expect(diffSinks(APPEND, UPDATE, 1999).batches.map((b) => b.startMs)).toEqual([0]);
		// Batch 1 of the right side ends later than the left's: not compared yet.
		const slow = run([batch(0, 0, [[W(0), 2]]), batch(1, 2000, [[W(10), 1]], 3000)], 'update');
		expect(diffSinks(APPEND, slow, 2600).compared).toBe(1);
		expect(diffSinks(APPEND, slow, 3000).compared).toBe(2);
		expect(diffSinks(APPEND, UPDATE, -1)).toMatchObject({ compared: 0, batches: [] });
	});

	it('is a multiset difference: a duplicate row counts', () => {
		const a = run(
			[
				batch(0, 0, [
					[W(0), 1],
					[W(0), 1]
				])
			],
			'update'
		);
		const b = run([batch(0, 0, [[W(0), 1]])], 'update');
		const d = diffSinks(a, b, 10_000);
		expect(d.batches[0]?.onlyLeft).toEqual([[W(0), 1]]);
		expect(d.batches[0]?.onlyRight).toEqual([]);
		expect(diffSinks(a, a, 10_000).batches).toEqual([]);
	});

	it('pairs batches by trigger tick: a no-data batch on one side does not shift the rest', () => {
		const a = run([batch(0, 0, []), batch(1, 2000, [[W(0), 1]])], 'append');
		const b = run([batch(0, 0, []), batch(1, 1000, []), batch(2, 2000, [[W(0), 1]])], 'append');
		const d = diffSinks(a, b, 10_000);
		expect(d.compared).toBe(3);
		expect(d.batches).toEqual([]);
	});

	it('compares rows by column name when the schemas differ', () => {
		const a = run([batch(0, 0, [[W(0), 1]])], 'update');
		const b = run([batch(0, 0, [[1, W(0)]])], 'update', ['count', 'window']);
		const d = diffSinks(a, b, 10_000);
		expect(d.columnsDiffer).toBe(true);
		expect(d.batches).toEqual([]);
	});
});

describe('the compared setting', () => {
	const s = EVENT_TIME_SCENARIOS['basic-08-late-data'];
	if (!s) throw new Error('basic-08 scenario missing');
	const params = s.constrain(defaultParams(s.schema)).params;

	it('offers only parameters that own a span of the program', () => {
		const ids = comparableParams(s).map((p) => p.id);
		expect(ids).toContain('outputMode');
		expect(ids).toContain('watermarkDelay');
		expect(ids).not.toContain('lateProb');
	});

	it('defaults to the output mode, and a number doubles (halves at its maximum)', () => {
		expect(defaultComparison(s, params)).toEqual({ id: 'outputMode', value: 'update' });
		const delay = s.schema.find((p) => p.id === 'watermarkDelay');
		if (!delay) throw new Error('no watermarkDelay');
		expect(otherValue(delay, 5)).toBe(10);
		expect(otherValue(delay, 60)).toBe(30);
		expect(otherValue(delay, 0)).toBeGreaterThan(0);
	});

	it('rewrites one span of an edited program and keeps the user’s other edits', () => {
		const edited = s.program(params).replace('spark.readStream', 'spark  .readStream');
		const b = comparedProgram(s, edited, params, { id: 'outputMode', value: 'update' });
		expect(b.code).toContain('spark  .readStream');
		expect(b.code).toMatch(/outputMode\("update"\)/);
		expect(b.code.split('\n').length).toBe(edited.split('\n').length);
		const ten = { id: 'watermarkDelay', value: 10 };
		const fresh = comparedProgram(s, s.program(params), params, ten);
		expect(fresh.code).toMatch(/withWatermark\("event_time", "10 seconds"\)/);
		expect(fresh.code).toBe(s.program({ ...params, watermarkDelay: 10 }));
	});

	it('on the engine, the same input: every row append emits, update emitted too (earlier)', () => {
		const input = s.input(params, 7);
		const opts = { input, kafkaValue: (e: Parameters<typeof s.kafkaValue>[0]) => s.kafkaValue(e) };
		const b = comparedProgram(s, s.program(params), params, { id: 'outputMode', value: 'update' });
		const left = runEventTimeProgram(s.program(params), opts);
		const right = runEventTimeProgram(b.code, opts);
		if (!left.ok || !right.ok) throw new Error('engine run failed');
		expect(right.value.outputMode).toBe('update');
		const d = diffSinks(left.value, right.value, left.value.endMs);
		expect(d.onlyRightRows).toBeGreaterThan(0);
		// Over the whole run, append's rows are a sub-multiset of update's: each final window
		// value was emitted by update in the batch that last changed it.
		const all = (r: EtRun) => r.batches.flatMap((x) => x.output).map((x) => JSON.stringify(x));
		const upd = all(right.value);
		for (const row of all(left.value)) {
			const i = upd.indexOf(row);
			expect(i, row).toBeGreaterThanOrEqual(0);
			upd.splice(i, 1);
		}
		// Identical programs give no difference at all.
		expect(diffSinks(left.value, left.value, left.value.endMs).batches).toEqual([]);
	});
});
