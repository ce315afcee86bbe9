import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { configDefaults, defineConfig } from 'vitest/config';

/** Test files that must import the engine afresh (they check what is missing without a
 *  registration another file makes). */
const FRESH = ['tests/unit/stateful-python/not-loaded.test.ts'];

/**
 * Writes which source modules each client chunk holds (`.vite/chunks.json`, beside Vite's
 * manifest, which names chunks but not their modules), so `npm run weight` can say what a page's
 * first load carries and fail when the engine reaches the main thread. Not copied to `build/`.
 */
function chunkModules(): Plugin {
	return {
		name: 'chunk-modules',
		apply: 'build',
		generateBundle(options, bundle) {
			if (this.environment?.name !== 'client' || !options.dir) return;
			const root = process.cwd() + '/';
			const chunks: Record<string, string[]> = {};
			for (const out of Object.values(bundle))
				if (out.type === 'chunk')
					chunks[out.fileName] = out.moduleIds.map((id) =>
						id.startsWith(root) ? id.slice(root.length) : id
					);
			mkdirSync(join(options.dir, '.vite'), { recursive: true });
			writeFileSync(join(options.dir, '.vite', 'chunks.json'), JSON.stringify(chunks));
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), chunkModules()],
	server: {
		fs: { allow: ['simulations', 'tests'] },
		// The oracle's virtualenv (PySpark, its jars, a Kafka broker: hundreds of thousands of
		// files) is not source: watching it kept `npm start` from answering for minutes.
		watch: { ignored: ['**/.oracle/**'] }
	},
	test: {
		environment: 'node',
		// Speed lives in `npm run bench`, not in tests: on a loaded 2-core machine a seeded property
		// test may take several seconds, which must not fail the suite.
		testTimeout: 60_000,
		projects: [
			{
				// One module graph per worker, not one per file: most of the suite's time was
				// re-importing the engine (the Python front end, the kinds) for each of ~190 files
				// (tests/unit/views: 33 s of CPU isolated, 12 s shared). Fake timers are restored in
				// afterEach, so files leave no global state behind, except the ones below.
				extends: true,
				test: {
					name: 'unit',
					include: [
						'tests/unit/**/*.test.ts',
						'tests/conformance/**/*.test.ts',
						'src/**/*.test.ts'
					],
					exclude: [...configDefaults.exclude, ...FRESH],
					isolate: false
				}
			},
			// What a page without some registration sees needs modules no other file registered into.
			{ extends: true, test: { name: 'fresh modules', include: FRESH } }
		]
	}
});
