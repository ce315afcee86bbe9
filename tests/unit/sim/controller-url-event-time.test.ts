/**
 * The controller's URL state on an event-time page (basic-08): what a link sets (parameters,
 * seed, preset with its scripted rows, cursor) and what only kinds that declare them carry
 * (Compare, input edits), beside an edited program. Written against the controller through the
 * small adapters below, which keep each test's wording of the page's state.
 */
import { describe, expect, it } from 'vitest';
import { MAX_CODE_CHARS } from '../../../src/lib/sim/program-url';
import { serialiseUrlState } from '../../../src/lib/sim/url-state';
import type { Comparison } from '../../../simulations/kinds/compare-setting';
import { frameAt } from '../../../simulations/kinds/event-time/frames';
import { EVENT_TIME_SCENARIOS } from '../../../simulations/kinds/event-time/questions';
import type { InputEditor } from '../../../src/lib/sim/input-edits.svelte';
import { controllerOf, type EtController as Controller } from './controllers';

const late = EVENT_TIME_SCENARIOS['basic-08-late-data']!;
const owners = new Map<object, Controller>();

function page() {
	const c = controllerOf(late);
	const session = Object.assign(c.program, { inputEdits: c.inputEdits as InputEditor });
	owners.set(session, c);
	return { c, session, playback: c.playback };
}

function applyEventTimeUrl(query: URLSearchParams, _q: unknown, session: object, _p: unknown) {
	const c = owners.get(session)!;
	c.applyQuery(query);
	if ([...query.keys()].length === 0 && c.notices.length === 0) return null;
	return { preset: c.preset, notices: c.notices, compare: c.comparing ? c.comparison : null };
}

function eventTimeShareQuery(
	_q: unknown,
	session: object,
	preset: string | null,
	now: number,
	compare: Comparison | null,
	keep?: URLSearchParams
) {
	const c = owners.get(session)!;
	c.preset = preset;
	c.comparePick = compare;
	c.comparing = compare !== null;
	return c.shareQuery(now, keep);
}

function eventTimeUrlState(_q: unknown, session: object, preset: string | null, now: number) {
	const c = owners.get(session)!;
	c.preset = preset;
	return c.urlState(now);
}

const eventTimeUrlSpec = (_q: unknown) => [...owners.values()].at(-1)!.urlSpec;

describe('applyEventTimeUrl (basic-08)', () => {
	it('sets the parameter and its program span, the seed, and the cursor at a batch end', () => {
		const { session, playback } = page();
		const applied = applyEventTimeUrl(
			new URLSearchParams('watermarkDelay=20&seed=7&batch=6'),
			late,
			session,
			playback
		);
		expect(applied).toEqual({ preset: null, notices: [], compare: null });
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

describe('share links carry Compare, input edits and program edits (basic-08)', () => {
	const edited = (code: string) =>
		code.replace('.count()', '.count()  # counted per device and window');

	function editedPage() {
		const p = page();
		p.session.setParams(late.constrain({ ...p.session.params, watermarkDelay: 10 }).params);
		const editor = p.session.inputEdits;
		const id = editor.add(30_000);
		editor.move(id!, -3000);
		editor.move(id!, -3000);
		editor.remove(p.session.run!.events[4]!.id);
		p.session.code = edited(p.session.code);
		p.session.reseed(p.session.seed);
		p.playback.seek(p.session.run!.batches[9]!.endMs);
		return p;
	}

	it('a link restores the compare setting, the input edits, the program and the batch', () => {
		const a = editedPage();
		const compare = { id: 'watermarkDelay', value: 5 };
		const { query, caveat } = eventTimeShareQuery(late, a.session, null, a.playback.now, compare);
		expect(caveat).toBeNull();
		expect(query.get('compare')).toBe('watermarkDelay:5');
		expect(query.get('edits')).toMatch(
			/^1\.a_events-user-1_30000_30000\.m_events-user-1_-6000\.d_events-\d+$/
		);
		expect(query.get('code')).toMatch(/^[A-Za-z0-9_-]+$/);
		expect(query.toString().length).toBeLessThan(4000);

		const b = page();
		const applied = applyEventTimeUrl(
			new URLSearchParams(query.toString()),
			late,
			b.session,
			b.playback
		);
		expect(applied).toEqual({ preset: null, notices: [], compare });
		expect(b.session.inputEdits.edits).toEqual(a.session.inputEdits.edits);
		expect(b.session.code).toBe(a.session.code);
		expect(b.session.params).toEqual(a.session.params);
		expect(b.playback.now).toBe(a.playback.now);
		expect(b.session.run).toEqual(a.session.run);
		// And the state read back writes the same link.
		const again = eventTimeShareQuery(late, b.session, null, b.playback.now, applied!.compare);
		expect(again.query.toString()).toBe(query.toString());
	});

	it('an unedited page writes none of the three keys; keys of others are kept', () => {
		const { session, playback } = page();
		const keep = new URLSearchParams('compare=outputMode:update&edits=1&code=eA&other=1');
		const { query } = eventTimeShareQuery(late, session, null, playback.now, null, keep);
		// The page as it opens has a bare address: only the other control's key.
		expect([...query.keys()]).toEqual(['other']);
		// Moved off the opening stop, the cursor (a batch id at a batch's end) and seed are written.
		playback.step();
		const moved = eventTimeShareQuery(late, session, null, playback.now, null, keep).query;
		expect([...moved.keys()]).toEqual(['other', 'seed', 'batch']);
	});

	it('a malformed link renders the page’s own state with a notice for each refused value', () => {
		const { session, playback } = page();
		const before = session.run;
		const applied = applyEventTimeUrl(
			new URLSearchParams('compare=bogus&edits=%%%&code=!!'),
			late,
			session,
			playback
		);
		expect(applied?.compare).toBeNull();
		expect(applied?.notices).toHaveLength(3);
		expect(session.code).toBe(late.program(session.params));
		expect(session.inputEdits.edits).toEqual([]);
		expect(session.run).toEqual(before);
	});

	it('a program that does not run is loaded anyway: the error is marked, and no run plays', () => {
		const { session, playback } = page();
		const code = 'counts = events.nope(\n';
		const query = new URLSearchParams({ code: Buffer.from(code).toString('base64url') });
		applyEventTimeUrl(query, late, session, playback);
		expect(session.code).toBe(code);
		expect(session.error).not.toBeNull();
		expect(session.run).toBeNull();
	});

	it('edits the seed’s input does not have are dropped with a notice; the rest apply', () => {
		const { session, playback } = page();
		const query = new URLSearchParams('seed=3&edits=1.d_events-2.m_events-99999_1000');
		const applied = applyEventTimeUrl(query, late, session, playback);
		expect(session.inputEdits.edits).toEqual([{ kind: 'delete', id: 'events-2' }]);
		expect(applied?.notices).toEqual([
			'Input edit 2 of 2 in the link was dropped: there is no record “events-99999” in this input.'
		]);
		expect(session.run!.events.some((e) => e.id === 'events-2')).toBe(false);
	});

	it('a program too long for a link is left out, and the caveat says so', () => {
		const { session, playback } = page();
		session.code += '\n' + '# padding\n'.repeat(MAX_CODE_CHARS / 8);
		const { query, caveat } = eventTimeShareQuery(late, session, null, playback.now, null);
		expect(query.has('code')).toBe(false);
		expect(caveat).toMatch(/longer than a link holds/);
	});
});
