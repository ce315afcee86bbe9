/**
 * The static import graph of the project's own source (what a bundler puts in the same load as a
 * module): `import … from`, `export … from` and bare `import '…'`, without type-only imports
 * (erased) and without `import()` (a chunk loaded later). Resolves relative paths and the
 * `$sim`/`$lib`/`$content` aliases; packages are leaves named by their specifier.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');
const ALIASES: Readonly<Record<string, string>> = {
	$sim: 'simulations',
	$lib: 'src/lib',
	$content: 'src/content'
};

function resolveFile(base: string): string | null {
	const tries = [base, `${base}.ts`, `${base}.svelte.ts`, `${base}.js`, join(base, 'index.ts')];
	for (const t of tries) if (existsSync(t) && statSync(t).isFile()) return t;
	return null;
}

/** The project file a specifier names from `from`, or null for a package or a virtual module. */
export function resolveSpecifier(spec: string, from: string): string | null {
	const clean = spec.replace(/\?.*$/, '');
	if (clean.startsWith('.')) return resolveFile(resolve(dirname(from), clean));
	const [head, ...rest] = clean.split('/');
	const alias = ALIASES[head!];
	return alias ? resolveFile(join(ROOT, alias, ...rest)) : null;
}

/** A module's source: a Svelte component's scripts only. */
function sourceOf(file: string): string {
	const text = readFileSync(file, 'utf8');
	if (!file.endsWith('.svelte')) return text;
	return [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
}

const STATIC =
	/(?:^|[;\n}])\s*(import|export)\s+(type\s+)?([\s\S]*?)\s*from\s*['"]([^'"]+)['"]|(?:^|[;\n])\s*import\s+['"]([^'"]+)['"]/g;

/** What a module imports statically, as project files (or package names). */
export function staticImports(file: string): string[] {
	const out: string[] = [];
	for (const m of sourceOf(file).matchAll(STATIC)) {
		const bare = m[5];
		if (bare) {
			out.push(resolveSpecifier(bare, file) ?? bare);
			continue;
		}
		if (m[2]) continue; // `import type` / `export type`: erased
		const clause = m[3]!;
		// `import { type A, type B } from`: every name a type, erased by the bundler.
		const braces = /^\{([\s\S]*)\}$/.exec(clause.trim());
		if (braces) {
			const names = braces[1]!
				.split(',')
				.map((s) => s.trim())
				.filter(Boolean);
			if (names.length > 0 && names.every((n) => n.startsWith('type '))) continue;
		}
		const spec = m[4]!;
		out.push(resolveSpecifier(spec, file) ?? spec);
	}
	return out;
}

/** Every module `entry` loads with it, each with the chain of imports that brought it. */
export function staticClosure(entry: string): Map<string, readonly string[]> {
	const start = resolve(ROOT, entry);
	const seen = new Map<string, readonly string[]>([[start, [start]]]);
	const queue = [start];
	while (queue.length > 0) {
		const file = queue.shift()!;
		if (!file.startsWith('/')) continue;
		for (const dep of staticImports(file)) {
			if (seen.has(dep)) continue;
			seen.set(dep, [...seen.get(file)!, dep]);
			queue.push(dep);
		}
	}
	return seen;
}

export const projectPath = (file: string): string =>
	file.startsWith('/') ? relative(ROOT, file) : file;
