// ESLint guards the boundaries the brief sets, so a review never has to:
// - simulations/ (the engine) is framework-free and deterministic: no Svelte, d3, DOM or SvelteKit
//   imports, and no wall clock or unseeded randomness (Math.random, Date.now, performance.now).
// - src/ reaches the engine only through its public entries (see ENGINE_ENTRIES below).
import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

const ENGINE_FORBIDDEN_IMPORTS = [
	{
		group: ['svelte', 'svelte/*'],
		message: 'simulations/ is framework-free: no Svelte in the engine.'
	},
	{ group: ['d3', 'd3-*'], message: 'd3 belongs to the views in src/, not the engine.' },
	{
		group: ['$app/*', '$lib', '$lib/*', '@sveltejs/*'],
		message: 'simulations/ must not depend on SvelteKit or the UI.'
	},
	{ group: ['**/src/**'], message: 'simulations/ must not import UI code.' }
];

const NONDETERMINISM = [
	{
		object: 'Math',
		property: 'random',
		message: 'The engine is deterministic: use the seeded RNG in simulations/core/rng.ts.'
	},
	{
		object: 'Date',
		property: 'now',
		message: 'The engine runs in virtual time: take time from the injected scheduler/clock.'
	},
	{
		object: 'performance',
		property: 'now',
		message: 'The engine runs in virtual time: take time from the injected scheduler/clock.'
	}
];

const DOM_GLOBALS = [
	'window',
	'document',
	'navigator',
	'localStorage',
	'sessionStorage',
	'location',
	'HTMLElement',
	'Element'
].map((name) => ({
	name,
	message: 'simulations/ has no DOM: it must run in a worker, in Node and in tests alike.'
}));

// src/ reaches the engine through its public entries only: `$sim` (the contract, registry and
// helpers) and a kind's own entry `$sim/kinds/<kind>` (loaded lazily), plus `$sim/server` from
// server code. Anything deeper is the engine's private structure.
const SRC_ENGINE_BOUNDARY = [
	{
		group: ['$sim/*', '!$sim/kinds', '!$sim/server', '$sim/kinds/*/*', '**/simulations/**'],
		message: 'src/ reaches the engine through `$sim` or a kind entry `$sim/kinds/<kind>` only.'
	}
];

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'tools/pyspark-stubs/',
			'static/',
			'tests/unit/views/__snapshots__/',
			'.oracle/',
			'test-results/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			// Underscore-prefixed parameters are deliberate (an interface's shape, an unused callback argument).
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }
			],
			// Plain Map/Set/URLSearchParams in .svelte.ts modules are deliberate non-reactive caches and
			// scratch values; what must be reactive is declared with $state explicitly.
			'svelte/prefer-svelte-reactivity': 'off'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: false,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		files: ['simulations/**/*.ts'],
		languageOptions: { globals: {} },
		rules: {
			'no-restricted-imports': ['error', { patterns: ENGINE_FORBIDDEN_IMPORTS }],
			'no-restricted-properties': ['error', ...NONDETERMINISM],
			'no-restricted-globals': ['error', ...DOM_GLOBALS]
		}
	},
	{
		files: ['src/**/*.ts', 'src/**/*.svelte'],
		rules: { 'no-restricted-imports': ['error', { patterns: SRC_ENGINE_BOUNDARY }] }
	},
	{
		// The shared shell must not pull a kind's engine into every page: type imports only there.
		files: ['src/lib/sim/**', 'src/lib/controls/**', 'src/routes/**'],
		ignores: ['src/lib/sim/engine.worker.ts', 'src/routes/**/+page.server.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						...SRC_ENGINE_BOUNDARY,
						{
							group: ['$sim/kinds/*'],
							allowTypeImports: true,
							message: 'The shell imports a kind lazily (src/lib/sim/kinds.ts), never eagerly.'
						}
					]
				}
			]
		}
	}
);
