// Property: readProgram + analyze never throw, and every error is located (line, column >= 1),
// on random token soup and on mutated corpus programs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bindingsOf, readAndAnalyze, structuredScenarios } from './helpers';

const scenarios = structuredScenarios();

const TOKENS = [
	'events',
	'F',
	'.',
	'(',
	')',
	'[',
	']',
	',',
	'=',
	'==',
	'+',
	'-',
	'*',
	'/',
	'%',
	'&',
	'|',
	'~',
	'"value"',
	'"10 seconds"',
	'"*"',
	"'x'",
	'1',
	'2.5',
	'-3',
	'None',
	'True',
	'select',
	'col',
	'withWatermark',
	'groupBy',
	'agg',
	'count',
	'window',
	'join',
	'writeStream',
	'start',
	'alias',
	'outputMode',
	'"append"',
	'"complete"',
	'query',
	'df',
	'\n',
	' ',
	'    ',
	':',
	'def',
	'lambda',
	'import',
	'from',
	'pyspark.sql',
	'functions',
	'as',
	'expr',
	'"a AND b"',
	'cast',
	'"long"',
	'#'
];

function check(
	code: string,
	bindings: Record<string, readonly { name: string; type: { kind: 'int' } }[]>
) {
	let r: ReturnType<typeof readAndAnalyze> | undefined;
	expect(() => {
		r = readAndAnalyze(code, bindings);
	}).not.toThrow();
	if (r && !r.ok) {
		expect(r.error.line).toBeGreaterThanOrEqual(1);
		expect(r.error.column).toBeGreaterThanOrEqual(1);
		// The position is inside the program (or just past its end).
		const lines = code.split('\n');
		expect(r.error.line).toBeLessThanOrEqual(lines.length + 1);
		expect(r.error.column).toBeLessThanOrEqual((lines[r.error.line - 1] ?? '').length + 2);
		expect(typeof r.error.message).toBe('string');
	}
}

const mutate = (code: string, kind: number, i: number, j: number): string => {
	const n = code.length || 1;
	const a = i % n;
	const b = j % n;
	switch (kind) {
		case 0:
			return code.slice(0, a) + code.slice(a + 1);
		case 1:
			return code.slice(0, a) + (code[a] ?? '') + code.slice(a);
		case 2: {
			const c = [...code];
			[c[a], c[b]] = [c[b] ?? '', c[a] ?? ''];
			return c.join('');
		}
		default: {
			const lines = code.split('\n');
			const x = i % lines.length;
			const y = j % lines.length;
			if (kind === 3) lines.splice(x, 1);
			else if (kind === 4) lines.splice(x, 0, lines[y] ?? '');
			else [lines[x], lines[y]] = [lines[y] ?? '', lines[x] ?? ''];
			return lines.join('\n');
		}
	}
};

describe('reader fuzz', () => {
	it('never throws on random token soup', () => {
		const events = { events: [{ name: 'value', type: { kind: 'int' } as const }] };
		fc.assert(
			fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }), (toks) =>
				check(toks.join(''), events)
			),
			{ numRuns: 300, seed: 42 }
		);
	});

	it('never throws on mutated corpus programs', () => {
		fc.assert(
			fc.property(
				fc.nat(scenarios.length - 1),
				fc.array(fc.tuple(fc.nat(5), fc.nat(), fc.nat()), { minLength: 1, maxLength: 3 }),
				(k, edits) => {
					const s = scenarios[k];
					if (!s) return;
					const code = edits.reduce((c, [kind, i, j]) => mutate(c, kind, i, j), s.code);
					check(code, bindingsOf(s) as never);
				}
			),
			{ numRuns: 400, seed: 7 }
		);
	});
});
