import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Value } from '../../../simulations/structured/expr/ast';
import {
	compileExpr,
	ExprRuntimeError,
	parseSqlExpr
} from '../../../simulations/structured/expr/index';
import { BOOL, DOUBLE, LONG, STRING, TS, field } from './helpers';
import { CORPUS } from './corpus';

const schema = [
	field('value', LONG),
	field('time', TS),
	field('s', STRING),
	field('d', DOUBLE),
	field('b', BOOL),
	field('leftKey', LONG),
	field('rightKey', LONG),
	field('leftTime', TS),
	field('rightTime', TS)
];
const row: Value[] = [7, 12_500_000, 'a b', 2.5, true, 1, 2, 3e6, 4e6];

/** Parsing never throws; whatever parses compiles without throwing; whatever compiles evaluates
 *  without throwing anything but Spark's runtime errors. */
function survives(text: string): void {
	const p = parseSqlExpr(text, { line: 2, column: 5 });
	if (!p.ok) {
		expect(p.error.line).toBe(2);
		expect(typeof p.error.message).toBe('string');
		return;
	}
	const c = compileExpr(p.value, schema);
	if (!c.ok) return;
	try {
		c.value.eval(row);
	} catch (e) {
		if (!(e instanceof ExprRuntimeError)) throw e;
	}
}

const TOKENS = [
	...[' ', '(', ')', ',', "'", '"', '`', '.', '*', '+', '-', '/', '%', '=', '<', '>', '!', '|'],
	...['AND', 'OR', 'NOT', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END', 'CAST', 'AS', 'BETWEEN', 'IN'],
	...['IS', 'NULL', 'interval', '5', 'seconds', 'value', 'time', 'window', 'session_window'],
	...['count', 'DISTINCT', '1e', '10L', '::', '[', ']']
];

const mutation = fc.record({
	base: fc.constantFrom(...CORPUS),
	at: fc.nat(),
	del: fc.nat({ max: 6 }),
	insert: fc.array(fc.constantFrom(...TOKENS), { maxLength: 3 })
});

describe('parser fuzz', () => {
	it('never throws on random strings', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 60 }), (s) => survives(s)),
			{ numRuns: 1500 }
		);
	});
	it('never throws on random token soups', () => {
		const soup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 20 });
		fc.assert(
			fc.property(soup, (ts) => survives(ts.join(' '))),
			{ numRuns: 1500 }
		);
	});
	it('never throws on mutations of the corpus SQL', () => {
		fc.assert(
			fc.property(mutation, ({ base, at, del, insert }) => {
				const i = at % (base.length + 1);
				survives(base.slice(0, i) + insert.join(' ') + base.slice(i + del));
			}),
			{ numRuns: 2000 }
		);
	});
});

type Tree = { op: string; l: Tree; r: Tree } | { leaf: string };

const arith: fc.Arbitrary<Tree> = fc.letrec<{ t: Tree }>((tie) => ({
	t: fc.oneof(
		{ depthSize: 'small', withCrossShrink: true },
		fc
			.oneof(
				fc.constantFrom('x', 'y'),
				fc.integer({ min: -50, max: 50 }).map((n) => `${n}L`)
			)
			.map((leaf) => ({ leaf })),
		fc.record({ op: fc.constantFrom('+', '-', '*', '%', '/'), l: tie('t'), r: tie('t') })
	)
})).t;

const text = (t: Tree): string => {
	if (!('leaf' in t)) return `(${text(t.l)} ${t.op} ${text(t.r)})`;
	return t.leaf.startsWith('-') ? `(${t.leaf})` : t.leaf;
};

type Ref = { readonly v: number; readonly integral: boolean } | 'zero' | 'overflow';

/** Spark's rules: BIGINT + - * % stay BIGINT and overflow past 2^63 (ANSI), / is a DOUBLE
 *  division, % the Java remainder, zero divisors fail; operands evaluate left to right. */
function reference(t: Tree, x: number, y: number): Ref {
	if ('leaf' in t) {
		const v = t.leaf === 'x' ? x : t.leaf === 'y' ? y : Number(t.leaf.replace('L', ''));
		return { v, integral: true };
	}
	const a = reference(t.l, x, y);
	if (typeof a === 'string') return a;
	const b = reference(t.r, x, y);
	if (typeof b === 'string') return b;
	const integral = a.integral && b.integral && t.op !== '/';
	let v: number;
	switch (t.op) {
		case '+':
			v = a.v + b.v;
			break;
		case '-':
			v = a.v - b.v;
			break;
		case '*':
			v = a.v * b.v;
			break;
		case '%':
			if (b.v === 0) return 'zero';
			v = a.v % b.v;
			break;
		default:
			if (b.v === 0) return 'zero';
			v = a.v / b.v;
	}
	if (integral && (v > 2 ** 63 || v < -(2 ** 63))) return 'overflow';
	return { v, integral };
}

const small = fc.integer({ min: -1000, max: 1000 });

describe('arithmetic matches a reference', () => {
	it('on random trees over BIGINT columns', () => {
		const s = [field('x', LONG), field('y', LONG)];
		fc.assert(
			fc.property(arith, small, small, (t, x, y) => {
				const p = parseSqlExpr(text(t));
				expect(p.ok).toBe(true);
				if (!p.ok) return;
				const c = compileExpr(p.value, s);
				expect(c.ok).toBe(true);
				if (!c.ok) return;
				const want = reference(t, x, y);
				if (want === 'zero') expect(() => c.value.eval([x, y])).toThrow(/DIVIDE_BY_ZERO/);
				else if (want === 'overflow') {
					expect(() => c.value.eval([x, y])).toThrow(/ARITHMETIC_OVERFLOW/);
				} else {
					expect(c.value.type.kind).toBe(want.integral ? 'long' : 'double');
					expect(c.value.eval([x, y])).toBe(want.v);
				}
			}),
			{ numRuns: 1000 }
		);
	});
});
