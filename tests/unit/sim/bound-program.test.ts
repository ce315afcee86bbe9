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
function spec(): BindingSpec<number> & Required<Pick<BindingSpec<number>, 'run'>> {
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
		expect(b.pending).toBe(true); // the page is not settled while the edit waits
		vi.advanceTimersByTime(400);
		expect(b.run).toBe(7);
		expect(b.pending).toBe(false);
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

// With an engine worker every run goes there; a stand-in worker answers when the test says.
describe('BoundProgram with an engine worker', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());
	type Answer = Awaited<ReturnType<NonNullable<BindingSpec<number>['runRemote']>>>;
	function remoteSpec() {
		const jobs: { code: string; answer: (r: Answer) => void }[] = [];
		const local = spec();
		let localRuns = 0;
		const s: BindingSpec<number> = {
			...local,
			run: (...args) => {
				localRuns++;
				return local.run(...args);
			},
			runRemote: (code) =>
				new Promise<Answer>((answer) => {
					// A newer job supersedes the one in flight, as EngineClient does.
					jobs.at(-1)?.answer('superseded');
					jobs.push({ code, answer });
				})
		};
		return { s, jobs, localRuns: () => localRuns, runHere: local.run };
	}
	const land = async (job: { code: string; answer: (r: Answer) => void }, run: typeof spec) => {
		job.answer(run().run(job.code, {}, 1, null));
		await Promise.resolve();
		await Promise.resolve();
	};

	it('the first run, a control and a preset all run in the worker, never here', async () => {
		const { s, jobs, localRuns } = remoteSpec();
		const b = new BoundProgram(s);
		expect(b.run).toBeNull();
		expect(b.running).toBe(true);
		await land(jobs[0]!, spec);
		expect(b.run).toBe(5);
		expect(b.running).toBe(false);
		b.setParams({ ...b.params, delay: 9 });
		b.applyPreset({ ...b.params, delay: 11 }, 'typed');
		expect(b.run).toBe(5); // the last good run stays meanwhile
		await land(jobs.at(-1)!, spec);
		expect(b.run).toBe(11);
		expect(localRuns()).toBe(0);
	});

	it('afterRun waits for the latest run: a superseded one does not release it', async () => {
		const { s, jobs } = remoteSpec();
		const b = new BoundProgram(s);
		const seen: (number | null)[] = [];
		b.afterRun(() => seen.push(b.run));
		b.setParams({ ...b.params, delay: 8 });
		await Promise.resolve();
		expect(seen).toEqual([]);
		await land(jobs[1]!, spec);
		expect(seen).toEqual([8]);
		b.afterRun(() => seen.push(-1));
		expect(seen).toEqual([8, -1]); // nothing in flight: at once
	});

	it('a worker that cannot run the job (null) hands it to the main thread', async () => {
		const { s, jobs, localRuns } = remoteSpec();
		const b = new BoundProgram(s);
		jobs[0]!.answer(null);
		await Promise.resolve();
		await Promise.resolve();
		expect(b.run).toBe(5);
		expect(localRuns()).toBe(1);
	});

	it("a refused run shows the worker's located error and no run (no stale query plays)", async () => {
		const { s, jobs } = remoteSpec();
		const b = new BoundProgram(s);
		await land(jobs[0]!, spec);
		b.edit('df = events');
		vi.advanceTimersByTime(400);
		await land(jobs[1]!, spec);
		expect(b.run).toBeNull();
		expect(b.diagnostics[0]).toMatchObject({ line: 1, column: 6 });
	});
});
