/**
 * The engine stays off a question page's main thread: what the page loads before and while it
 * hydrates (the route, the panel shell, the question's folder as the registry loads it, its
 * kinds' views) must not import the reader, the analyzer, the executor, the Python interpreter
 * or a kind's run.ts / engine.ts, statically. Those run in the engine worker (a `SimulationKind`
 * reaches them only through `engine()`, a dynamic import). A static import of any of them puts
 * the ~100 KB engine chunk back in every simulation page's first load (`npm run weight`, which
 * checks the built chunks the same way).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SIMULATIONS } from '../../../simulations/registry';
import { isEngineModule } from '../../../scripts/engine-modules';
import { projectPath, staticClosure } from './import-graph';

const isEngine = (file: string) => isEngineModule(projectPath(file));

/** The first engine module `entry` loads statically, with the imports that bring it. */
function engineReached(entry: string): string | null {
	for (const [file, chain] of staticClosure(entry))
		if (isEngine(file)) return chain.map(projectPath).join('\n  → ');
	return null;
}

const ROUTE = ['src/routes/questions/[slug]/+page.svelte', 'src/routes/questions/[slug]/+page.ts'];
const SHELL = ['src/lib/sim/shell.ts', 'src/routes/+layout.svelte'];

describe('the import graph walker', () => {
	it('finds the engine where it is (so the checks below can fail)', () => {
		const loads = (entry: string) => [...staticClosure(entry).keys()].map(projectPath);
		expect(loads('simulations/kinds/event-time/engine.ts')).toContain(
			'simulations/structured/reader/index.ts'
		);
		expect(loads('simulations/kinds/micro-batch/engine.ts')).toContain('@lezer/python');
		expect(engineReached('simulations/kinds/event-time/kind.ts')).toBeNull();
	});

	it('reads the registry loaders the page uses', () => {
		const registry = readFileSync('simulations/registry.ts', 'utf8');
		for (const slug of Object.keys(SIMULATIONS))
			expect(registry).toContain(`import('./questions/${slug}/index')`);
	});
});

describe('a question page’s main thread loads no engine', () => {
	it.each([...ROUTE, ...SHELL])('%s', (entry) => {
		expect(engineReached(entry)).toBeNull();
	});

	it.each(Object.entries(SIMULATIONS))('%s: its folder and its kinds’ views', (slug, entry) => {
		const kinds = [...entry.kinds, ...(entry.later ?? [])];
		for (const file of [
			`simulations/questions/${slug}/index.ts`,
			...kinds.map((k) => `src/lib/kinds/${k}/index.ts`)
		])
			expect(engineReached(file), `${file} imports the engine`).toBeNull();
	});
});
