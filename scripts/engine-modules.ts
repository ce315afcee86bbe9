/**
 * The engine's modules: what runs a program (the Python interpreter and its parser, the
 * Structured Streaming reader, analyzer and executor, the DStream engine, each kind's run.ts and
 * engine.ts). They load in the engine worker, never on a page's main thread: checked on the
 * source's import graph (tests/unit/boundary/main-thread.test.ts) and on the built chunks
 * (`npm run weight`). Paths are project-relative; a package is named from its own name on.
 */
export const ENGINE_MODULES: readonly RegExp[] = [
	/^simulations\/python\//,
	/^simulations\/dstream\//,
	// cost-policy.ts is a table of phase names with no imports: the timeline's lanes use it.
	/^simulations\/structured\/(?!runtime\/cost-policy\.ts$)/,
	/^simulations\/kinds\/[^/]+\/(run|engine)\.ts$/,
	/^simulations\/microbatch\/run\.ts$/,
	/^@lezer\//
];

/** A module id (absolute, project-relative, or under node_modules) as the patterns read it. */
export function modulePath(id: string, root: string): string {
	const pkg = id.lastIndexOf('node_modules/');
	if (pkg >= 0) return id.slice(pkg + 'node_modules/'.length);
	return id.startsWith(root + '/') ? id.slice(root.length + 1) : id;
}

export const isEngineModule = (path: string): boolean => ENGINE_MODULES.some((re) => re.test(path));
