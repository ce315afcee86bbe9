/**
 * Every question's simulation against the contract (simulations/kinds/kind.ts), whatever its
 * kind: its run is a pure function of the request; the stops are in time order and the opening
 * one exists; markers sit inside the run, in time order; each frame has a sentence; the code
 * focus points at lines of the program; and the parameters read back from the program are the
 * ones that rendered it, for the defaults and for every preset (so an edit in the editor moves
 * the controls, and an unedited program never moves them).
 */
import { describe, expect, it } from 'vitest';
import { defaultParams } from '../../../simulations/core/params';
import type { QuestionSimulation } from '../../../simulations/kinds/kind';
import { SIMULATIONS } from '../../../simulations/registry';
import { withEngines } from '../../../simulations/kinds/with-engines';

async function allSimulations(): Promise<QuestionSimulation[]> {
	const out: QuestionSimulation[] = [];
	for (const entry of Object.values(SIMULATIONS)) {
		const { question } = await entry.load();
		out.push(...(await withEngines(question)));
	}
	return out;
}

const sims = await allSimulations();

describe('the registry', () => {
	it('names every live question, each loading the kinds it says', async () => {
		expect(Object.keys(SIMULATIONS)).toHaveLength(30);
		for (const [slug, entry] of Object.entries(SIMULATIONS)) {
			const { question } = await entry.load();
			expect(question.slug).toBe(slug);
			expect(question.simulations.map((s) => s.kind.id)).toEqual(entry.kinds);
			expect(((await question.later?.()) ?? []).map((s) => s.kind.id)).toEqual(entry.later ?? []);
			for (const s of question.simulations) expect(s.question.slug).toBe(slug);
		}
	});
});

describe.each(
	sims.map((s) => [`${s.question.slug} (${s.kind.id}, ${s.question.programId})`, s] as const)
)('%s', (_name, { question, kind, engine }) => {
	const params = question.constrain(defaultParams(question.schema)).params;
	const code = question.program(params);
	const request = { code, params, seed: 1, script: null, edits: [] };
	if (!engine) throw new Error(`${question.slug}: no engine`);
	const result = engine.run(question, request);
	if (!result.ok) throw new Error(`${question.slug}: ${result.error.message}`);
	const run = result.value;

	it('runs deterministically, to plain data', () => {
		const again = engine.run(question, request);
		expect(again.ok && JSON.stringify(again.value)).toBe(JSON.stringify(run));
	});

	it('has stops in time order inside the run, and the opening one', () => {
		const stops = kind.stops(run);
		expect(stops.length).toBeGreaterThan(kind.openingStop);
		const ends = stops.map((s) => s.endMs);
		expect(ends).toEqual([...ends].sort((a, b) => a - b));
		expect(Math.max(...ends)).toBeLessThanOrEqual(kind.endMs(run));
	});

	it('places markers inside the run, in time order, each naming its rule', () => {
		const markers = kind.markers(run);
		expect(markers.length).toBeGreaterThan(0);
		const at = markers.map((m) => m.atMs);
		expect(at).toEqual([...at].sort((a, b) => a - b));
		for (const m of markers) {
			expect(m.atMs).toBeGreaterThanOrEqual(0);
			expect(m.atMs).toBeLessThanOrEqual(kind.endMs(run));
			expect(m.rule.length).toBeGreaterThan(10);
		}
	});

	it('says what each stop shows in one sentence, and points at lines of the program', () => {
		const lines = code.split('\n').length;
		for (const stop of kind.stops(run).slice(0, 6)) {
			const sentence = kind.describe(run, stop.endMs);
			expect(sentence).toMatch(/^[A-Z].*\.$/);
			expect(sentence.split(/\.\s+[A-Z]/).length).toBeLessThanOrEqual(2);
			for (const span of kind.codeFocus(run, stop.endMs)) {
				expect(span.line).toBeGreaterThanOrEqual(1);
				expect(span.endLine).toBeLessThanOrEqual(lines);
			}
		}
	});

	it('reads back the parameters that rendered its program, for the defaults and every preset', () => {
		expect(kind.paramsOf(question, code, run, params)).toEqual(params);
		for (const preset of question.presets) {
			const p = question.constrain({ ...defaultParams(question.schema), ...preset.params }).params;
			const c = question.program(p);
			const r = engine.run(question, {
				code: c,
				params: p,
				seed: 1,
				script: preset.script ?? null,
				edits: []
			});
			if (!r.ok) continue; // a preset whose program Spark refuses has no run to read
			expect(kind.paramsOf(question, c, r.value, p), preset.id).toEqual(p);
		}
	});
});
