/**
 * EditableDots (the input editor's layer over the event-time plot) server-rendered on a fixed
 * engine run with one reader edit: basic-08 `inside-vs-beyond-delay`, seed 1, the scripted late
 * row that was dropped nudged 1 s later. One focusable dot per row the plot draws, on top of it;
 * the edited record wears the ring; the engine, re-run on the edited input, moved that row.
 */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { frameAt } from '$sim/kinds/event-time/frames';
import { runEventTimeProgram } from '$sim/kinds/event-time/run';
import EditableDots from '$lib/views/event-time/EditableDots.svelte';
import { layoutEventTime } from '$lib/views/event-time/layout';
import { InputEditor } from '$lib/sim/input-edits.svelte';
import { LATE_ROWS } from './fixtures/engine-runs';
import { findAll, hasClass, normalise, parseMarkup } from './fixtures/markup';

const editor = new InputEditor();
editor.apply(LATE_ROWS.input);
const target = LATE_ROWS.run.events.find((e) => e.dropped && e.batchId === LATE_ROWS.batchId)!;
editor.move(target.id, 1000);
const result = runEventTimeProgram(LATE_ROWS.scenario.program(LATE_ROWS.params), {
	input: editor.apply(LATE_ROWS.input),
	kafkaValue: (e) => LATE_ROWS.scenario.kafkaValue(e)
});
if (!result.ok) throw new Error(result.error.message);
const run = result.value;
const frame = frameAt(run, LATE_ROWS.cursorMs);
const geometry = layoutEventTime(run, frame, { width: 800, height: 300 });
const body = render(EditableDots, { props: { run, geometry, editor } }).body;
const hits = findAll(parseMarkup(body), (e) => e.attrs['data-testid'] === 'sim-dot');

describe('EditableDots (server-rendered), basic-08 inside-vs-beyond-delay with one nudge', () => {
	it('snapshot', async () => {
		await expect(normalise(body)).toMatchFileSnapshot(
			'./__snapshots__/editable-dots-late-rows-nudged.svg.txt'
		);
	});

	it('the engine re-ran on the edit: the nudged row is 1 s later in event time', () => {
		expect(run.events.find((e) => e.id === target.id)?.eventTimeMs).toBe(target.eventTimeMs + 1000);
	});

	it('puts one focusable dot on every row the plot draws, one tab stop in all', () => {
		expect(hits.map((h) => h.attrs['data-id']).sort()).toEqual(
			frame.arrived.map((e) => e.id).sort()
		);
		for (const d of geometry.dots) {
			const hit = hits.find((h) => h.attrs['data-id'] === d.id)!;
			expect([Number(hit.attrs['cx']), Number(hit.attrs['cy'])]).toEqual([d.x, d.y]);
		}
		expect(hits.filter((h) => h.attrs['tabindex'] === '0')).toHaveLength(1);
	});

	it('rings exactly the edited record', () => {
		expect(
			hits.filter((h) => h.attrs['data-edited'] === 'true').map((h) => h.attrs['data-id'])
		).toEqual([target.id]);
		const rings = findAll(parseMarkup(body), (e) => e.tag === 'circle' && hasClass(e, 'edited'));
		const d = geometry.dots.find((x) => x.id === target.id)!;
		expect(rings.map((r) => [Number(r.attrs['cx']), Number(r.attrs['cy'])])).toEqual([[d.x, d.y]]);
	});
});
