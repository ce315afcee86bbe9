import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	baseParams,
	cursorAt,
	parseUrlState,
	resolveCursor,
	serialiseUrlState,
	type CursorTimeline,
	type UrlSpec,
	type UrlState
} from '../../../src/lib/sim/url-state';
import { controllerOf, traceOf, type MbController as Controller } from './controllers';

import { EVENT_TIME_SCENARIOS } from '../../../simulations/kinds/event-time/questions';
import { microBatchScenario } from '../../../simulations/kinds/micro-batch/questions';
import type { ParamSpec } from '../../../simulations/core/params';

const late = EVENT_TIME_SCENARIOS['basic-08-late-data']!;
const spec: UrlSpec = {
	schema: late.schema,
	presets: late.presets,
	constrain: (r) => late.constrain(r)
};
const parse = (q: string) => parseUrlState(new URLSearchParams(q), spec);

/** Batches every 2 s, ids 0..9, the run ending at 21 s. */
const timeline: CursorTimeline = {
	endMs: 21_000,
	batches: Array.from({ length: 10 }, (_, i) => ({ batchId: i, endMs: 2000 * (i + 1) }))
};

describe('parseUrlState', () => {
	it('an empty query is not present and gives the defaults', () => {
		const p = parse('');
		expect(p.present).toBe(false);
		expect(p.notices).toEqual([]);
		expect(p.state).toEqual({
			preset: null,
			params: baseParams(spec, null),
			seed: 1,
			cursor: null,
			paused: false
		});
	});

	it('reads parameters, seed and batch', () => {
		const p = parse('watermarkDelay=20&seed=7&batch=6');
		expect(p.present).toBe(true);
		expect(p.notices).toEqual([]);
		expect(p.state.params['watermarkDelay']).toBe(20);
		expect(p.state.params['windowLength']).toBe(10);
		expect(p.state.seed).toBe(7);
		expect(p.state.cursor).toEqual({ kind: 'batch', batchId: 6 });
	});

	it('clamps an out-of-range parameter to its max with a notice naming it', () => {
		const p = parse('watermarkDelay=999');
		expect(p.state.params['watermarkDelay']).toBe(60);
		expect(p.notices).toHaveLength(1);
		expect(p.notices[0]).toMatch(/watermark delay: 999 is outside 0–60 s; using 60/);
	});

	it('a malformed number or choice falls back to the default with a notice', () => {
		const p = parse('watermarkDelay=soon&outputMode=sometimes');
		expect(p.state.params['watermarkDelay']).toBe(5);
		expect(p.state.params['outputMode']).toBe('append');
		expect(p.notices).toHaveLength(2);
		expect(p.notices.join(' ')).toMatch(/“soon” is not a number/);
		expect(p.notices.join(' ')).toMatch(/“sometimes” is not one of append, update, complete/);
	});

	const badSeeds = ['abc', '0', '-3', '1.5', '', '99999999999', '7e3'];
	it.each(badSeeds)('seed “%s” is refused with a notice', (s) => {
		const p = parse(`seed=${encodeURIComponent(s)}`);
		expect(p.state.seed).toBe(1);
		expect(p.notices).toHaveLength(1);
		const why = /(is not a positive whole number|is above 2147483646)/.source;
		expect(p.notices[0]).toMatch(new RegExp(`^Seed “.*” ${why}; using seed 1\\.$`));
	});

	it('malformed batch and t are ignored with a notice; both set uses batch', () => {
		expect(parse('batch=last').state.cursor).toBeNull();
		expect(parse('batch=last').notices[0]).toMatch(/Batch “last” is not a batch id/);
		expect(parse('batch=-1').state.cursor).toBeNull();
		expect(parse('t=noon').state.cursor).toBeNull();
		expect(parse('t=noon').notices[0]).toMatch(/Time “noon”/);
		const both = parse('t=3&batch=2');
		expect(both.state.cursor).toEqual({ kind: 'batch', batchId: 2 });
		expect(both.notices[0]).toMatch(/Both “batch” and “t”/);
		expect(parse('t=12.5').state.cursor).toEqual({ kind: 't', ms: 12_500 });
	});

	it('a preset sets its parameters; an override keeps the preset but not its active mark', () => {
		const intact = parse('preset=update-mode');
		expect(intact.state.preset).toBe('update-mode');
		expect(intact.state.params['outputMode']).toBe('update');
		expect(intact.presetIntact).toBe(true);
		const changed = parse('preset=inside-vs-beyond-delay&watermarkDelay=10');
		expect(changed.state.preset).toBe('inside-vs-beyond-delay');
		expect(changed.state.params['lateProb']).toBe(0);
		expect(changed.state.params['watermarkDelay']).toBe(10);
		expect(changed.presetIntact).toBe(false);
	});

	it('an unknown preset and an unknown key are ignored with notices', () => {
		const p = parse('preset=nope&watermarkdelay=3');
		expect(p.state.preset).toBeNull();
		expect(p.state.params).toEqual(baseParams(spec, null));
		expect(p.notices).toEqual([
			expect.stringMatching(/Preset “nope” is not one of late-data, /),
			'Unknown URL parameter “watermarkdelay” ignored.'
		]);
	});

	it('keys another feature owns are neither read nor reported', () => {
		const withCompare = { ...spec, otherKeys: ['compare'] };
		const p = parseUrlState(new URLSearchParams('compare=update&seed=2'), withCompare);
		expect(p.notices).toEqual([]);
		expect(p.state.seed).toBe(2);
	});

	it('paused is a flag; paused=false is not paused', () => {
		expect(parse('paused').state.paused).toBe(true);
		expect(parse('paused=1').state.paused).toBe(true);
		expect(parse('paused=false').state.paused).toBe(false);
	});
});

describe('serialiseUrlState', () => {
	it('writes only parameters that differ from the preset, the seed and the cursor', () => {
		const state: UrlState = {
			preset: 'update-mode',
			params: { ...baseParams(spec, 'update-mode'), watermarkDelay: 20 },
			seed: 7,
			cursor: { kind: 'batch', batchId: 6 },
			paused: false
		};
		expect(serialiseUrlState(state, spec).toString()).toBe(
			'preset=update-mode&watermarkDelay=20&seed=7&batch=6'
		);
	});

	it('keeps keys that are not ours and replaces the ones that are', () => {
		const keep = new URLSearchParams('tab=answer&seed=3&watermarkDelay=9');
		const state = parse('seed=4').state;
		expect(serialiseUrlState(state, spec, keep).toString()).toBe('tab=answer&seed=4');
	});

	it('round trip: parse(serialise(state)) is the same state, with no notices', () => {
		const arbState = (s: UrlSpec) =>
			fc.record({
				preset: fc.constantFrom(null, ...s.presets.map((p) => p.id)),
				params: fc.record(Object.fromEntries(s.schema.map((p) => [p.id, arbValue(p)]))),
				seed: fc.integer({ min: 1, max: 2147483646 }),
				cursor: fc.oneof(
					fc.constant(null),
					fc.record({ kind: fc.constant('batch' as const), batchId: fc.nat(500) }),
					fc.record({ kind: fc.constant('t' as const), ms: fc.nat(600_000) })
				),
				paused: fc.boolean()
			});
		const mb = microBatchScenario('basic-11-micro-batches');
		const mbSpec = mb ? [{ schema: mb.schema, presets: mb.presets }] : [];
		const specs: UrlSpec[] = [spec, ...mbSpec];
		expect(specs.length).toBe(2);
		for (const s of specs) {
			fc.assert(
				fc.property(arbState(s), (raw) => {
					// A valid state: what the gate lets through (params a page could hold).
					const params = s.constrain ? s.constrain(raw.params).params : raw.params;
					const state: UrlState = { ...raw, params };
					const back = parseUrlState(serialiseUrlState(state, s), s);
					expect(back.notices).toEqual([]);
					expect(back.state).toEqual(state);
				}),
				{ numRuns: 200 }
			);
		}
	});
});

describe('resolveCursor and cursorAt', () => {
	it('a batch id resolves to its end; past the last batch clamps with a notice', () => {
		const six = resolveCursor({ kind: 'batch', batchId: 6 }, timeline);
		expect(six).toEqual({ ms: 14_000, notice: null });
		const past = resolveCursor({ kind: 'batch', batchId: 40 }, timeline);
		expect(past.ms).toBe(20_000);
		expect(past.notice).toBe(
			'Batch 40 is not in this run (the run ends with batch 9); showing batch 9.'
		);
		const empty = { endMs: 5000, batches: [] };
		expect(resolveCursor({ kind: 'batch', batchId: 0 }, empty).ms).toBe(0);
	});

	it('a time is clamped into the run with a notice', () => {
		const inside = resolveCursor({ kind: 't', ms: 7_250 }, timeline);
		expect(inside).toEqual({ ms: 7_250, notice: null });
		const late = resolveCursor({ kind: 't', ms: 99_000 }, timeline);
		expect(late).toEqual({
			ms: 21_000,
			notice: 'Time 99 s is past the run’s end (21 s); showing 21 s.'
		});
		expect(resolveCursor({ kind: 't', ms: -500 }, timeline).ms).toBe(0);
	});

	it('cursorAt names the batch the cursor stands on, else the whole-ms time', () => {
		expect(cursorAt(14_000, timeline)).toEqual({ kind: 'batch', batchId: 6 });
		expect(cursorAt(13_999.7, timeline)).toEqual({ kind: 't', ms: 13_999 });
		expect(cursorAt(0, timeline)).toEqual({ kind: 't', ms: 0 });
		for (const ms of [0, 1999.5, 2000, 7321.9, 21_000]) {
			const back = resolveCursor(cursorAt(ms, timeline), timeline).ms;
			// Same frame: the same batches have ended by both instants.
			const ended = (t: number) => timeline.batches.filter((b) => b.endMs <= t).length;
			expect(ended(back)).toBe(ended(ms));
		}
	});
});

function arbValue(p: ParamSpec): fc.Arbitrary<number | string> {
	if (p.kind === 'choice') return fc.constantFrom(...p.options.map((o) => o.value));
	const steps = Math.round((p.max - p.min) / p.step);
	const decimals = (String(p.step).split('.')[1] ?? '').length;
	const at = (k: number) => Number((p.min + k * p.step).toFixed(decimals));
	return fc.integer({ min: 0, max: steps }).map(at);
}

describe('SIM-1 reads its URL through the same module', () => {
	const mb = microBatchScenario('basic-11-micro-batches')!;

	it('batch= stands on that batch’s commit; a seed alone keeps the opening preset', () => {
		const c = controllerOf(mb);
		const opening = c.preset;
		c.applyQuery(new URLSearchParams('seed=9&batch=2'));
		expect(c.preset).toBe(opening);
		expect(c.seed).toBe(9);
		expect(c.stopCount).toBe(3);
		expect(c.playback.now).toBe(c.timeline.batches[2]!.endMs);
		expect(c.notices).toEqual([]);
	});

	it('out-of-range and malformed values become notices, never exceptions', () => {
		const c = controllerOf(mb);
		c.applyQuery(new URLSearchParams('seed=x&t=99999&triggerInterval=-4'));
		expect(c.seed).toBe(1);
		expect(c.playback.now).toBe(traceOf(c).endMs);
		const trigger = mb.schema.find((p) => p.id === 'triggerInterval');
		expect(trigger?.kind).toBe('number');
		expect(c.params['triggerInterval']).toBe(trigger?.kind === 'number' ? trigger.min : NaN);
		expect(c.notices).toHaveLength(3);
		expect(c.preset).toBeNull();
	});

	it('its share query round-trips through applyQuery', () => {
		const c = controllerOf(mb);
		c.set('triggerInterval', 5);
		c.playback.step();
		const query = serialiseUrlState(c.urlState(), c.urlSpec);
		const d = controllerOf(mb);
		d.applyQuery(query);
		expect(d.notices).toEqual([]);
		const seen = (x: Controller) => [x.params, x.seed, x.preset, x.playback.now];
		expect(seen(d)).toEqual(seen(c));
	});
});
