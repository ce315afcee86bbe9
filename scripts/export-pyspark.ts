/**
 * npm run export:pyspark -- DIR [--presets]
 * Writes every question's PySpark program at its default parameters: the page's main program to
 * DIR/<slug>.py and each alternate (the DStream version, ...) to DIR/<slug>.<id>.py. With
 * --presets, also each simulation's program at every preset (export-pyspark-presets.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROGRAMS } from '../simulations/questions/programs';
import { defaultProgram } from '../simulations/questions/defaults';
import { exportPresets } from './export-pyspark-presets';

const args = process.argv.slice(2);
const withPresets = args.includes('--presets');
const dir = args.find((a) => !a.startsWith('--'));
if (!dir) {
	console.error('usage: npm run export:pyspark -- DIR [--presets]');
	process.exit(2);
}
mkdirSync(dir, { recursive: true });
let n = 0;
for (const [slug, programs] of Object.entries(PROGRAMS)) {
	for (const p of programs) {
		const name = p.id === 'main' ? `${slug}.py` : `${slug}.${p.id}.py`;
		writeFileSync(join(dir, name), defaultProgram(slug, p.id));
		n++;
	}
}
console.log(`wrote ${n} programs for ${Object.keys(PROGRAMS).length} questions to ${dir}`);
if (withPresets) {
	const m = await exportPresets(dir);
	console.log(`wrote ${m} programs at presets (those that differ from the default text)`);
}
