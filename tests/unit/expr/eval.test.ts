import { describe, expect, it } from 'vitest';
import type { Expr } from '../../../simulations/structured/expr/ast';
import { compileExpr, ExprRuntimeError } from '../../../simulations/structured/expr/index';
import {
	BOOL,
	DOUBLE,
	INT,
	LONG,
	STRING,
	TS,
	WINDOW,
	compileError,
	evalSql,
	field,
	sql
} from './helpers';

const schema = [
	field('value', LONG),
	field('time', TS),
	field('s', STRING),
	field('d', DOUBLE),
	field('i', INT),
	field('b', BOOL)
];
const row = [7, 12_500_000, 'a b c', 2.5, 3, true];
const nulls = [null, null, null, null, null, null];

describe('NULL semantics', () => {
	const strict = [
		'value + 1',
		'value * d',
		'value / 2',
		'value % 2',
		'-value',
		'value = 1',
		'value < 1',
		'CAST(value AS STRING)',
		'lower(s)',
		'time + interval 1 second'
	];
	it.each(strict)('%s is NULL on NULL input', (text) => {
		expect(evalSql(text, schema, nulls)).toBeNull();
	});
	it('three-valued AND / OR', () => {
		expect(evalSql('b AND false', schema, nulls)).toBe(false);
		expect(evalSql('b AND true', schema, nulls)).toBeNull();
		expect(evalSql('b OR true', schema, nulls)).toBe(true);
		expect(evalSql('b OR false', schema, nulls)).toBeNull();
		expect(evalSql('NOT b', schema, nulls)).toBeNull();
	});
	it('= with NULL is NULL, <=> is null-safe', () => {
		expect(evalSql('value = NULL', schema, row)).toBeNull();
		expect(evalSql('value <=> NULL', schema, row)).toBe(false);
		expect(evalSql('value <=> NULL', schema, nulls)).toBe(true);
		expect(evalSql('value <=> 7', schema, row)).toBe(true);
	});
	it('IN: match, no match, NULL in the list', () => {
		expect(evalSql('value IN (1, 7)', schema, row)).toBe(true);
		expect(evalSql('value IN (1, 2)', schema, row)).toBe(false);
		expect(evalSql('value IN (1, NULL)', schema, row)).toBeNull();
		expect(evalSql('value IN (7, NULL)', schema, row)).toBe(true);
	});
	it('IS NULL, coalesce, CASE without ELSE', () => {
		expect(evalSql('value IS NULL', schema, nulls)).toBe(true);
		expect(evalSql('coalesce(value, 5)', schema, nulls)).toBe(5);
		expect(evalSql("CASE WHEN value > 100 THEN 'big' END", schema, row)).toBeNull();
		expect(evalSql("CASE WHEN value > 5 THEN 'big' ELSE 'small' END", schema, row)).toBe('big');
	});
});

describe('arithmetic types', () => {
	it('integral / gives DOUBLE, % keeps the integral type (Java remainder)', () => {
		expect(sql('value / 2', schema).type).toEqual(DOUBLE);
		expect(evalSql('value / 2', schema, row)).toBe(3.5);
		expect(sql('value % 2', schema).type).toEqual(LONG);
		expect(evalSql('-7 % 3', schema, row)).toBe(-1);
		expect(sql('i + 1', schema).type).toEqual(INT);
		expect(sql('i + value', schema).type).toEqual(LONG);
		expect(sql('i + d', schema).type).toEqual(DOUBLE);
	});
	it('div truncates to BIGINT', () => {
		expect(evalSql('value div 2', schema, row)).toBe(3);
		expect(evalSql('-7 div 2', schema, row)).toBe(-3);
		expect(sql('value div 2', schema).type).toEqual(LONG);
	});
	it('ANSI: division by zero and INT overflow raise', () => {
		expect(() => evalSql('value / 0', schema, row)).toThrow(ExprRuntimeError);
		expect(() => evalSql('value % 0', schema, row)).toThrow(/DIVIDE_BY_ZERO/);
		expect(() => evalSql('i * 2147483647', schema, row)).toThrow(/ARITHMETIC_OVERFLOW/);
		expect(evalSql('value * 2147483647', schema, row)).toBe(7 * 2147483647);
	});
	it('timestamp ± interval, timestamp - timestamp', () => {
		expect(evalSql('time + interval 5 seconds', schema, row)).toBe(17_500_000);
		expect(evalSql('time - interval 500 milliseconds', schema, row)).toBe(12_000_000);
		expect(sql('time - time', schema).type).toEqual({ kind: 'interval' });
		expect(evalSql('time <= time + interval 5 seconds', schema, row)).toBe(true);
	});
	it('incompatible operands are an analysis error', () => {
		expect(compileError('value + b', schema)).toMatch(/\[DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES\]/);
		const notLong = compileError('NOT value', schema);
		expect(notLong).toMatch(/\[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE\]/);
	});
});

describe('casts (ANSI)', () => {
	it('numbers → TIMESTAMP are seconds since the epoch', () => {
		expect(evalSql('CAST(value AS TIMESTAMP)', schema, row)).toBe(7_000_000);
		expect(evalSql('CAST(d AS TIMESTAMP)', schema, row)).toBe(2_500_000);
		expect(evalSql('CAST(1.0000015 AS TIMESTAMP)', schema, row)).toBe(1_000_001);
	});
	it('TIMESTAMP → BIGINT floors to seconds, → DOUBLE keeps the fraction', () => {
		expect(evalSql('CAST(time AS BIGINT)', schema, row)).toBe(12);
		expect(evalSql('CAST(time AS DOUBLE)', schema, row)).toBe(12.5);
		expect(evalSql('CAST(time AS LONG)', schema, [0, -1_500_000])).toBe(-2);
	});
	it('strings ↔ numbers; malformed strings raise CAST_INVALID_INPUT', () => {
		expect(evalSql("CAST(' 42 ' AS INT)", schema, row)).toBe(42);
		expect(evalSql("CAST('1.9' AS BIGINT)", schema, row)).toBe(1);
		expect(evalSql("CAST('2.5e1' AS DOUBLE)", schema, row)).toBe(25);
		expect(() => evalSql("CAST('abc' AS INT)", schema, row)).toThrow(
			/CAST_INVALID_INPUT.*'abc'.*"STRING".*"INT"/
		);
		expect(evalSql("try_cast('abc' AS INT)", schema, row)).toBeNull();
		expect(evalSql('CAST(d AS STRING)', schema, row)).toBe('2.5');
		expect(evalSql('CAST(value AS DOUBLE)', schema, row)).toBe(7);
		expect(evalSql('CAST(CAST(value AS DOUBLE) AS STRING)', schema, row)).toBe('7.0');
	});
	it('DOUBLE → BIGINT truncates; out of range raises CAST_OVERFLOW', () => {
		expect(evalSql('CAST(-2.7 AS BIGINT)', schema, row)).toBe(-2);
		expect(() => evalSql('CAST(1e30 AS INT)', schema, row)).toThrow(/CAST_OVERFLOW/);
	});
	it('booleans and timestamps to strings', () => {
		expect(evalSql("CAST('yes' AS BOOLEAN)", schema, row)).toBe(true);
		expect(evalSql('CAST(0 AS BOOLEAN)', schema, row)).toBe(false);
		expect(evalSql('CAST(time AS STRING)', schema, row)).toBe('1970-01-01 00:00:12.5');
		expect(evalSql("CAST('1970-01-01 00:01:00' AS TIMESTAMP)", schema, row)).toBe(60_000_000);
	});
	it('BOOLEAN → TIMESTAMP is not a cast Spark allows', () => {
		const message = compileError('CAST(b AS TIMESTAMP)', schema);
		expect(message).toBe(
			'[DATATYPE_MISMATCH.CAST_WITH_CONF_SUGGESTION] Cannot resolve "CAST(b AS TIMESTAMP)" due to ' +
				'data type mismatch: cannot cast "BOOLEAN" to "TIMESTAMP" with ANSI mode on. If you have ' +
				'to cast "BOOLEAN" to "TIMESTAMP", you can set "spark.sql.ansi.enabled" as \'false\'.'
		);
		expect(compileError('CAST(split(s, 1) AS BOOLEAN)', schema)).toMatch(
			/\[DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION\].*cannot cast "ARRAY<STRING>" to "BOOLEAN"\./
		);
	});
});

describe('column resolution', () => {
	it('is case-insensitive and names the column as the schema spells it', () => {
		const c = sql('VALUE + 1', schema);
		expect(c.name).toBe('(value + 1)');
		expect(c.eval(row)).toBe(8);
	});
	it("reports Spark's UNRESOLVED_COLUMN with suggestions", () => {
		expect(compileError('badColumn', [field('value', LONG)])).toBe(
			'[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter with name `badColumn` cannot be resolved. Did you mean one of the following? [`value`].'
		);
	});
	it('qualified names pick the side, unqualified duplicates are ambiguous', () => {
		const joined = [
			field('key', LONG, ['l', '#1']),
			field('key', LONG, ['r', '#2']),
			field('v', LONG, ['r'])
		];
		expect(sql('l.key', joined).eval([1, 2, 3])).toBe(1);
		expect(sql('r.key', joined).eval([1, 2, 3])).toBe(2);
		expect(sql('r.key', joined).name).toBe('key');
		expect(compileError('key', joined)).toBe(
			'[AMBIGUOUS_REFERENCE] Reference `key` is ambiguous, could be: [`l`.`key`, `r`.`key`].'
		);
		const q: Expr = { kind: 'col', name: 'KEY', qualifier: 'R' };
		const c = compileExpr(q, joined);
		expect(c.ok && c.value.eval([1, 2, 3])).toBe(2);
	});
	it('struct field access: window.start', () => {
		const w = [field('window', WINDOW), field('n', LONG)];
		const c = sql('CAST(window.end AS long) AS window_end', w);
		expect(c.name).toBe('window_end');
		expect(c.eval([{ start: 10e6, end: 20e6 }, 1])).toBe(20);
		expect(sql('window.start', w).name).toBe('window.start');
		expect(compileError('window.middle', w)).toMatch(/FIELD_NOT_FOUND/);
		expect(compileError('n.x', w)).toMatch(/INVALID_EXTRACT_BASE_FIELD_TYPE/);
	});
});

describe('functions', () => {
	it('timestamp_seconds keeps fractions, window_time is end - 1µs', () => {
		expect(evalSql('timestamp_seconds(value)', schema, row)).toBe(7e6);
		expect(evalSql('timestamp_seconds(d)', schema, row)).toBe(2.5e6);
		const w = [field('window', WINDOW)];
		expect(evalSql('window_time(window)', w, [{ start: 0, end: 10e6 }])).toBe(10e6 - 1);
	});
	it('split and explode give the element list, explode typed as one element named col', () => {
		expect(evalSql("split(s, ' ')", schema, row)).toEqual(['a', 'b', 'c']);
		expect(evalSql("split('a,b,,', ',')", schema, row)).toEqual(['a', 'b', '', '']);
		const g = sql("explode(split(s, ' '))", schema);
		expect(g.name).toBe('col');
		expect(g.type).toEqual(STRING);
		expect(g.eval(row)).toEqual(['a', 'b', 'c']);
		expect(g.eval(nulls)).toEqual([]);
		expect(sql('explode(array(value, value + 1))', schema).eval(row)).toEqual([7, 8]);
	});
	it('strings', () => {
		expect(evalSql("concat(s, '-', value)", schema, row)).toBe('a b c-7');
		expect(evalSql('concat(s, NULL)', schema, row)).toBeNull();
		expect(evalSql("concat_ws('-', s, NULL, 'x')", schema, row)).toBe('a b c-x');
		expect(evalSql('upper(s)', schema, row)).toBe('A B C');
		expect(evalSql('length(s)', schema, row)).toBe(5);
		expect(evalSql("substring('Spark SQL', 5)", schema, row)).toBe('k SQL');
		expect(evalSql("substring('Spark SQL', -3)", schema, row)).toBe('SQL');
		expect(evalSql("substring('Spark SQL', 5, 1)", schema, row)).toBe('k');
		expect(evalSql("s LIKE 'a%c'", schema, row)).toBe(true);
		expect(evalSql("s LIKE 'a_c'", schema, row)).toBe(false);
	});
	it('struct fields named after their columns', () => {
		const c = sql('struct(value, s)', schema);
		expect(c.type).toEqual({ kind: 'struct', fields: [field('value', LONG), field('s', STRING)] });
		expect(c.eval(row)).toEqual({ value: 7, s: 'a b c' });
	});
	it('unknown functions and wrong arity use Spark error classes', () => {
		const unknown = compileError('nosuchfn(value)', schema);
		expect(unknown).toMatch(/\[UNRESOLVED_ROUTINE\] Cannot resolve routine `nosuchfn`/);
		expect(compileError('lower(s, s)', schema)).toMatch(/\[WRONG_NUM_ARGS/);
		expect(compileError('rand()', schema)).toMatch(/deterministic/);
	});
	it('round is HALF_UP, greatest skips NULLs', () => {
		expect(evalSql('round(2.5)', schema, row)).toBe(3);
		expect(evalSql('round(-2.5)', schema, row)).toBe(-3);
		expect(evalSql('round(1.2345, 2)', schema, row)).toBe(1.23);
		expect(evalSql('greatest(1, NULL, 3)', schema, row)).toBe(3);
	});
});

describe('multi-part column names (F.col("window.start"))', () => {
	const w = [field('window', WINDOW), field('a.b', LONG), field('k', LONG, ['l'])];
	const col = (name: string) => compileExpr({ kind: 'col', name }, w);
	it('splits on dots into struct fields and qualifiers', () => {
		const c = col('window.start');
		expect(c.ok && c.value.eval([{ start: 1, end: 2 }, 0, 5])).toBe(1);
		const q = col('l.k');
		expect(q.ok && q.value.eval([null, 0, 5])).toBe(5);
	});
	it('backquotes keep a dotted name whole; an exact name resolves first', () => {
		const c = col('`a.b`');
		expect(c.ok && c.value.eval([null, 9, 0])).toBe(9);
		const d = col('a.b');
		expect(d.ok && d.value.eval([null, 9, 0])).toBe(9);
		expect(col('window.middle').ok).toBe(false);
	});
});
