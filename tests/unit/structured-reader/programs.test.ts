// The engine-bound question programs (structured ones) read with their own readStream sources
// and analyze, or fail with a located, named error for what the engine lacks.
import { describe, expect, it } from 'vitest';
import { PROGRAMS } from '../../../simulations/questions/programs';
import { compileExpr } from '../../../simulations/structured/expr/index';
import { readProgram } from '../../../simulations/structured/reader/index';
import { readAndAnalyze } from './helpers';

const BOUND = [
	'basic-01',
	'basic-02',
	'basic-05',
	'basic-08',
	'basic-11',
	'advanced-02',
	'advanced-07',
	'advanced-14'
];

// Whether the expression layer evaluates from_json (the Kafka programs parse their payload).
const fromJson = compileExpr(
	{
		kind: 'call',
		fn: 'from_json',
		args: [
			{ kind: 'col', name: 'v' },
			{ kind: 'lit', value: 'struct<a:int>', type: { kind: 'string' } }
		]
	},
	[{ name: 'v', type: { kind: 'string' } }]
).ok;

describe('question programs', () => {
	for (const [id, templates] of Object.entries(PROGRAMS)) {
		if (!BOUND.some((b) => id.startsWith(b))) continue;
		for (const t of templates.filter((x) => x.api === 'structured'))
			it(`${id} (${t.id}) reads, and analyzes or names what is missing`, () => {
				const read = readProgram(t.template, {});
				if (!read.ok)
					throw new Error(
						`read failed at ${read.error.line}:${read.error.column}: ${read.error.message}`
					);
				const r = readAndAnalyze(t.template, {});
				if (r.ok) {
					expect(r.value.sources.length).toBeGreaterThan(0);
					return;
				}
				const usesFromJson = t.template.includes('F.from_json');
				if (fromJson || !usesFromJson)
					throw new Error(
						`${r.stage} failed at ${r.error.line}:${r.error.column}: ${r.error.message}`
					);
				expect(r.error.message).toContain('from_json');
				expect(t.template.split('\n')[r.error.line - 1]).toContain('from_json');
			});
	}
});
