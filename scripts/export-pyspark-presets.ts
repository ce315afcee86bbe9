/**
 * npm run export:pyspark -- DIR --presets (oracle: `npm run oracle -- --programs --presets`)
 * Writes the program every simulation runs at each of its presets, as the page renders it when a
 * reader picks the preset (defaults, then the preset's parameters, through the question's gate):
 * DIR/<slug>.<programId>@<preset>.py. A preset whose program is the default text is skipped (the
 * default export already has it). DIR/presets.json says, for each file, whether the engine
 * refuses the program (a preset may show Spark's error on purpose: append without a watermark,
 * a DStream window that is not a multiple of the batch): the oracle then expects Spark to refuse
 * it too, rather than to start it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultParams } from '../simulations/core/params';
import type { QuestionSimulation } from '../simulations/kinds/kind';
import { loadQuestion, SIMULATIONS } from '../simulations/registry';
import { withEngine } from '../simulations/kinds/with-engines';

export interface PresetProgram {
	readonly file: string;
	readonly slug: string;
	readonly programId: string;
	readonly preset: string;
	/** The engine's refusal (Spark's error as the page shows it), or null when it runs. */
	readonly engineRefuses: string | null;
}

export async function exportPresets(dir: string): Promise<number> {
	const manifest: PresetProgram[] = [];
	for (const slug of Object.keys(SIMULATIONS)) {
		const module = await loadQuestion(slug);
		if (!module) continue;
		const sims: QuestionSimulation[] = [
			...module.simulations,
			...(module.later ? await module.later() : [])
		];
		for (const { question, kind, engine } of await Promise.all(sims.map((s) => withEngine(s)))) {
			const base = question.program(question.constrain(defaultParams(question.schema)).params);
			for (const preset of question.presets) {
				const { params } = question.constrain({
					...defaultParams(question.schema),
					...preset.params
				});
				const text = question.program(params);
				if (text === base) continue;
				const file = `${slug}.${question.programId}@${preset.id}.py`;
				writeFileSync(join(dir, file), text);
				const run = engine!.run(question, {
					code: text,
					params,
					seed: 1,
					script: preset.script ?? null,
					edits: []
				});
				const refusal = run.ok ? kind.rejection(run.value) : run.error;
				manifest.push({
					file,
					slug,
					programId: question.programId,
					preset: preset.id,
					engineRefuses: refusal ? refusal.message : null
				});
			}
		}
	}
	writeFileSync(join(dir, 'presets.json'), JSON.stringify(manifest, null, 1) + '\n');
	return manifest.length;
}
