// Deep nesting ends with Python's own message at the place it went too deep, never a stack
// overflow or an 'invalid syntax' thousands of columns in.
import { describe, expect, it } from 'vitest';
import { readDStreamProgram } from '../../../simulations/dstream/index';
import { evalPython } from '../../../simulations/python/index';
import { prepareQuery } from '../../../simulations/structured/index';

const parens = (n: number, inner = '1') => '('.repeat(n) + inner + ')'.repeat(n);
const message = (r: { ok: boolean; error?: { message: string } } | { ok: true; value: unknown }) =>
	'error' in r && r.error ? r.error.message : '';

describe('nesting limits', () => {
	it('10,000 nested parentheses: "too many nested parentheses" at the 201st, as CPython says', () => {
		const r = evalPython(`x = ${parens(10_000)}\nx`);
		expect(r).toMatchObject({
			ok: false,
			error: { line: 1, column: 205, message: 'SyntaxError: too many nested parentheses' }
		});
		expect(evalPython(`x = ${parens(200)}\nx`)).toEqual({ ok: true, value: 1 });
		// Brackets inside strings and comments do not count.
		expect(evalPython(`x = "${'('.repeat(300)}"  # ${'['.repeat(300)}\nlen(x)`)).toEqual({
			ok: true,
			value: 300
		});
	});

	it('the same in the DStream and Structured readers, located', () => {
		const ds = readDStreamProgram(`x = ${parens(10_000)}\n`);
		expect(ds.ok ? '' : ds.error.message).toBe('SyntaxError: too many nested parentheses');
		const ss = prepareQuery(`x = ${parens(10_000)}\n`, {});
		expect(ss).toMatchObject({
			ok: false,
			error: { line: 1, column: 205, message: 'SyntaxError: too many nested parentheses' }
		});
	});

	it('a chain deeper than the evaluators recurse is a RecursionError during compilation', () => {
		const r = evalPython(Array(10_000).fill('1').join('+'));
		expect(message(r)).toBe('RecursionError: maximum recursion depth exceeded during compilation');
		expect(evalPython(Array(990).fill('1').join('+'))).toEqual({ ok: true, value: 990 });
	});

	it("a chain past lezer's own limit says so instead of 'invalid syntax'", () => {
		const r = evalPython(Array(990).fill('len("a")').join(' + '));
		expect(message(r)).toMatch(
			/^SyntaxError: this expression nests \d+ levels deep, more than the playground's Python parser follows/
		);
	});

	it('a SQL chain of 10,000 operators is the SQL parser\'s "nested too deeply", not a stack overflow', () => {
		const r = prepareQuery(
			`from pyspark.sql import functions as F\nq = events.select(F.expr("${Array(10_000).fill('a').join('+')}")).writeStream.format("memory").queryName("b").start()\n`,
			{ events: [{ name: 'a', type: { kind: 'long' } }] }
		);
		expect(message(r)).toBe('The expression is nested too deeply.');
	});
});
