/**
 * EventTimePlot server-rendered on fixed engine runs: a file snapshot of the SVG, and checks
 * that tie each mark to what the engine decided: a crossed-out mark for each row the engine
 * dropped by the cursor (in the batches whose numRowsDroppedByWatermark counts drops), every row
 * at its arrival and event time, one watermark step per batch at the watermark that batch ran
 * with, one band per batch.
 */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import EventTimePlot from '$lib/views/event-time/EventTimePlot.svelte';
import { secondsLabel } from '$lib/views/format';
import { ET_FIXTURES, JOIN, LATE_ROWS, TWO_STREAMS, type EtFixture } from './fixtures/engine-runs';
import { findAll, hasClass, normalise, one, parseMarkup, type El } from './fixtures/markup';
import { pathPoints, scaleFromTicks } from './fixtures/scales';

const draw = (f: EtFixture) =>
	render(EventTimePlot, { props: { run: f.run, frame: f.frame } }).body;

function scales(svg: El) {
	const ticks = (axis: string) => findAll(svg, (e) => e.attrs['data-axis'] === axis);
	return { x: scaleFromTicks(ticks('x'), 'x'), y: scaleFromTicks(ticks('y'), 'y', 4) };
}

/** Where a dot is drawn: a circle's centre, or the translation of a crossed-out mark. */
function centre(dot: El): [number, number] {
	if (dot.tag === 'circle') return [Number(dot.attrs['cx']), Number(dot.attrs['cy'])];
	const m = /translate\(([^,]+),([^)]+)\)/.exec(dot.attrs['transform'] ?? '');
	if (!m) throw new Error(`<${dot.tag}> has no position`);
	return [Number(m[1]), Number(m[2])];
}

/** Rows whose batch had finished by the cursor. */
const readBy = (f: EtFixture) => {
	const done = new Set(f.frame.done.map((b) => b.batchId));
	return f.run.events.filter((e) => e.batchId !== null && done.has(e.batchId));
};

describe('EventTimePlot (server-rendered SVG)', () => {
	for (const f of [LATE_ROWS, TWO_STREAMS, JOIN]) {
		it(`${f.slug} ${f.preset}, seed ${f.seed}, end of batch ${f.batchId}: snapshot`, async () => {
			await expect(normalise(draw(f))).toMatchFileSnapshot(
				`./__snapshots__/event-time-plot-${f.name}.svg.txt`
			);
		});
	}

	for (const f of ET_FIXTURES) {
		describe(`${f.slug} ${f.preset}, end of batch ${f.batchId}`, () => {
			const svg = one(parseMarkup(draw(f)), 'view-event-time');
			const { x, y } = scales(svg);

			it('crosses out exactly the rows the engine dropped by the cursor, in the batches that count drops', () => {
				const crossed = findAll(svg, (e) => e.tag === 'g' && hasClass(e, 'dropped'));
				const dropped = readBy(f).filter((e) => e.dropped);
				expect(crossed.map((e) => e.attrs['data-id']).sort()).toEqual(
					dropped.map((e) => e.id).sort()
				);
				// numRowsDroppedByWatermark counts what the late filter saw: for an aggregation, the
				// partially aggregated groups (window + key), so rows and count agree only on "some or none".
				for (const b of f.frame.done) {
					const here = dropped.filter((e) => e.batchId === b.batchId).length;
					expect(here > 0, `batch ${b.batchId}`).toBe(b.numRowsDroppedByWatermark > 0);
				}
			});

			it('draws every arrived row once, at its arrival and event time, counted or waiting', () => {
				const dots = findAll(svg, (e) => e.attrs['data-id'] !== undefined);
				expect(dots.map((d) => d.attrs['data-id']).sort()).toEqual(
					f.frame.arrived.map((e) => e.id).sort()
				);
				const read = new Set(readBy(f).map((e) => e.id));
				for (const e of f.frame.arrived) {
					const dot = dots.find((d) => d.attrs['data-id'] === e.id)!;
					const [cx, cy] = centre(dot);
					expect(x.toValue(cx)).toBeCloseTo(e.arrivalMs, 0);
					expect(y.toValue(cy)).toBeCloseTo(e.eventTimeMs, 0);
					if (dot.tag === 'circle')
						expect(hasClass(dot, read.has(e.id) ? 'on-time' : 'pending')).toBe(true);
				}
			});

			it('steps the watermark once per batch, at the watermark the engine ran that batch with', () => {
				const bands = findAll(svg, (e) => e.tag === 'rect' && hasClass(e, 'band'));
				const visible = [...f.frame.done, ...(f.frame.running ? [f.frame.running] : [])];
				expect(bands.map((b) => Number(b.attrs['data-batch']))).toEqual(
					visible.map((b) => b.batchId)
				);
				bands.forEach((band, i) =>
					expect(x.toValue(Number(band.attrs['x']))).toBeCloseTo(visible[i]!.startMs, 0)
				);

				const wm = findAll(svg, (e) => e.tag === 'path' && hasClass(e, 'watermark'));
				expect(wm).toHaveLength(1);
				// A step-after line: the first vertex, then each step's (x, new level) every other vertex.
				const pts = pathPoints(wm[0]!.attrs['d']!);
				const steps = pts.filter((_, i) => i % 2 === 0);
				expect(steps).toHaveLength(visible.length + 1);
				const bottom = Number(bands[0]!.attrs['y']) + Number(bands[0]!.attrs['height']);
				const floor = y.toValue(bottom);
				const expected = [
					...visible.map((b) => [b.startMs, b.watermarkMs] as const),
					[f.cursorMs, f.frame.watermarkMs] as const
				];
				steps.forEach(([px, py], i) => {
					const [t, w] = expected[i]!;
					expect(x.toValue(px)).toBeCloseTo(t, 0);
					// A watermark below the plotted event times (-∞ before the first one) lies on the axis.
					if (w > floor) expect(y.toValue(py)).toBeCloseTo(w, 0);
					else expect(py).toBeCloseTo(bottom, 6);
				});
			});

			it('states the engine’s numbers in its aria-label', () => {
				const label = svg.attrs['aria-label']!;
				const dropped = readBy(f).filter((e) => e.dropped).length;
				expect(label).toContain(`${f.frame.done.length} batches done`);
				expect(label).toContain(`watermark ${secondsLabel(f.frame.watermarkMs)}`);
				expect(label).toContain(`${dropped} rows dropped as late`);
			});
		});
	}

	it('the late-rows fixture shows its point: the scripted row beyond the delay is crossed out, the one inside is counted', () => {
		const svg = one(parseMarkup(draw(LATE_ROWS)), 'view-event-time');
		// Tumbling windows, one late row per group: one crossed-out mark per counted drop.
		const crossed = findAll(svg, (e) => e.tag === 'g' && hasClass(e, 'dropped'));
		expect(crossed).toHaveLength(
			LATE_ROWS.frame.done.reduce((n, b) => n + b.numRowsDroppedByWatermark, 0)
		);
		const scripted = LATE_ROWS.input.streams.flatMap((s) => s.events).filter((e) => e.scripted);
		const fates = scripted.map((e) => findAll(svg, (el) => el.attrs['data-id'] === e.id)[0]);
		expect(
			fates.map((el) =>
				el?.tag === 'g' ? 'crossed' : el && hasClass(el, 'on-time') ? 'counted' : 'other'
			)
		).toEqual(['counted', 'crossed']);
	});
});
