import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { fs: { allow: ['simulations', 'tests'] } },
	test: {
		include: ['tests/unit/**/*.test.ts', 'tests/conformance/**/*.test.ts', 'src/**/*.test.ts'],
		environment: 'node'
	}
});
