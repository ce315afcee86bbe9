import { describe, expect, it } from 'vitest';
import type { Expr } from '../../../simulations/structured/expr/ast';
import { outputName, parseSqlExpr } from '../../../simulations/structured/expr/index';
import { CORPUS } from './corpus';

const parse = (text: string): Expr => {
	const r = parseSqlExpr(text);
	if (!r.ok) throw new Error(r.error.message);
	return r.value;
};

describe('parseSqlExpr on the conformance corpus', () => {
	it.each(CORPUS)('parses %s', (text) => {
		expect(parseSqlExpr(text).ok).toBe(true);
	});
});

describe('parseSqlExpr structure', () => {
	it('AND binds tighter than OR, comparisons tighter than AND', () => {
		const e = parse('a = 1 OR b = 2 AND c = 3');
		expect(outputName(e)).toBe('((a = 1) OR ((b = 2) AND (c = 3)))');
	});
	it('* / % bind tighter than + -', () => {
		expect(outputName(parse('a + b * c % 2 - d'))).toBe('((a + ((b * c) % 2)) - d)');
	});
	it('BETWEEN expands to >= AND <=, its AND not confused with the boolean AND', () => {
		const e = parse('k = 1 AND t BETWEEN s - interval 5 seconds AND s + interval 5 seconds');
		expect(e.kind).toBe('binary');
		if (e.kind !== 'binary') return;
		expect(e.op).toBe('AND');
		expect(outputName(e.left)).toBe('(k = 1)');
		expect(outputName(e.right)).toBe(
			"((t >= (s - INTERVAL '05' SECOND)) AND (t <= (s + INTERVAL '05' SECOND)))"
		);
	});
	it('interval literals in all their spellings', () => {
		for (const [text, us] of [
			['interval 5 seconds', 5e6],
			["interval '10' second", 10e6],
			["INTERVAL '2 seconds'", 2e6],
			['INTERVAL 1 HOUR 30 MINUTES', 5400e6],
			['interval -10 seconds', -10e6],
			['INTERVAL 500 MILLISECONDS', 5e5]
		] as const) {
			const e = parse(text);
			expect(e).toMatchObject({ kind: 'lit', value: us, type: { kind: 'interval' } });
		}
	});
	it('unit-to-unit interval literals (IntervalUtils.castStringToDTInterval), hand-computed', () => {
		for (const [text, us] of [
			// 1 day + 2 h + 3 min + 4.5 s = 86400 + 7200 + 180 + 4.5 s
			["INTERVAL '1 2:03:04.5' DAY TO SECOND", 93784.5e6],
			["interval '1 2' day to hour", 93600e6],
			["INTERVAL '1 2:03' DAY TO MINUTE", 93780e6],
			["INTERVAL '2:03' HOUR TO MINUTE", 7380e6],
			// the leading field is unbounded: 25 h is fine there
			["INTERVAL '25:00:01' HOUR TO SECOND", 90001e6],
			["INTERVAL '10:20.123456789' MINUTE TO SECOND", 620.123456e6],
			// a minus before the quote and one inside cancel out
			["INTERVAL -'10:20' MINUTE TO SECOND", -620e6],
			["INTERVAL -'-10:20' MINUTE TO SECOND", 620e6],
			["INTERVAL '5' DAY", 432000e6]
		] as const) {
			expect(parse(text), text).toMatchObject({ kind: 'lit', value: us });
		}
	});
	it("unit-to-unit strings that do not match carry Spark's format text", () => {
		const r = parseSqlExpr("INTERVAL '1 2:03' DAY TO SECOND");
		expect(r.ok).toBe(false);
		if (!r.ok)
			expect(r.error.message).toContain(
				"[INVALID_INTERVAL_FORMAT.UNMATCHED_FORMAT_STRING_WITH_NOTICE] Interval string does not match day-time format of `[+|-]d h:m:s.n`, `INTERVAL [+|-]'[+|-]d h:m:s.n' DAY TO SECOND` when cast to interval day to second: 1 2:03."
			);
		const h = parseSqlExpr("INTERVAL '1 24' DAY TO HOUR");
		expect(h.ok ? '' : h.error.message).toContain('hour 24 outside range [0, 23]');
		const ym = parseSqlExpr("INTERVAL '1-2' YEAR TO MONTH");
		expect(ym.ok ? '' : ym.error.message).toMatch(/Year-month intervals are not supported/);
	});
	it("a minus after the last unit is the subtraction, not the next unit's sign", () => {
		expect(outputName(parse('s - interval 5 seconds - t'))).toBe(
			"((s - INTERVAL '05' SECOND) - t)"
		);
		expect(outputName(parse("s - INTERVAL '1 2' DAY TO HOUR - t"))).toMatch(/^\(\(s - .*\) - t\)$/);
	});
	it('rejects year-month interval literals', () => {
		const r = parseSqlExpr('t + interval 1 month');
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.error.message).toMatch(/Year-month intervals are not supported/);
	});
	it('window() durations: strings, microsecond numbers, negative start', () => {
		expect(parse("window(time, '10 seconds', 10000000, '-5 seconds')")).toMatchObject({
			kind: 'window',
			durationUs: 10e6,
			slideUs: 10e6,
			startUs: -5e6
		});
		expect(parse("window(time, '200 milliseconds', '40 milliseconds')")).toMatchObject({
			durationUs: 200e3,
			slideUs: 40e3,
			startUs: 0
		});
	});
	it('session_window keeps a per-row gap expression', () => {
		const e = parse(
			"session_window(time, CASE WHEN value = 1 THEN '2 seconds' ELSE '20 seconds' END)"
		);
		expect(e.kind).toBe('session_window');
		if (e.kind === 'session_window') expect(e.gap.kind).toBe('case');
	});
	it('aliases with and without AS, backquoted names', () => {
		expect(parse('value + 1 AS v1')).toMatchObject({ kind: 'alias', name: 'v1' });
		expect(parse('value + 1 v1')).toMatchObject({ kind: 'alias', name: 'v1' });
		expect(parse('`my col` AS `x y`')).toMatchObject({
			kind: 'alias',
			name: 'x y',
			expr: { kind: 'col', name: 'my col' }
		});
	});
	it('literal types: INT, BIGINT when large or suffixed, DOUBLE, strings in both quotes', () => {
		expect(parse('1')).toMatchObject({ type: { kind: 'int' }, value: 1 });
		expect(parse('3000000000')).toMatchObject({ type: { kind: 'long' } });
		expect(parse('1L')).toMatchObject({ type: { kind: 'long' }, value: 1 });
		expect(parse('1.5')).toMatchObject({ type: { kind: 'double' }, value: 1.5 });
		expect(parse('1e3')).toMatchObject({ type: { kind: 'double' }, value: 1000 });
		expect(parse('"a\'b"')).toMatchObject({ type: { kind: 'string' }, value: "a'b" });
		expect(parse("'it''s'")).toMatchObject({ value: 'its' });
	});
	it('aggregates: count(*), DISTINCT, aliases kept for the name', () => {
		expect(parse('count(*)')).toMatchObject({ kind: 'agg', fn: 'count', distinct: false });
		expect(parse('count(DISTINCT v)')).toMatchObject({ kind: 'agg', fn: 'count', distinct: true });
		expect(parse('mean(x)')).toMatchObject({ kind: 'agg', fn: 'avg', sqlName: 'mean' });
		expect(parse('stddev_samp(x)')).toMatchObject({ kind: 'agg', fn: 'stddev' });
	});
	it('predicates: IS [NOT] NULL, [NOT] IN, NOT BETWEEN, LIKE, <=>, !=', () => {
		expect(outputName(parse('x IS NOT NULL'))).toBe('(x IS NOT NULL)');
		expect(outputName(parse('x NOT IN (1, 2)'))).toBe('(NOT (x IN (1, 2)))');
		expect(outputName(parse('x NOT BETWEEN 1 AND 2'))).toBe('(NOT ((x >= 1) AND (x <= 2)))');
		expect(outputName(parse("s LIKE 'a%'"))).toBe('s LIKE a%');
		expect(outputName(parse('a <=> b'))).toBe('(a <=> b)');
		expect(outputName(parse('a <> b'))).toBe('(NOT (a = b))');
	});
	it('simple CASE compares the subject', () => {
		const e = parse("CASE v WHEN 1 THEN 'a' ELSE 'b' END");
		expect(outputName(e)).toBe('CASE WHEN (v = 1) THEN a ELSE b END');
	});
	it('postfix :: cast and [index]', () => {
		expect(parse('v::string')).toMatchObject({ kind: 'cast', to: { kind: 'string' } });
		expect(parse('arr[0]')).toMatchObject({ kind: 'call', fn: 'element_at_index' });
	});
});

describe('parse errors carry positions', () => {
	it('maps the offset into the program when `at` is given', () => {
		const r = parseSqlExpr('value +', { line: 4, column: 20 });
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.error.line).toBe(4);
		expect(r.error.column).toBe(20 + 7 + 1);
		expect(r.error.message).toMatch(/\[PARSE_SYNTAX_ERROR\] Syntax error at or near end of input/);
	});
	it('points at the offending token', () => {
		const r = parseSqlExpr('a = = b');
		expect(r.ok).toBe(false);
		if (!r.ok) {
			expect(r.error.column).toBe(5);
			expect(r.error.message).toContain("near '='");
		}
	});
	const bad = ["'abc", 'CAST(x AS', 'CAST(x AS nonsense)', 'f(', '(a', 'a b c', 'CASE END'];
	it.each([...bad, "window(t, '10 lightyears')", '1 +* 2', '#'])('rejects %s', (text) => {
		expect(parseSqlExpr(text).ok).toBe(false);
	});
	it('deep nesting is an error, not a stack overflow', () => {
		const r = parseSqlExpr('('.repeat(5000) + '1' + ')'.repeat(5000));
		expect(r.ok).toBe(false);
	});
});
