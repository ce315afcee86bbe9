import { describe, expect, it } from 'vitest';
import { eventTimeSession } from '../../../src/lib/binding/event-time-session.svelte';
import {
	applyEventTimeUrl,
	eventTimeUrlSpec,
	eventTimeUrlState
} from '../../../src/lib/sim/event-time-url';
import { Playback } from '../../../src/lib/sim/playback.svelte';
import { serialiseUrlState } from '../../../src/lib/sim/url-state';
import { frameAt } from '../../../simulations/frames/event-time';
import { EVENT_TIME_SCENARIOS } from '../../../simulations/scenarios/event-time/index';

const late = EVENT_TIME_SCENARIOS['basic-08-late-data']!;

function page() {
	const session = eventTimeSession(late);
	const playback = new Playback(() => ({
		endMs: session.run?.endMs ?? 0,
		nextStop: () => undefined
	}));
	return { session, playback };
}

describe('applyEventTimeUrl (basic-08)', () => {
	it('sets the parameter and its program span, the seed, and the cursor at a batch end', () => {
		const { session, playback } = page();
		const applied = applyEventTimeUrl(
			new URLSearchParams('watermarkDelay=20&seed=7&batch=6'),
			late,
			session,
			playback
		);
		expect(applied).toEqual({ preset: null, notices: [] });
		expect(session.params['watermarkDelay']).toBe(20);
		expect(session.code).toContain('withWatermark("event_time", "20 seconds")');
		expect(session.seed).toBe(7);
		const run = session.run!;
		expect(playback.now).toBe(run.batches[6]!.endMs);
		expect(frameAt(run, playback.now).done).toHaveLength(7);
	});

	it('the run is the one a fresh page with those settings computes', () => {
		const a = page();
		applyEventTimeUrl(new URLSearchParams('watermarkDelay=20&seed=7'), late, a.session, a.playback);
		const b = page();
		b.session.reseed(7);
		b.session.setParams(late.constrain({ ...b.session.params, watermarkDelay: 20 }).params);
		expect(a.session.run).toEqual(b.session.run);
	});

	it('a URL with none of its keys changes nothing', () => {
		const { session, playback } = page();
		const before = session.run;
		playback.seek(5000);
		expect(applyEventTimeUrl(new URLSearchParams(''), late, session, playback)).toBeNull();
		expect([session.run, playback.now]).toEqual([before, 5000]);
	});

	it('clamps with notices: delay to its max, a bad seed to 1, a batch past the end', () => {
		const { session, playback } = page();
		const applied = applyEventTimeUrl(
			new URLSearchParams('watermarkDelay=999&seed=abc&batch=9999'),
			late,
			session,
			playback
		);
		expect(session.params['watermarkDelay']).toBe(60);
		expect(session.seed).toBe(1);
		expect(playback.now).toBe(session.run!.batches.at(-1)!.endMs);
		expect(applied?.notices).toHaveLength(3);
	});

	it('a preset with scripted rows survives a parameter change in the share query', () => {
		const { session, playback } = page();
		const query = 'preset=inside-vs-beyond-delay&watermarkDelay=10&seed=3&batch=20';
		const applied = applyEventTimeUrl(new URLSearchParams(query), late, session, playback);
		expect(applied?.preset).toBeNull();
		expect(session.script).toBe('inside-vs-beyond-delay');
		const state = eventTimeUrlState(late, session, applied?.preset ?? null, playback.now);
		expect(serialiseUrlState(state, eventTimeUrlSpec(late)).toString()).toBe(query);
	});
});
