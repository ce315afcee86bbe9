import { describe, expect, it } from 'vitest';
import { procTime } from '../../../simulations/core/time';
import { aggregateBatch, boundedCounts, checkOutputMode } from '../../../simulations/microbatch/aggregate';
import type { InputRow } from '../../../simulations/microbatch/source';

const row = (value: number, text = String(value)): InputRow => ({
	id: value,
	value,
	timestampMs: procTime(0),
	partition: 0,
	text
});

describe('output modes of a streaming count (R4.2, R4.3)', () => {
	const byKey = (outputMode: 'complete' | 'update') =>
		({ kind: 'countByKey', numKeys: 3, outputMode }) as const;

	it('complete emits the whole result table every batch', () => {
		const b0 = aggregateBatch(byKey('complete'), [], [row(0), row(1), row(3)]);
		const b1 = aggregateBatch(byKey('complete'), b0.state, [row(6)]);
		expect(b1.output).toEqual([
			{ key: '0', count: 3 },
			{ key: '1', count: 1 }
		]);
	});

	it('update emits only the keys this batch changed, with their new totals', () => {
		const b0 = aggregateBatch(byKey('update'), [], [row(0), row(1), row(3)]);
		const b1 = aggregateBatch(byKey('update'), b0.state, [row(6)]);
		expect(b1.output).toEqual([{ key: '0', count: 3 }]);
		expect(b1.changed).toEqual(['0']);
	});

	it('an empty batch in update mode emits nothing; in complete mode the same table again', () => {
		const b0 = aggregateBatch(byKey('update'), [], [row(2)]);
		expect(aggregateBatch(byKey('update'), b0.state, []).output).toEqual([]);
		expect(aggregateBatch(byKey('complete'), b0.state, []).output).toEqual([{ key: '2', count: 1 }]);
	});

	it('word count splits lines on spaces and keeps running totals', () => {
		const q = { kind: 'wordCount', outputMode: 'complete' } as const;
		const b0 = aggregateBatch(q, [], [row(0, 'spark stream spark')]);
		const b1 = aggregateBatch(q, b0.state, [row(1, 'stream')]);
		expect(b1.output).toEqual([
			{ key: 'spark', count: 2 },
			{ key: 'stream', count: 2 }
		]);
	});

	it('append with an aggregation and no watermark is Spark’s analysis error', () => {
		expect(checkOutputMode({ kind: 'countByKey', numKeys: 3, outputMode: 'append' })).toBe(
			'Append output mode not supported when there are streaming aggregations on streaming DataFrames/DataSets without watermark'
		);
		expect(checkOutputMode({ kind: 'countByKey', numKeys: 3, outputMode: 'update' })).toBeNull();
		expect(checkOutputMode({ kind: 'select', outputMode: 'complete' })).toMatch(/^Complete output mode not supported/);
	});

	it('boundedCounts(5, 100) answers once: 20 per key', () => {
		expect(boundedCounts(5, 100).map((r) => r.count)).toEqual([20, 20, 20, 20, 20]);
	});
});
