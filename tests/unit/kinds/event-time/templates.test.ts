import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROGRAMS } from '../../../../simulations/questions/programs';
import { renderProgram } from '../../../../simulations/core/template';
import { EVENT_TIME_SCENARIOS } from '../../../../simulations/kinds/event-time/questions';
import {
	withExtraMarkers,
	type ExtraMarker
} from '../../../../simulations/kinds/event-time/template-markers';
import { VARIANT_LINES as basic05Variants } from '../../../../simulations/questions/basic-05-windows/question';
import { VARIANT_LINES as advanced07Variants } from '../../../../simulations/questions/advanced-07-event-time-and-state/question';
import { VARIANT_LINES as advanced14Variants } from '../../../../simulations/questions/advanced-14-joins-aggregations/question';

const VARIANTS: Readonly<Record<string, readonly ExtraMarker[]>> = {
	'basic-05-windows': basic05Variants,
	'advanced-07-event-time-and-state': advanced07Variants,
	'advanced-14-joins-aggregations': advanced14Variants
};
import { defaultParams } from '../../../../simulations/core/params';
import {
	bracketsBalanced,
	fileTemplate,
	onlyMarkedLinesChanged,
	renderedPrograms,
	stripMarkers,
	variants
} from '../../questions/event-time-helpers';

/** Params whose marked lines a variant removes (documented in each page's variant spans). */
const REMOVABLE: Record<string, readonly string[]> = {
	'basic-05-windows': ['slide', 'watermarkDelay'],
	'basic-08-late-data': [],
	'advanced-02-event-time-watermarks': [],
	'advanced-07-event-time-and-state': ['watermarkDelay'],
	'advanced-14-joins-aggregations': ['joinWindow', 'joinType']
};

/** Params written on another param's marked line in a variant (session: the gap). */
const EXPRESSED_ELSEWHERE: Record<string, readonly string[]> = {
	'basic-05-windows': ['sessionGap']
};

const scenarios = Object.values(EVENT_TIME_SCENARIOS);

describe('event-time scenarios: programs', () => {
	it('covers the five event-time pages', () => {
		expect(Object.keys(EVENT_TIME_SCENARIOS).sort()).toEqual([
			'advanced-02-event-time-watermarks',
			'advanced-07-event-time-and-state',
			'advanced-14-joins-aggregations',
			'basic-05-windows',
			'basic-08-late-data'
		]);
	});

	for (const s of scenarios) {
		describe(s.slug, () => {
			it('renders the template unchanged at the defaults', () => {
				expect(s.program(defaultParams(s.schema))).toBe(s.template);
				// The scenario's template is the program file's, plus markers on variant lines only.
				expect(stripMarkers(s.template)).toBe(stripMarkers(fileTemplate(s.slug)));
			});

			it('every schema param without simulationOnly marks a line, and vice versa', () => {
				const marked = new Set([...s.template.matchAll(/# <- (\w+)\s*$/gm)].map((m) => m[1]));
				const elsewhere = EXPRESSED_ELSEWHERE[s.slug] ?? [];
				for (const p of s.schema) {
					if (elsewhere.includes(p.id)) expect(p.simulationOnly, p.id).toBeFalsy();
					else expect(marked.has(p.id), p.id).toBe(!p.simulationOnly);
				}
				for (const id of marked)
					expect(
						s.schema.some((p) => p.id === id),
						id
					).toBe(true);
			});

			it('every preset names known params with valid values and passes constrain unchanged', () => {
				for (const preset of s.presets) {
					const { notices } = s.constrain(preset.params);
					expect(notices, preset.id).toEqual([]);
					expect(preset.label.length).toBeGreaterThan(0);
					expect(preset.description.length).toBeGreaterThan(0);
				}
			});

			it('changes only marked lines (or removes documented variant lines), brackets balanced', () => {
				for (const v of variants(s)) {
					const out = s.program(v.params);
					const removable = REMOVABLE[s.slug] ?? [];
					expect(onlyMarkedLinesChanged(s.template, out, removable), v.name).toBeNull();
					expect(bracketsBalanced(out), v.name).toBe(true);
				}
			});

			it('rewrites the DStream tab on its marked lines only, brackets balanced', () => {
				for (const v of variants(s)) {
					const params = s.constrain(v.params).params;
					for (const alt of (PROGRAMS[s.slug] ?? []).filter((p) => p.id !== 'main')) {
						const out = renderProgram(alt.template, s.rewrites(params));
						expect(onlyMarkedLinesChanged(alt.template, out, []), v.name).toBeNull();
						expect(bracketsBalanced(out), v.name).toBe(true);
					}
				}
			});

			it('re-rendering a rendered program at the defaults gives the template back', () => {
				for (const v of variants(s)) {
					const out = s.program(v.params);
					const back = renderProgram(out, s.rewrites(defaultParams(s.schema)));
					if (out.split('\n').length === s.template.split('\n').length) {
						expect(back, v.name).toBe(s.template);
					}
				}
			});
		});
	}

	it('variant markers are added once, kept when the program file has them, and required', () => {
		for (const s of scenarios)
			expect(withExtraMarkers(s.slug, s.template, VARIANTS[s.slug] ?? [])).toBe(s.template);
		const renamed = fileTemplate('basic-05-windows').replace('F.window(', 'F.hop(');
		expect(() =>
			withExtraMarkers('basic-05-windows', renamed, VARIANTS['basic-05-windows']!)
		).toThrow(/not found/);
	});

	it('every rendered program type-checks against the PySpark stubs', () => {
		const dir = mkdtempSync(join(tmpdir(), 'event-time-programs-'));
		try {
			let n = 0;
			const seen = new Set<string>();
			for (const s of scenarios) {
				for (const p of renderedPrograms(s)) {
					if (seen.has(p.code)) continue;
					seen.add(p.code);
					writeFileSync(join(dir, `${s.slug}-${String(n++).padStart(3, '0')}.py`), p.code);
				}
			}
			const r = spawnSync('bash', ['tools/pyspark-stubs/check.sh', dir], { encoding: 'utf8' });
			const last = r.stdout.trim().split('\n').at(-1) ?? '';
			expect(last, r.stdout + r.stderr).toBe(`${n} passed, 0 failed`);
			expect(r.status).toBe(0);
			expect(n).toBeGreaterThan(40);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}, 120_000);
});
