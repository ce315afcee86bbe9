import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ pages: 'build', assets: 'build', fallback: undefined, strict: true }),
		alias: {
			$sim: 'simulations',
			'$sim/*': 'simulations/*',
			$content: 'src/content',
			'$content/*': 'src/content/*'
		},
		prerender: { handleHttpError: 'fail', handleMissingId: 'fail' },
		// Registered by hand in production only (src/lib/layout/service-worker.ts): never in dev.
		serviceWorker: { register: false }
	}
};

export default config;
