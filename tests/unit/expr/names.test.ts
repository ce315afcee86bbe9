import { describe, expect, it } from 'vitest';
import type { DataType, Expr } from '../../../simulations/structured/expr/ast';
import { outputName } from '../../../simulations/structured/expr/index';

const col = (name: string): Expr => ({ kind: 'col', name });
const lit = (value: number | string | boolean | null, kind: DataType['kind'] = 'int'): Expr => ({
	kind: 'lit',
	value,
	type: { kind } as DataType
});
const agg = (fn: Extract<Expr, { kind: 'agg' }>['fn'], args: Expr[], distinct = false): Expr => ({
	kind: 'agg',
	fn,
	args,
	distinct
});
const bin = (op: Extract<Expr, { kind: 'binary' }>['op'], left: Expr, right: Expr): Expr => ({
	kind: 'binary',
	op,
	left,
	right
});
const windowStart: Expr = { kind: 'field', expr: col('window'), field: 'start' };

describe("outputName follows Spark's auto-generated column names", () => {
	it.each<[string, Expr]>([
		['count(1)', agg('count', [{ kind: 'star' }])],
		['count(v)', agg('count', [col('v')])],
		['count(DISTINCT v)', agg('count', [col('v')], true)],
		['count(DISTINCT v)', agg('count_distinct', [col('v')])],
		['sum(v)', agg('sum', [col('v')])],
		['avg(x)', agg('avg', [col('x')])],
		['mean(x)', { kind: 'agg', fn: 'avg', args: [col('x')], distinct: false, sqlName: 'mean' }],
		['collect_list(v)', agg('collect_list', [col('v')])],
		['approx_count_distinct(v)', agg('approx_count_distinct', [col('v')])],
		['(a + 1)', bin('+', col('a'), lit(1))],
		['(value % 5)', bin('%', col('value'), lit(5))],
		['(NOT (a = 1))', bin('!=', col('a'), lit(1))],
		['((a > 1) AND (b < 2))', bin('AND', bin('>', col('a'), lit(1)), bin('<', col('b'), lit(2)))],
		['window', { kind: 'window', time: col('t'), durationUs: 1, slideUs: 1, startUs: 0 }],
		['session_window', { kind: 'session_window', time: col('t'), gap: lit('5 seconds', 'string') }],
		['window.start', { kind: 'field', expr: col('window'), field: 'start' }],
		['CAST(value AS BIGINT)', { kind: 'cast', expr: col('value'), to: { kind: 'long' } }],
		['CAST(window.start AS BIGINT)', { kind: 'cast', expr: windowStart, to: { kind: 'long' } }],
		['CAST(x AS TIMESTAMP)', { kind: 'cast', expr: col('x'), to: { kind: 'timestamp' } }],
		['CAST(x AS INT)', { kind: 'cast', expr: col('x'), to: { kind: 'int' } }],
		['CAST(x AS STRING)', { kind: 'cast', expr: col('x'), to: { kind: 'string' } }],
		['CAST(x AS DOUBLE)', { kind: 'cast', expr: col('x'), to: { kind: 'double' } }],
		['CAST(x AS BOOLEAN)', { kind: 'cast', expr: col('x'), to: { kind: 'boolean' } }],
		['timestamp_seconds(value)', { kind: 'call', fn: 'timestamp_seconds', args: [col('value')] }],
		['window_time(window)', { kind: 'call', fn: 'window_time', args: [col('window')] }],
		[
			'split(value,  , -1)',
			{ kind: 'call', fn: 'split', args: [col('value'), lit(' ', 'string')] }
		],
		['col', { kind: 'call', fn: 'explode', args: [col('arr')] }],
		['1', lit(1)],
		['1.5', lit(1.5, 'double')],
		['1.0', lit(1, 'double')],
		['abc', lit('abc', 'string')],
		['true', lit(true, 'boolean')],
		['NULL', lit(null, 'null')],
		['(- a)', { kind: 'unary', op: 'NEGATE', expr: col('a') }],
		['(a IS NULL)', { kind: 'unary', op: 'IS_NULL', expr: col('a') }],
		['renamed', { kind: 'alias', expr: col('a'), name: 'renamed' }],
		[
			'CASE WHEN (a = 1) THEN x ELSE y END',
			{
				kind: 'case',
				branches: [[bin('=', col('a'), lit(1)), lit('x', 'string')]],
				otherwise: lit('y', 'string')
			}
		]
	])('%s', (name, e) => {
		expect(outputName(e)).toBe(name);
	});
});
