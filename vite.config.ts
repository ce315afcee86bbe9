import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { fs: { allow: ['simulations', 'tests'] } },
	test: {
		include: ['tests/unit/**/*.test.ts', 'tests/conformance/**/*.test.ts', 'src/**/*.test.ts'],
		environment: 'node',
		// Speed lives in `npm run bench`, not in tests: on a loaded 2-core machine a seeded property
		// test may take several seconds, which must not fail the suite.
		testTimeout: 60_000
	}
});
