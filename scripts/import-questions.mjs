// Maintainer tool, not part of the build or tests: imports the PySpark programs of
// docs/QUESTIONS.md (the repository's copy of the content specification, see docs/README.md) into
// simulations/questions/<slug>/program.ts, one module per question, so the repository stands on its own.
// Run it again only when QUESTIONS.md changes: node scripts/import-questions.mjs [path]
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';

const src = process.argv[2] ?? 'docs/QUESTIONS.md';
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
		const api =
			/first line `# dstream`/.test(label) || /^DStreams/.test(label) ? 'dstream' : 'structured';
		out.get(slug).push({ label, api, source: body.join('\n') + '\n' });
		heading = null;
	}
}
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
	mkdirSync(`simulations/questions/${s}`, { recursive: true });
	writeFileSync(
		`simulations/questions/${s}/program.ts`,
		`// Imported from QUESTIONS.md (${s}) by scripts/import-questions.mjs; edit here from now on.\nimport type { ProgramTemplate } from '../../core/template';\n\nexport const programs: readonly ProgramTemplate[] = [\n${body}\n];\n`
	);
}
writeFileSync(
	'simulations/questions/programs.ts',
	`// The PySpark programs of every question, at default parameters, with \`# <- paramId\` markers.\nimport type { ProgramTemplate } from '../core/template';\n${names.map(([s, id]) => `import { programs as ${id} } from './${s}/program';`).join('\n')}\n\nexport const PROGRAMS: Readonly<Record<string, readonly ProgramTemplate[]>> = {\n${names.map(([s, id]) => `\t'${s}': ${id}`).join(',\n')}\n};\n`
);
console.log(`${out.size} questions, ${[...out.values()].flat().length} programs`);
for (const [s, p] of out) console.log(s, p.map((x) => `${x.api}:${x.label}`).join(' | '));
