// Reset returns a page to how it opens (issue 11): the default program, parameters, seed and
// input, Compare closed, the opening preset marked, the cursor on the opening stop, and a bare
// address (the share query of the opening state carries no key of ours).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SIMULATIONS } from '../../../simulations/registry';
import { withEngine } from '../../../simulations/kinds/with-engines';
import { SimController } from '../../../src/lib/sim/controller.svelte';
import type { QuestionSimulation } from '../../../simulations/kinds/kind';

const sims: [string, QuestionSimulation][] = [];
for (const [slug, entry] of Object.entries(SIMULATIONS)) {
	for (const sim of (await entry.load()).question.simulations)
		sims.push([slug, await withEngine(sim)]);
}

describe('Reset', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	for (const [slug, sim] of sims) {
		it(`${slug}: everything back to the opening state, and a bare address`, () => {
			const fresh = new SimController(sim);
			const opening = {
				code: fresh.program.code,
				params: fresh.params,
				seed: fresh.seed,
				preset: fresh.preset,
				now: fresh.playback.now,
				companion: fresh.companion?.code ?? null
			};
			expect(fresh.atDefaults).toBe(true);
			expect([...fresh.shareQuery(fresh.playback.now).query.keys()]).toEqual([]);

			const c = new SimController(sim);
			c.pick(sim.question.presets.at(-1)!);
			c.newSeed();
			c.program.edit(`${c.program.code}\n# typed\n`);
			vi.runAllTimers();
			c.inputEdits?.add(500);
			if (c.kind.features.compare) c.comparing = true;
			c.playback.seek(0);
			expect(c.atDefaults).toBe(false);
			expect([...c.shareQuery(c.playback.now).query.keys()]).toContain('seed');

			c.reset();
			expect({
				code: c.program.code,
				params: c.params,
				seed: c.seed,
				preset: c.preset,
				now: c.playback.now,
				companion: c.companion?.code ?? null
			}).toEqual(opening);
			expect(c.inputEdits?.edits ?? []).toEqual([]);
			expect(c.comparing).toBe(false);
			expect(c.playback.playing).toBe(false);
			expect(c.atDefaults).toBe(true);
			expect(JSON.stringify(c.run)).toBe(JSON.stringify(fresh.run));
			expect([...c.shareQuery(c.playback.now).query.keys()]).toEqual([]);
			// Keys another control owns stay; the address's old keys of ours go.
			const keep = new URLSearchParams('api=dstream&preset=x&seed=7&t=3');
			expect([...c.shareQuery(c.playback.now, keep).query.keys()]).toEqual(['api']);
		});
	}
});
