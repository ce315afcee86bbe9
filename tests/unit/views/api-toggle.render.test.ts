/** ApiToggle server-rendered: a radio group whose checked option is the one tab stop. */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import ApiToggle from '$lib/sim/ApiToggle.svelte';

const options = [
	{ value: 'structured', label: 'Structured Streaming' },
	{ value: 'dstream', label: 'DStreams (legacy)' }
];

describe('ApiToggle (server-rendered)', () => {
	it('marks the current API checked and makes it the only tab stop', () => {
		const body = render(ApiToggle, {
			props: { value: 'dstream', options, onchange: () => {} }
		}).body;
		expect(body).toMatch(/role="radiogroup" aria-label="API"/);
		const radios = [...body.matchAll(/<button[^>]*role="radio"[^>]*>/g)].map((m) => m[0]);
		expect(radios).toHaveLength(2);
		expect(radios[0]).toMatch(/aria-checked="false"/);
		expect(radios[0]).toMatch(/tabindex="-1"/);
		expect(radios[1]).toMatch(/aria-checked="true"/);
		expect(radios[1]).toMatch(/tabindex="0"/);
		expect(body).toContain('DStreams (legacy)');
	});

	it('is disabled until the page is interactive', () => {
		const body = render(ApiToggle, {
			props: { value: 'structured', options, onchange: () => {}, ready: false }
		}).body;
		expect(body.match(/disabled/g)).toHaveLength(2);
	});
});
