// The oracle starts every page program at every preset on real Spark (oracle/programs.py): the
// export it runs must hold each preset's program as the page renders it, and say which ones the
// engine refuses (the oracle then expects Spark to refuse them too).
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultParams } from '../../../simulations/core/params';
import { loadQuestion, SIMULATIONS } from '../../../simulations/registry';
import { exportPresets, type PresetProgram } from '../../../scripts/export-pyspark-presets';

const dir = mkdtempSync(join(tmpdir(), 'preset-programs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('export of page programs at every preset', () => {
	it('writes one file per preset whose program differs from the default, listed in presets.json', async () => {
		const n = await exportPresets(dir);
		const manifest = JSON.parse(readFileSync(join(dir, 'presets.json'), 'utf8')) as PresetProgram[];
		expect(manifest).toHaveLength(n);
		const files = readdirSync(dir).filter((f) => f.endsWith('.py'));
		expect(files.sort()).toEqual(manifest.map((m) => m.file).sort());

		let differing = 0;
		for (const slug of Object.keys(SIMULATIONS)) {
			const module = await loadQuestion(slug);
			const sims = [...(module?.simulations ?? []), ...((await module?.later?.()) ?? [])];
			for (const { question } of sims) {
				const base = question.program(question.constrain(defaultParams(question.schema)).params);
				for (const preset of question.presets) {
					const { params } = question.constrain({
						...defaultParams(question.schema),
						...preset.params
					});
					const file = `${slug}.${question.programId}@${preset.id}.py`;
					const text = question.program(params);
					if (text === base) {
						expect(files).not.toContain(file);
						continue;
					}
					differing++;
					expect(readFileSync(join(dir, file), 'utf8')).toBe(text);
				}
			}
		}
		expect(manifest).toHaveLength(differing);
	});

	it('names the engine refusal of a preset that shows Spark rejecting the program', () => {
		const manifest = JSON.parse(readFileSync(join(dir, 'presets.json'), 'utf8')) as PresetProgram[];
		const refused = manifest.filter((m) => m.engineRefuses !== null);
		// basic-01's append-without-watermark preset is there to show Spark's AnalysisException.
		const append = manifest.find(
			(m) => m.slug === 'basic-01-stream-processing' && m.preset === 'append-rejected'
		);
		expect(append?.engineRefuses).toMatch(/Append output mode not supported/);
		expect(refused.length).toBeLessThan(manifest.length);
	});
});
