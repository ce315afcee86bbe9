import { describe, expect, it } from 'vitest';
import type { AggregateFn, DataType, Value } from '../../../simulations/structured/expr/ast';
import {
	aggregateFunction,
	compileAggregate,
	compileExpr,
	findAggregates,
	parseSqlExpr,
	type AggregateImpl
} from '../../../simulations/structured/expr/index';
import { DOUBLE, LONG, STRING, field } from './helpers';

function impl(fn: AggregateFn, type: DataType | null, distinct = false): AggregateImpl {
	const r = aggregateFunction(fn, distinct, type);
	if (!r.ok) throw new Error(r.error);
	return r.value;
}

function run(a: AggregateImpl, values: readonly Value[]): Value {
	let s = a.zero();
	for (const v of values) s = a.update(s, v);
	return a.result(s);
}

/** Splits the input in two partial states and merges them, as a restart or a shuffle would. */
function runMerged(a: AggregateImpl, values: readonly Value[], cut: number): Value {
	let s1 = a.zero();
	let s2 = a.zero();
	values.forEach((v, i) => (i < cut ? (s1 = a.update(s1, v)) : (s2 = a.update(s2, v))));
	// The state survives a JSON round trip (the checkpoint and the state-store view).
	return a.result(a.merge(JSON.parse(JSON.stringify(s1)), JSON.parse(JSON.stringify(s2))));
}

const xs: Value[] = [3, null, 1, 4, 1, 5, 9, 2, 6];

describe('aggregate results', () => {
	it('count skips NULLs, count(*) counts rows', () => {
		expect(run(impl('count', LONG), xs)).toBe(8);
		expect(run(impl('count', null), xs)).toBe(9);
		expect(run(impl('count', LONG), [])).toBe(0);
	});
	it('sum/avg/min/max of no non-null values are NULL', () => {
		for (const fn of ['sum', 'avg', 'min', 'max'] as const) {
			expect(run(impl(fn, LONG), [null, null])).toBeNull();
		}
	});
	it('sum, avg, min, max', () => {
		expect(run(impl('sum', LONG), xs)).toBe(31);
		expect(impl('sum', LONG).type).toEqual(LONG);
		expect(impl('sum', DOUBLE).type).toEqual(DOUBLE);
		expect(run(impl('avg', LONG), xs)).toBe(31 / 8);
		expect(impl('avg', LONG).type).toEqual(DOUBLE);
		expect(run(impl('min', LONG), xs)).toBe(1);
		expect(run(impl('max', STRING), ['b', 'c', 'a'])).toBe('c');
	});
	it('sample variance and stddev: NULL for one row, Spark values otherwise', () => {
		expect(run(impl('variance', LONG), [5])).toBeNull();
		expect(run(impl('stddev', LONG), [5])).toBeNull();
		expect(run(impl('var_pop', LONG), [5])).toBe(0);
		expect(run(impl('variance', LONG), [1, 2, 3, 4])).toBeCloseTo(5 / 3, 12);
		expect(run(impl('stddev', LONG), [1, 2, 3, 4])).toBeCloseTo(Math.sqrt(5 / 3), 12);
		expect(run(impl('stddev_pop', LONG), [1, 2, 3, 4])).toBeCloseTo(Math.sqrt(1.25), 12);
	});
	it('median interpolates between the middle values', () => {
		expect(run(impl('median', LONG), [1, 3, 2, 4])).toBe(2.5);
		expect(run(impl('median', LONG), [5, 1, 3])).toBe(3);
		expect(run(impl('median', LONG), [])).toBeNull();
	});
	it('collect_list keeps arrival order, collect_set and distinct counts dedupe', () => {
		expect(run(impl('collect_list', LONG), xs)).toEqual([3, 1, 4, 1, 5, 9, 2, 6]);
		expect(run(impl('collect_set', LONG), xs)).toEqual([3, 1, 4, 5, 9, 2, 6]);
		expect(run(impl('approx_count_distinct', LONG), xs)).toBe(7);
		expect(run(impl('count', LONG, true), xs)).toBe(7);
		expect(run(impl('sum', LONG, true), xs)).toBe(30);
	});
	it('first and last', () => {
		expect(run(impl('first', LONG), [null, 2, 3])).toBeNull();
		expect(run(impl('last', LONG), [1, 2, 3])).toBe(3);
	});
	it('rejects non-numeric input to numeric aggregates', () => {
		const r = aggregateFunction('sum', false, STRING);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.error).toMatch(/DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE/);
	});
});

describe('merge equals one pass', () => {
	const plain: AggregateFn[] = [
		'count',
		'sum',
		'avg',
		'min',
		'max',
		'collect_list',
		'collect_set',
		'approx_count_distinct',
		'stddev',
		'variance',
		'var_pop',
		'stddev_pop',
		'median',
		'first',
		'last'
	];
	const fns: [AggregateFn, boolean][] = [
		...plain.map((fn): [AggregateFn, boolean] => [fn, false]),
		['sum', true],
		['count', true]
	];
	for (const [fn, distinct] of fns) {
		it(`${fn}${distinct ? ' DISTINCT' : ''}`, () => {
			const a = impl(fn, LONG, distinct);
			const whole = run(a, xs);
			for (let cut = 0; cut <= xs.length; cut++) {
				const merged = runMerged(a, xs, cut);
				if (typeof whole === 'number') expect(merged as number).toBeCloseTo(whole, 9);
				else expect(merged).toEqual(whole);
			}
		});
	}
});

describe('compileAggregate / findAggregates', () => {
	const input = [field('value', LONG), field('k', STRING)];
	it('names and types an aggregate against its input', () => {
		const p = parseSqlExpr('sum(value) / count(*) AS ratio');
		expect(p.ok).toBe(true);
		if (!p.ok) return;
		const aggs = findAggregates(p.value);
		expect(aggs.map((a) => a.fn)).toEqual(['sum', 'count']);
		const compiled = aggs.map((a) => compileAggregate(a, input));
		const names = compiled.map((c) => (c.ok ? c.value.name : c.error.message));
		expect(names).toEqual(['sum(value)', 'count(1)']);
		const first = compiled[0];
		expect(first?.ok && first.value.input?.eval([4, 'a'])).toBe(4);
		// The output expression then reads the aggregates from the post-aggregation row.
		const out = compileExpr(p.value, [field('sum(value)', LONG), field('count(1)', LONG)]);
		expect(out.ok && out.value.eval([10, 4])).toBe(2.5);
		expect(out.ok && out.value.name).toBe('ratio');
	});
	it('an aggregate outside an aggregation is an error', () => {
		const p = parseSqlExpr('sum(value) > 1');
		expect(p.ok && compileExpr(p.value, input).ok).toBe(false);
	});
});
