/**
 * The controller's URL state on a DStream page: basic-03 (with its Structured Streaming version
 * beside it) and basic-02's DStream side (behind the API switch). Written against the controller
 * through the adapters below, which keep each test's wording of the page's state.
 */
import { describe, expect, it } from 'vitest';
import { frameAt } from '../../../simulations/kinds/dstream/frames';
import { basic02DStreams } from '../../../simulations/questions/basic-02-pyspark-streaming-support/dstream';
import { basic03DStreams as basic03 } from '../../../simulations/questions/basic-03-dstreams/question';
import type { DStreamScenario } from '../../../simulations/kinds/dstream/question';
import type { Params } from '../../../simulations/core/params';
import type { DsRun } from '../../../simulations/kinds/dstream/frames';
import { controllerOf } from './controllers';

function page(scenario: DStreamScenario = basic03) {
	const c = controllerOf(scenario);
	return { c, session: c.program, structured: c.companion, playback: c.playback };
}

function apply(query: string, p = page(), _scenario: DStreamScenario = basic03) {
	p.c.applyQuery(new URLSearchParams(query));
	return {
		...p,
		applied: { preset: p.c.preset, sideBySide: p.c.sideBySide, notices: p.c.notices }
	};
}

interface OnScreen {
	readonly preset: string | null;
	readonly params: Params;
	readonly seed: number;
	readonly run: DsRun | null;
	readonly now: number;
	readonly sideBySide: boolean;
}

/** The link of what a page shows (its controller writes it). */
function dstreamQuery(
	scenario: DStreamScenario,
	shown: OnScreen,
	keep?: URLSearchParams
): URLSearchParams {
	const c = controllerOf(scenario);
	c.program.seed = shown.seed;
	c.program.applyPreset(shown.params, null);
	c.preset = shown.preset;
	c.sideBySide = shown.sideBySide;
	return c.shareQuery(shown.now, keep).query;
}

const dstreamTimeline = (_run: DsRun) => page().c.timeline;

describe('applyDStreamUrl (basic-03)', () => {
	it('sets a parameter and its program span, the seed on both sides, and the cursor at batch N’s end', () => {
		const { session, structured, playback, applied } = apply(
			'windowLength=8&seed=7&batch=5&structured=1'
		);
		expect(applied).toEqual({ preset: null, sideBySide: true, notices: [] });
		expect(session.params['windowLength']).toBe(8);
		expect(session.code).toContain('    8,  # <- windowLength');
		expect([session.seed, structured?.seed]).toEqual([7, 7]);
		expect(structured?.params).toEqual(session.params);
		const run = session.run!;
		expect(playback.now).toBe(run.batches[5]!.endMs);
		expect(frameAt(run, playback.now).done).toHaveLength(6);
	});

	it('the run is the one a fresh page with those settings computes', () => {
		const a = apply('linesPerSecond=12&seed=9');
		const b = page();
		b.session.reseed(9);
		b.session.setParams(basic03.constrain({ ...b.session.params, linesPerSecond: 12 }).params);
		expect(a.session.run).toEqual(b.session.run);
	});

	it('a preset named and left intact is marked active; one departed from is not', () => {
		expect(apply('preset=overrun').applied.preset).toBe('overrun');
		expect(apply('preset=overrun&linesPerSecond=40').applied.preset).toBeNull();
	});

	it('malformed values: a visible notice each, the defaults used, the cursor clamped into the run', () => {
		const { session, playback, applied } = apply('windowLength=abc&seed=-5&batch=9999');
		const last = session.run!.batches.length - 1;
		expect(applied.notices).toEqual([
			'window length: “abc” is not a number; using 6.',
			'Seed “-5” is not a positive whole number; using seed 1.',
			`Batch 9999 is not in this run (the run ends with batch ${last}); showing batch ${last}.`
		]);
		expect(session.params['windowLength']).toBe(6);
		expect(session.seed).toBe(1);
		expect(playback.now).toBe(session.run!.batches[last]!.endMs);
	});

	it('a window that is not a multiple of the batch interval is kept, with Spark’s refusal explained', () => {
		const { session, applied } = apply('windowLength=5');
		expect(applied.notices[0]).toMatch(
			/windowLength: 5 s is not a multiple of the 2 s batch interval/
		);
		expect(session.error?.message).toMatch(/multiple/);
	});

	it('a URL with none of its keys changes nothing; unknown keys are named', () => {
		const p = page();
		const before = p.session.run;
		p.playback.seek(5000);
		const { applied } = apply('', p);
		expect(applied).toEqual({ preset: null, sideBySide: false, notices: [] });
		expect([p.session.run, p.playback.now]).toEqual([before, 5000]);
		expect(apply('bogus=1').applied.notices).toEqual(['Unknown URL parameter “bogus” ignored.']);
	});
});

describe('dstreamQuery', () => {
	it('round-trips: the link of what is on screen restores it, in the shortest exact form', () => {
		const a = apply('preset=overrun&batchInterval=1&seed=4&batch=3&structured=1');
		const q = dstreamQuery(basic03, {
			preset: a.applied.preset,
			params: a.session.params,
			seed: a.session.seed,
			run: a.session.run,
			now: a.playback.now,
			sideBySide: a.applied.sideBySide
		});
		// Departed from its preset, the link spells out every parameter that differs from the defaults.
		expect(q.toString()).toBe('batchInterval=1&linesPerSecond=50&seed=4&batch=3&structured=1');
		const b = apply(q.toString());
		expect([b.session.params, b.session.seed, b.playback.now]).toEqual([
			a.session.params,
			a.session.seed,
			a.playback.now
		]);
	});

	it('between batch ends the cursor is a time; a closed side drops its key; other keys are kept', () => {
		const p = page();
		const q = dstreamQuery(
			basic03,
			{
				preset: null,
				params: p.session.params,
				seed: 1,
				run: p.session.run,
				now: 2500.7,
				sideBySide: false
			},
			new URLSearchParams('structured=1&keep=me')
		);
		expect(q.toString()).toBe('keep=me&seed=1&t=2.5');
	});

	it('numbers batches from 0 in run order', () => {
		const run = page().session.run!;
		expect(dstreamTimeline(run).batches.slice(0, 2)).toEqual([
			{ batchId: 0, endMs: run.batches[0]!.endMs },
			{ batchId: 1, endMs: run.batches[1]!.endMs }
		]);
	});
});

describe('applyDStreamUrl (basic-02, behind the API switch)', () => {
	it('the switch and the Structured side’s parameter are not reported; a side-by-side request is refused', () => {
		const p = page(basic02DStreams);
		const { applied, session } = apply(
			'api=dstream&outputMode=update&preset=running-totals&structured=1',
			p,
			basic02DStreams
		);
		expect(applied).toEqual({
			preset: 'running-totals',
			sideBySide: false,
			notices: [
				'This page has no Structured Streaming version beside the DStream one; “structured” ignored.'
			]
		});
		expect(session.params['totals']).toBe('on');
	});
});
