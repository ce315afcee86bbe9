/**
 * Predict, then reveal (kinds/<kind>/predict.ts): every live page asks at least two questions on
 * its opening program, each answerable from what is on screen when it is asked, with one right
 * choice that the engine's run makes true and an explanation carrying the run's numbers.
 */
import { describe, expect, it } from 'vitest';
import { defaultParams } from '../../../simulations/core/params';
import type { QuestionSimulation } from '../../../simulations/kinds/kind';
import { SIMULATIONS } from '../../../simulations/registry';
import { withEngine, withEngines } from '../../../simulations/kinds/with-engines';
import { numericChoices } from '../../../simulations/kinds/predict-choices';

const pages: [string, QuestionSimulation][] = [];
for (const [slug, entry] of Object.entries(SIMULATIONS)) {
	const { question } = await entry.load();
	for (const s of await withEngines(question)) pages.push([`${slug} (${s.kind.id})`, s]);
}

describe.each(pages)('%s', (_name, { question, kind, engine }) => {
	if (!engine) throw new Error(`${question.slug}: no engine`);
	const params = question.constrain(defaultParams(question.schema)).params;
	const code = question.program(params);
	const result = engine.run(question, { code, params, seed: 1, script: null, edits: [] });
	if (!result.ok) throw new Error(result.error.message);
	const run = result.value;
	const predictions = kind.features.predictions?.(run) ?? [];

	it('asks at least two questions, in time order, inside the run', () => {
		expect(predictions.length).toBeGreaterThanOrEqual(2);
		const asks = predictions.map((p) => p.askAtMs);
		expect(asks).toEqual([...asks].sort((a, b) => a - b));
		for (const p of predictions) {
			expect(p.askAtMs).toBeGreaterThanOrEqual(0);
			expect(p.askAtMs).toBeLessThan(p.revealAtMs);
			expect(p.revealAtMs).toBeLessThanOrEqual(kind.endMs(run));
		}
		expect(new Set(predictions.map((p) => p.id)).size).toBe(predictions.length);
	});

	it('offers distinct choices, exactly one of them the answer, and explains it', () => {
		for (const p of predictions) {
			expect(p.choices.length).toBeGreaterThanOrEqual(2);
			expect(new Set(p.choices.map((c) => c.label)).size).toBe(p.choices.length);
			expect(p.choices.filter((c) => c.id === p.answer)).toHaveLength(1);
			expect(p.question).toMatch(/\?$/);
			expect(p.explanation.length).toBeGreaterThan(30);
		}
	});
});

describe('numeric choices', () => {
	it('keep the answer among sorted, deduplicated values', () => {
		const { choices, answer } = numericChoices(5, [5, 0, 10, Number.NaN], (n) => `${n}`);
		expect(choices.map((c) => c.label)).toEqual(['0', '5', '10']);
		expect(choices.find((c) => c.id === answer)?.label).toBe('5');
	});
});

describe('answers come from the run', () => {
	it('the event-time sink question names the rows the batch really wrote', async () => {
		const { question } = await SIMULATIONS['basic-08-late-data']!.load();
		const { question: q, kind, engine } = await withEngine(question.simulations[0]!);
		const params = q.constrain(defaultParams(q.schema)).params;
		const r = engine!.run(q, { code: q.program(params), params, seed: 1, script: null, edits: [] });
		if (!r.ok) throw new Error('no run');
		const run = r.value as { batches: { batchId: number; output: unknown[] }[] };
		const sink = kind.features.predictions!(r.value).find((p) => p.id.startsWith('sink-'))!;
		const batchId = Number(sink.id.slice('sink-'.length));
		const n = run.batches.find((b) => b.batchId === batchId)!.output.length;
		expect(sink.choices.find((c) => c.id === sink.answer)?.label).toBe(
			`${n} ${n === 1 ? 'row' : 'rows'}`
		);
	});
});

describe('one question per pause', () => {
	it('no two questions of a page are asked at the same instant', () => {
		for (const [name, { question, kind, engine }] of pages) {
			const params = question.constrain(defaultParams(question.schema)).params;
			const r = engine!.run(question, {
				code: question.program(params),
				params,
				seed: 1,
				script: null,
				edits: []
			});
			if (!r.ok) continue;
			const asks = (kind.features.predictions?.(r.value) ?? []).map((p) => p.askAtMs);
			expect(new Set(asks).size, name).toBe(asks.length);
		}
	});
});
