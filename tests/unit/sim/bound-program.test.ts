import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BoundProgram, type BindingSpec } from '../../../src/lib/sim/bound-program.svelte';
import { replaceFirstLiteral } from '../../../simulations/core/template';

const TEMPLATE = [
	'df = events.withWatermark("t", "5 seconds")  # <- delay',
	'w = df.groupBy(F.window("t", "10 seconds",',
	'    "5 seconds",  # <- slide',
	'))'
].join('\n');

// A stand-in engine: "runs" a program by reading its watermark delay; a program without one is
// an error at line 1, like the reader's located errors.
function spec(): BindingSpec<number> {
	return {
		initialCode: TEMPLATE,
		template: TEMPLATE,
		initialParams: { delay: 5, slide: 5, windowType: 'sliding' },
		seed: 1,
		structural: ['windowType'],
		run: (code) => {
			const m = /"(\d+) seconds"\)/.exec(code);
			return m
				? { ok: true, value: Number(m[1]) }
				: {
						ok: false,
						error: {
							line: 1,
							column: 6,
							message: 'no watermark',
							supported: 'withWatermark(col, "N seconds")'
						}
					};
		},
		rewrites: (p) => ({
			delay: (line) => line.replace(/"\d+ seconds"/, `"${p.delay} seconds"`),
			slide: (line) =>
				p.windowType === 'tumbling' ? null : replaceFirstLiteral(line, `"${p.slide} seconds"`)
		})
	};
}

describe('BoundProgram', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('runs the initial program', () => {
		const b = new BoundProgram(spec());
		expect(b.run).toBe(5);
		expect(b.diagnostics).toEqual([]);
	});

	it('an edit re-runs after a pause; a broken edit shows no run and marks the line', () => {
		const b = new BoundProgram(spec());
		b.edit(TEMPLATE.replace('"5 seconds")', '"7 seconds")'));
		expect(b.run).toBe(5); // debounced
		vi.advanceTimersByTime(400);
		expect(b.run).toBe(7);
		b.edit('df = events');
		vi.advanceTimersByTime(400);
		expect(b.run).toBeNull();
		expect(b.diagnostics[0]).toMatchObject({ line: 1, column: 6 });
		expect(b.diagnostics[0]?.message).toContain('no watermark');
	});

	it('a parameter rewrites only its span and keeps the user’s other edits', () => {
		const b = new BoundProgram(spec());
		b.edit(TEMPLATE.replace('w = df', 'windowed = df'));
		vi.advanceTimersByTime(400);
		b.setParams({ ...b.params, slide: 2 });
		expect(b.code).toContain('windowed = df');
		expect(b.code).toContain('"2 seconds",  # <- slide');
		expect(b.code).toContain('"5 seconds")  # <- delay');
	});

	it('a structural parameter rewrites the marked spans in place and keeps unmarked edits', () => {
		const b = new BoundProgram(spec());
		b.edit(TEMPLATE.replace('w = df', 'windowed = df'));
		vi.advanceTimersByTime(400);
		b.setParams({ ...b.params, windowType: 'tumbling' });
		expect(b.code).toContain('windowed = df');
		expect(b.code).not.toContain('# <- slide');
	});

	it('a structural parameter re-renders from the template when a line it needs was removed', () => {
		const b = new BoundProgram(spec());
		b.setParams({ ...b.params, windowType: 'tumbling' });
		expect(b.code).not.toContain('# <- slide');
		b.setParams({ ...b.params, windowType: 'sliding' });
		expect(b.code).toContain('"5 seconds",  # <- slide');
	});
});
