/**
 * npm run export:pyspark -- DIR
 * Writes every question's PySpark program at its default parameters: the page's main program to
 * DIR/<slug>.py and each alternate (the DStream version, ...) to DIR/<slug>.<id>.py.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROGRAMS } from '../simulations/questions/programs';
import { defaultProgram } from '../simulations/questions/defaults';

const dir = process.argv[2];
if (!dir) {
	console.error('usage: npm run export:pyspark -- DIR');
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
