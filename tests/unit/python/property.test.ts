// Property-based checks of the Python-subset evaluator: it never throws out of its API, whatever
// the input, and its integer arithmetic agrees with a BigInt reference of Python's rules.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDStreamProgram } from '../../../simulations/dstream/index';
import { evalPython, repr } from '../../../simulations/python/index';
import { PROGRAMS } from '../../../simulations/questions/programs';

const small = { maxSteps: 20_000 };

/** Python's floor division and modulo on BigInts (the reference). */
function pyDivMod(a: bigint, b: bigint): [bigint, bigint] {
	let q = a / b;
	let r = a % b;
	if (r !== 0n && r < 0n !== b < 0n) {
		q -= 1n;
		r += b;
	}
	return [q, r];
}

const TOKENS = [
	'x',
	'class',
	'with',
	'as',
	'self.x',
	'+=',
	'y',
	'1',
	'0',
	'2.5',
	'"s"',
	'(',
	')',
	'[',
	']',
	'{',
	'}',
	':',
	',',
	'.',
	'+',
	'-',
	'*',
	'/',
	'//',
	'%',
	'**',
	'<',
	'==',
	'and',
	'or',
	'not',
	'if',
	'else',
	'lambda',
	'for',
	'in',
	'def',
	'return',
	'while',
	'None',
	'True',
	'=',
	'\n',
	'    ',
	'len',
	'sum',
	'sorted',
	'split',
	'f',
	'#'
];

const corpus = [
	...Object.values(PROGRAMS)
		.flat()
		.filter((p) => p.api === 'dstream')
		.map((p) => p.template),
	'def f(vs, s):\n    if not s:\n        s = []\n    s.extend(vs)\n    return s\nf([1], None)\n',
	'xs = [i * 2 for i in range(10) if i % 3]\nsum(xs) // len(xs), sorted(xs, key=lambda v: -v)[:3]\n'
];

describe('the evaluator never throws', () => {
	it('on random text', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 80 }), (src) => {
				const r = evalPython(src, small);
				expect(typeof r.ok).toBe('boolean');
			}),
			{ numRuns: 500 }
		);
	});

	it('on random token soup, and errors are located inside the text', () => {
		fc.assert(
			fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }), (toks) => {
				const src = toks.join(' ');
				const r = evalPython(src, small);
				if (!r.ok) {
					const lines = src.split('\n').length;
					expect(r.error.line).toBeGreaterThanOrEqual(1);
					expect(r.error.line).toBeLessThanOrEqual(lines);
					expect(r.error.message.length).toBeGreaterThan(0);
				}
			}),
			{ numRuns: 1000 }
		);
	});

	it('on mutated corpus programs (read as DStream programs too)', () => {
		const mutation = fc.record({
			prog: fc.integer({ min: 0, max: corpus.length - 1 }),
			at: fc.nat(),
			del: fc.integer({ min: 0, max: 12 }),
			ins: fc.constantFrom(
				'',
				'(',
				')',
				':',
				'\n',
				' ',
				'x',
				'0',
				',',
				'"',
				'[',
				'lambda',
				' / 0',
				'.'
			)
		});
		fc.assert(
			fc.property(mutation, ({ prog, at, del, ins }) => {
				const base = corpus[prog] ?? '';
				const i = at % (base.length + 1);
				const src = base.slice(0, i) + ins + base.slice(i + del);
				expect(typeof evalPython(src, small).ok).toBe('boolean');
				expect(typeof readDStreamProgram(src).ok).toBe('boolean');
			}),
			{ numRuns: 400 }
		);
	});
});

describe('integer arithmetic matches Python', () => {
	const int = fc.integer({ min: -1_000_000, max: 1_000_000 });
	it('floor division and modulo take the sign of the divisor', () => {
		fc.assert(
			fc.property(
				int,
				int.filter((b) => b !== 0),
				(a, b) => {
					const r = evalPython(
						`${a} // ${b}, ${a} % ${b}, divmod_check = (${a} // ${b}) * ${b} + ${a} % ${b} == ${a}`.replace(
							/, divmod_check = /,
							', '
						),
						small
					);
					if (!r.ok) throw new Error(r.error.message);
					const [q, m] = pyDivMod(BigInt(a), BigInt(b));
					expect(repr(r.value)).toBe(`(${q}, ${m}, True)`);
				}
			),
			{ numRuns: 1000 }
		);
	});

	it('+, -, * and ** stay exact ints; / is always a float', () => {
		fc.assert(
			fc.property(int, int, fc.integer({ min: 0, max: 3 }), (a, b, e) => {
				const p = a % 200_000; // p ** 3 stays below 2 ** 53, the documented int range
				const r = evalPython(
					`${a} + ${b}, ${a} - ${b}, ${a} * ${b}, (${p}) ** ${e}, type_is_float = ${a} / ${b || 1}`.replace(
						/, type_is_float = /,
						', '
					),
					small
				);
				if (!r.ok) throw new Error(r.error.message);
				const A = BigInt(a);
				const B = BigInt(b);
				const text = repr(r.value);
				expect(text.startsWith(`(${A + B}, ${A - B}, ${A * B}, ${BigInt(p) ** BigInt(e)}, `)).toBe(
					true
				);
				const last = text.slice(text.lastIndexOf(', ') + 2, -1);
				expect(last).toMatch(/[.e]|inf|nan/);
				expect(Number(last)).toBeCloseTo(a / (b || 1), 9);
			}),
			{ numRuns: 1000 }
		);
	});

	it('ints beyond 2**53 are an OverflowError value, never a wrong number', () => {
		fc.assert(
			fc.property(fc.integer({ min: 2 ** 27, max: 2 ** 30 }), (a) => {
				const r = evalPython(`${a} * ${a} * ${a}`, small);
				expect(r.ok).toBe(false);
				if (!r.ok) expect(r.error.message).toContain('OverflowError');
			}),
			{ numRuns: 100 }
		);
	});

	it('chained comparisons equal the conjunction of the pairs', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: -3, max: 3 }),
				fc.integer({ min: -3, max: 3 }),
				fc.integer({ min: -3, max: 3 }),
				(a, b, c) => {
					const r = evalPython(`${a} < ${b} <= ${c}`, small);
					expect(r.ok && r.value).toBe(a < b && b <= c);
				}
			),
			{ numRuns: 300 }
		);
	});
});
