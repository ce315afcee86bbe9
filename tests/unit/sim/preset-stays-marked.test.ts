// A preset's story stays on screen after its run: the controls read back from the program the
// preset wrote (syncParams, run by the page after every run) must equal the preset's own
// parameters, or the page unmarks the preset and hides its story. A read-back that normalises a
// value differently from the question's gate (a rate the program caps, a simulation-only value
// the program does not hold) unmarks every preset that sets it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { livePages, replaying } from './live-pages';
import { SimController } from '../../../src/lib/sim/controller.svelte';

const pages = await livePages();

describe('a picked preset stays marked once its run lands', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());
	for (const { name, sim } of pages) {
		it(name, { timeout: 300_000 }, () => {
			const unmarked: string[] = [];
			// Each preset starts from a new page, whose default run is the same every time.
			const opened = replaying(sim);
			for (const preset of sim.question.presets) {
				opened.on = true;
				const c = new SimController(opened.sim);
				opened.on = false;
				c.pick(preset);
				const before = { ...c.program.params };
				c.syncParams();
				if (c.preset !== preset.id) {
					const moved = Object.keys(before).filter((k) => before[k] !== c.program.params[k]);
					unmarked.push(
						`${preset.id}: ${moved.map((k) => `${k} ${String(before[k])} -> ${String(c.program.params[k])}`).join(', ')}`
					);
				}
			}
			expect(unmarked).toEqual([]);
		});
	}
});
