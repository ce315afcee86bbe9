// node scripts/check-snippets.mjs: type-checks every ```python block of the
// answers (src/content/questions/<slug>/index.md) against the PySpark 4.x stubs
// (tools/pyspark-stubs/check.sh, pyright), as scripts/check-pyspark.mjs does for the programs.
// A block right after a line `<!-- snippet-check: skip, <reason> -->` (an HTML comment: invisible on
// the site) is skipped and listed with its reason: for a block that uses a module the stubs do not
// cover (pyspark.ml, a third-party library) or deliberately shows code PySpark rejects.
// Prints the checker's errors with the answer's file and line, then "N passed, M failed, K skipped".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DIR = 'src/content/questions';
const dir = mkdtempSync(join(tmpdir(), 'answer-snippets-'));
// file name in the temp dir -> { md: path of the answer, line: first line of the block's code }
const origin = new Map();
const skipped = [];
try {
	for (const slug of readdirSync(DIR).sort()) {
		const md = `${DIR}/${slug}/index.md`;
		const lines = readFileSync(md, 'utf8').split('\n');
		let n = 0;
		for (let i = 0; i < lines.length; i++) {
			if (lines[i].trim() !== '```python') continue;
			const start = i + 1;
			const body = [];
			for (i++; i < lines.length && lines[i].trim() !== '```'; i++) body.push(lines[i]);
			n++;
			const skip = /^<!--\s*snippet-check:\s*skip,\s*(.+?)\s*-->$/.exec(
				lines[start - 2]?.trim() ?? ''
			);
			if (skip) {
				skipped.push(`${md}:${start + 1}: ${skip[1]}`);
				continue;
			}
			const name = `${slug.replace(/-/g, '_')}_${String(n).padStart(2, '0')}.py`;
			writeFileSync(join(dir, name), body.join('\n') + '\n');
			origin.set(name, { md, line: start + 1 });
		}
	}
	const r = spawnSync('bash', ['tools/pyspark-stubs/check.sh', dir], { encoding: 'utf8' });
	if (r.status === 2 || r.status === null) {
		process.stderr.write(r.stdout + r.stderr);
		process.exitCode = 2;
	} else {
		// Map "<tmp>/<name>.py:<line>:<col>: ..." back to the answer's file and line.
		for (const line of r.stdout.trim().split('\n')) {
			const m = /^(.*\/)?([\w.]+\.py):(\d+):(\d+): (.*)$/.exec(line);
			const o = m && origin.get(m[2]);
			if (o && m) console.log(`${o.md}:${o.line + Number(m[3]) - 1}:${m[4]}: ${m[5]}`);
			else if (!/^\d+ passed, \d+ failed$/.test(line)) console.log(line);
		}
		const totals = /(\d+) passed, (\d+) failed\s*$/.exec(r.stdout);
		for (const s of skipped) console.log(`skipped ${s}`);
		console.log(
			`${totals?.[1] ?? '?'} passed, ${totals?.[2] ?? '?'} failed, ${skipped.length} skipped`
		);
		process.exitCode = r.status ?? 1;
	}
} finally {
	rmSync(dir, { recursive: true, force: true });
}
