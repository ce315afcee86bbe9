import { describe, expect, it } from 'vitest';
import { createRng } from '../../../simulations/core/rng';
import { generateEvents, type GeneratorOptions } from '../../../simulations/generators/events';

const BASE: GeneratorOptions = {
	ratePerSec: 10,
	durationMs: 60_000,
	numKeys: 3,
	maxDisorderMs: 2000,
	lateProb: 0.2,
	lateByMs: 15_000
};

describe('generateEvents', () => {
	it('makes rate × duration events with arrivals in order', () => {
		const ev = generateEvents(BASE, createRng(7));
		expect(ev).toHaveLength(600);
		for (let i = 1; i < ev.length; i++)
			expect(ev[i]!.arrival).toBeGreaterThanOrEqual(ev[i - 1]!.arrival);
	});

	it('event time = arrival − disorder − lateness: never after arrival, late ones by ≥ 1 s', () => {
		for (const e of generateEvents(BASE, createRng(3))) {
			const behind = e.arrival - e.eventTime;
			expect(behind).toBeGreaterThanOrEqual(0);
			if (e.delayed) {
				expect(behind).toBeGreaterThanOrEqual(999);
				expect(behind).toBeLessThanOrEqual(17_001);
			} else expect(behind).toBeLessThanOrEqual(2001);
		}
	});

	it('lateProb is roughly the share of delayed events', () => {
		const ev = generateEvents({ ...BASE, durationMs: 600_000 }, createRng(11));
		const share = ev.filter((e) => e.delayed).length / ev.length;
		expect(share).toBeGreaterThan(0.17);
		expect(share).toBeLessThan(0.23);
	});

	it('hotKeyShare sends that share (plus its uniform part) to key d-0', () => {
		const ev = generateEvents(
			{ ...BASE, durationMs: 600_000, numKeys: 10, hotKeyShare: 0.7 },
			createRng(5)
		);
		const share = ev.filter((e) => e.key === 'd-0').length / ev.length;
		expect(share).toBeGreaterThan(0.7);
		expect(share).toBeLessThan(0.77);
	});

	it('the same seed gives the same events; another seed, other events', () => {
		const a = JSON.stringify(generateEvents(BASE, createRng(42)));
		expect(JSON.stringify(generateEvents(BASE, createRng(42)))).toBe(a);
		expect(JSON.stringify(generateEvents(BASE, createRng(43)))).not.toBe(a);
	});

	it('no lateness and no disorder give event time = arrival', () => {
		for (const e of generateEvents({ ...BASE, maxDisorderMs: 0, lateProb: 0 }, createRng(1)))
			expect(e.eventTime).toBe(e.arrival);
	});
});
