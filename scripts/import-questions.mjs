// Maintainer tool, not part of the build or tests: imports the PySpark programs of
// docs/QUESTIONS.md (the repository's copy of the content specification, see docs/README.md) into
// <outDir>/<slug>.ts (default simulations/programs), one module per question.
// The modules have been edited since the import, so running it into simulations/programs
// overwrites those edits; give another outDir to compare:
//   node scripts/import-questions.mjs [path/to/QUESTIONS.md] [outDir]
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';

const src = process.argv[2] ?? 'docs/QUESTIONS.md';
const outDir = process.argv[3] ?? 'simulations/programs';
const text = readFileSync(src, 'utf8');
const lines = text.split('\n');
const out = new Map();
let slug = null;
let heading = null;
for (let i = 0; i < lines.length; i++) {
	const line = lines[i];
	const q = /^## ((basic|advanced)-\d\d-[a-z0-9-]+)\s*$/.exec(line);
	if (q) {
		slug = q[1];
		out.set(slug, []);
		continue;
	}
	if (/^## /.test(line) && !q) slug = slug && /^## Appendix/.test(line) ? null : slug;
	const h = /^### (PySpark.*)$/.exec(line);
	if (h) heading = h[1].replace(/^PySpark \(?/, '').replace(/\)$/, '');
	if (slug && line === '```python') {
		const body = [];
		for (i++; lines[i] !== '```'; i++) body.push(lines[i]);
		const label = heading ?? 'PySpark';
		const api = /first line `# dstream`/.test(label) || /^DStreams/.test(label) ? 'dstream' : 'structured';
		out.get(slug).push({ label, api, source: body.join('\n') + '\n' });
		heading = null;
	}
}
mkdirSync(outDir, { recursive: true });
const names = [];
for (const [s, programs] of out) {
	const ident = s.replace(/-(\w)/g, (_, c) => c.toUpperCase());
	names.push([s, ident]);
	const body = programs
		.map(
			(p, n) =>
				`\t{\n\t\tid: '${n === 0 ? 'main' : p.api === 'dstream' ? 'dstream' : 'alt' + n}',\n\t\tlabel: ${JSON.stringify(p.label)},\n\t\tapi: '${p.api}',\n\t\ttemplate: String.raw\`${p.source}\`\n\t}`
		)
		.join(',\n');
	writeFileSync(
		`${outDir}/${s}.ts`,
		`// Imported from QUESTIONS.md (${s}) by scripts/import-questions.mjs; edit here from now on.\nimport type { ProgramTemplate } from './template';\n\nexport const programs: readonly ProgramTemplate[] = [\n${body}\n];\n`
	);
}
writeFileSync(
	`${outDir}/index.ts`,
	`// The PySpark programs of every question, at default parameters, with \`# <- paramId\` markers.\nimport type { ProgramTemplate } from './template';\n${names.map(([s, id]) => `import { programs as ${id} } from './${s}';`).join('\n')}\n\nexport const PROGRAMS: Readonly<Record<string, readonly ProgramTemplate[]>> = {\n${names.map(([s, id]) => `\t'${s}': ${id}`).join(',\n')}\n};\n`
);
console.log(`${out.size} questions, ${[...out.values()].flat().length} programs`);
for (const [s, p] of out) console.log(s, p.map((x) => `${x.api}:${x.label}`).join(' | '));
