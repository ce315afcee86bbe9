import { describe, expect, it } from 'vitest';
import { controllerOf, traceOf } from './controllers';
import { Playback } from '../../../src/lib/sim/playback.svelte';
import { microBatchScenario } from '../../../simulations/kinds/micro-batch/questions';

const stops = [1000, 2500, 4000];
const timeline = { endMs: 5000, nextStop: (t: number) => stops.find((s) => s > t) };

describe('Playback', () => {
	it('stepBack() pauses and moves to the previous stop, then to 0', () => {
		const back = { ...timeline, previousStop: (t: number) => stops.findLast((s) => s < t) };
		const p = new Playback(() => back);
		p.seek(4000);
		p.playing = true;
		p.stepBack();
		expect([p.playing, p.now]).toEqual([false, 2500]);
		p.stepBack();
		p.stepBack();
		expect(p.now).toBe(0);
	});

	it('nudgeSpeed() walks the 0.25x–20x ladder and stops at its ends', () => {
		const p = new Playback(() => timeline);
		p.nudgeSpeed(1);
		expect(p.speed).toBe(2);
		for (let i = 0; i < 10; i++) p.nudgeSpeed(1);
		expect(p.speed).toBe(20);
		for (let i = 0; i < 10; i++) p.nudgeSpeed(-1);
		expect(p.speed).toBe(0.25);
	});

	it('step() pauses and moves to the next stop, one at a time', () => {
		const p = new Playback(() => timeline);
		p.playing = true;
		p.step();
		expect([p.playing, p.now]).toEqual([false, 1000]);
		p.step();
		expect(p.now).toBe(2500);
	});

	it('seek() stays inside the run; restart() goes back to 0', () => {
		const p = new Playback(() => timeline);
		p.seek(99_999);
		expect(p.now).toBe(5000);
		expect(p.atEnd).toBe(true);
		p.restart();
		expect(p.now).toBe(0);
	});

	it('toEnd() pauses on the end of the run', () => {
		const p = new Playback(() => timeline);
		p.toggle();
		p.toEnd();
		expect([p.playing, p.now, p.atEnd]).toEqual([false, 5000, true]);
	});

	it('steps clicked while a run is being made move over that run once it lands, in order', () => {
		// The page's settle hook is BoundProgram.afterRun: a preset's run in the engine worker
		// resets the cursor when it lands, so a step taken on the old run would be lost.
		let current: typeof timeline = { endMs: 800, nextStop: (t) => (t < 800 ? 800 : undefined) };
		const waiting: (() => void)[] = [];
		const p = new Playback(
			() => current,
			(then) => waiting.push(then)
		);
		p.playing = true;
		p.step();
		p.step();
		p.toEnd();
		expect([p.playing, p.now]).toEqual([false, 0]);
		current = timeline;
		for (const then of waiting.splice(0)) then();
		expect(p.now).toBe(5000);
		p.seek(0);
		p.step();
		p.step();
		waiting.splice(0).forEach((then) => then());
		expect(p.now).toBe(2500);
	});

	it('toggle() at the end plays again from the start', () => {
		const p = new Playback(() => timeline);
		p.seek(5000);
		p.toggle();
		expect([p.playing, p.now]).toEqual([true, 0]);
	});
});

describe('SimController on a micro-batch page (basic-11)', () => {
	const scenario = microBatchScenario('basic-11-micro-batches')!;

	it('opens paused a few batches in, so the first frame has batches on it', () => {
		const c = controllerOf(scenario);
		expect(c.playback.playing).toBe(false);
		expect(c.stopCount).toBe(4);
	});

	it('a parameter change goes through clampParams and keeps the cursor time (clamped)', () => {
		const c = controllerOf(scenario);
		c.playback.seek(10_000);
		c.set('eventRate', '99999');
		expect(c.params['eventRate']).toBe(10_000);
		expect(c.notices).toHaveLength(1);
		expect(c.playback.now).toBe(10_000);
		c.set('triggerKind', 'once'); // the run now ends a few seconds after its one batch
		expect(c.playback.now).toBe(traceOf(c).endMs);
	});

	it('stepping counts batches one by one from a restart', () => {
		const c = controllerOf(scenario);
		c.playback.restart();
		expect(c.stopCount).toBe(0);
		c.playback.step();
		c.playback.step();
		expect(c.stopCount).toBe(2);
	});

	it('applyQuery reads a preset, a seed and a paused cursor time', () => {
		const c = controllerOf(scenario);
		c.applyQuery(new URLSearchParams('preset=overrun&seed=9&t=12.5&paused'));
		expect(c.preset).toBe('overrun');
		expect(c.params['perRowCost']).toBe(900);
		expect(c.seed).toBe(9);
		expect(c.playback.now).toBe(12_500);
		expect(c.playback.playing).toBe(false);
	});

	it('new seed gives a different run with the same parameters', () => {
		const c = controllerOf(scenario);
		const before = traceOf(c).queryStartMs;
		c.newSeed();
		expect(traceOf(c).queryStartMs).not.toBe(before);
	});

	it('program follows the parameters', () => {
		const c = controllerOf(scenario);
		c.set('triggerInterval', 5);
		expect(c.program.code).toContain('processingTime="5 seconds"');
	});
});
