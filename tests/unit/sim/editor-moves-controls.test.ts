// An edit in the editor moves the parameter controls, on every live page (issue 11): for each
// parameter the program says (simulation-only ones are not in the text), and each value its
// control offers (every choice; a number's min, max and default), typing the program that
// control would write moves the control to that value, whatever the kind. A program Spark
// refuses still moves them: the controls show what the program on screen says.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultParams, type ParamValue } from '../../../simulations/core/params';
import { livePages, replaying } from './live-pages';
import { SimController } from '../../../src/lib/sim/controller.svelte';

const pages = await livePages();

describe('an edit in the editor moves the controls, on every page', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	for (const { name, sim } of pages) {
		it(name, () => {
			const q = sim.question;
			// Each value starts from a new page, whose default run is the same every time.
			const opened = replaying(sim);
			const defaults = q.constrain(defaultParams(q.schema)).params;
			let checked = 0;
			const missed: string[] = [];
			for (const p of q.schema) {
				if (p.simulationOnly) continue;
				const values: ParamValue[] =
					p.kind === 'choice' ? p.options.map((o) => o.value) : [p.min, p.max, p.default];
				for (const v of values) {
					const want = q.constrain({ ...defaults, [p.id]: v }).params;
					if (want[p.id] !== v || v === defaults[p.id]) continue;
					const code = q.program(want);
					// The program says this value only when it differs from the default's program.
					if (code === q.program(defaults)) continue;
					opened.on = true;
					const c = new SimController(opened.sim);
					opened.on = false;
					c.program.edit(code);
					vi.runAllTimers();
					c.syncParams();
					checked++;
					if (c.params[p.id] !== v) missed.push(`${p.id}=${String(v)} → ${String(c.params[p.id])}`);
				}
			}
			expect(missed).toEqual([]);
			expect(checked).toBeGreaterThan(0);
		});
	}
});

describe('a program Spark refuses still moves the controls', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('basic-03: deleting ssc.checkpoint(...) sets "checkpoint directory set" to off, with no run', () => {
		const sim = pages.find((p) => p.name === 'basic-03-dstreams')!.sim;
		const c = new SimController(sim);
		expect(c.params.checkpointEnabled).toBe('on');
		c.program.edit(
			c.program.code
				.split('\n')
				.filter((l) => !l.startsWith('ssc.checkpoint('))
				.join('\n')
		);
		vi.runAllTimers();
		c.syncParams();
		expect(c.program.error?.message).toMatch(/checkpoint directory has not been set/);
		expect(c.run).toBeNull();
		expect(c.params.checkpointEnabled).toBe('off');
	});

	it('advanced-07: an edited watermark delay moves its control while the query runs', () => {
		const sim = pages.find((p) => p.name === 'advanced-07-event-time-and-state')!.sim;
		const c = new SimController(sim);
		c.program.edit(c.program.code.replace('"10 seconds")', '"20 seconds")'));
		vi.runAllTimers();
		c.syncParams();
		expect(c.params.watermarkDelay).toBe(20);
	});
});
