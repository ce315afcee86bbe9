/**
 * First-load JavaScript per page of the built site, gzipped, before Monaco (which loads after
 * first paint): the modules the page's HTML preloads, plus what its route's load function
 * imports before the page hydrates (the panel shell, the question's folder and its kinds' views:
 * the registry's loaders), each with everything it imports statically. Read from Vite's
 * manifest, so it counts exactly the files a browser fetches. Budget: 200 KB per question page.
 * The engine (reader, analyzer, executor, interpreter: engine-modules.ts) runs in the engine
 * worker: a page whose first load carries any of its modules fails too, naming them (which
 * modules each chunk holds comes from `.vite/chunks.json`, written by vite.config.ts).
 * Usage: npm run build && npm run weight   (exits 1 over budget or with the engine on a page)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SIMULATIONS } from '../simulations/registry';
import { isEngineModule, modulePath } from './engine-modules';

const BUILD = 'build';
const MANIFEST = '.svelte-kit/output/client/.vite/manifest.json';
const CHUNKS = '.svelte-kit/output/client/.vite/chunks.json';
const BUDGET_KB = 200;

interface Chunk {
	readonly file: string;
	readonly imports?: readonly string[];
}

if (!existsSync(MANIFEST) || !existsSync(CHUNKS) || !existsSync(join(BUILD, 'index.html'))) {
	console.error('weight: no build; run `npm run build` first');
	process.exit(2);
}
const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, Chunk>;
const byFile = new Map(Object.values(manifest).map((c) => [c.file, c]));
const chunkModules = JSON.parse(readFileSync(CHUNKS, 'utf8')) as Record<string, string[]>;
const root = process.cwd();
/** The engine's modules a set of chunks carries. */
const engineIn = (files: Iterable<string>): string[] =>
	[...files].flatMap((f) =>
		(chunkModules[f] ?? []).map((id) => modulePath(id, root)).filter(isEngineModule)
	);

/** A chunk and everything it imports statically (what loads before it runs). */
function closure(key: string, into: Set<string>): void {
	const chunk = manifest[key];
	if (!chunk || into.has(chunk.file)) return;
	into.add(chunk.file);
	for (const k of chunk.imports ?? []) closure(k, into);
}

function preloaded(html: string): Set<string> {
	const files = new Set<string>();
	for (const m of html.matchAll(/href="(?:\.\.\/)*\.?\/?(_app\/immutable\/[^"]+\.js)"/g)) {
		const file = m[1]!;
		files.add(file);
		const chunk = byFile.get(file);
		if (chunk) for (const k of chunk.imports ?? []) closure(k, files);
	}
	return files;
}

const gz = new Map<string, number>();
const gzipped = (file: string): number => {
	let n = gz.get(file);
	if (n === undefined) {
		n = gzipSync(readFileSync(join(BUILD, file)), { level: 9 }).length;
		gz.set(file, n);
	}
	return n;
};

/** The page's first-load JavaScript: preloaded modules, then the route's lazy loads. */
function firstLoad(html: string, slug: string | null): Set<string> {
	const files = preloaded(html);
	const entry = slug ? SIMULATIONS[slug] : undefined;
	if (entry) {
		// +page.ts loads the panel shell with the question's folder, before the page hydrates.
		closure('src/lib/sim/shell.ts', files);
		closure(`simulations/questions/${slug}/index.ts`, files);
		for (const kind of entry.kinds) closure(`src/lib/kinds/${kind}/index.ts`, files);
	}
	return files;
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const slugs = readdirSync(join(BUILD, 'questions'))
	.filter((f) => f.endsWith('.html'))
	.map((f) => f.slice(0, -'.html'.length))
	.sort();
const rows: { page: string; kinds: string; bytes: number; files: number; engine: string[] }[] = [];
const home = firstLoad(readFileSync(join(BUILD, 'index.html'), 'utf8'), null);
rows.push({
	page: '/',
	kinds: '',
	bytes: [...home].reduce((n, f) => n + gzipped(f), 0),
	files: home.size,
	engine: engineIn(home)
});
for (const slug of slugs) {
	const files = firstLoad(readFileSync(join(BUILD, 'questions', `${slug}.html`), 'utf8'), slug);
	rows.push({
		page: `/questions/${slug}`,
		kinds: SIMULATIONS[slug]?.kinds.join('+') ?? '',
		bytes: [...files].reduce((n, f) => n + gzipped(f), 0),
		files: files.size,
		engine: engineIn(files)
	});
}
const width = Math.max(...rows.map((r) => r.page.length));
console.log(
	'basic-02 loads its DStream side (kind `dstream`) after first paint, behind its API switch.'
);
console.log(
	`${'page'.padEnd(width)}  ${'kind'.padEnd(22)} first-load JS (KB gzip, before Monaco)  files`
);
for (const r of rows)
	console.log(
		`${r.page.padEnd(width)}  ${r.kinds.padEnd(22)} ${kb(r.bytes).padStart(8)}  ${String(r.files).padStart(4)}`
	);
const questions = rows.filter((r) => r.page.startsWith('/questions/'));
const max = Math.max(...questions.map((r) => r.bytes));
const over = questions.filter((r) => r.bytes > BUDGET_KB * 1024);
const engined = rows.filter((r) => r.engine.length > 0);
for (const r of engined)
	console.error(
		`weight: ${r.page} loads the engine on its main thread: ${r.engine.slice(0, 5).join(', ')}${r.engine.length > 5 ? ` and ${r.engine.length - 5} more` : ''}`
	);
console.log(
	`weight: largest question page ${kb(max)} KB; budget ${BUDGET_KB} KB; ${over.length} over; ${engined.length} with the engine on the main thread`
);
if (over.length > 0 || engined.length > 0) process.exit(1);
