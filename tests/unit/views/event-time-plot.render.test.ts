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
import { frameAt } from '$sim/kinds/event-time';

const draw = (f: EtFixture) =>
	render(EventTimePlot, { props: { run: f.run, frame: f.frame } }).body;

function scales(svg: El) {
	const ticks = (axis: string) => findAll(svg, (e) => e.attrs['data-axis'] === axis);
	return { x: scaleFromTicks(ticks('x'), 'x'), y: scaleFromTicks(ticks('y'), 'y', 4) };
}

/** Where a dot is drawn: a circle's or square's centre, or the translation of a crossed-out mark. */
function centre(dot: El): [number, number] {
	if (dot.tag === 'circle') return [Number(dot.attrs['cx']), Number(dot.attrs['cy'])];
	if (dot.tag === 'rect')
		return [
			Number(dot.attrs['x']) + Number(dot.attrs['width']) / 2,
			Number(dot.attrs['y']) + Number(dot.attrs['height']) / 2
		];
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
					if (dot.tag !== 'g')
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

				// Spark's initial watermark (0, 1970: -∞ here) is no line at all, not one along the floor.
				const expected = [
					...visible.map((b) => [b.startMs, b.watermarkMs] as const),
					[f.cursorMs, f.frame.watermarkMs] as const
				].filter(([, w]) => Number.isFinite(w));
				const wm = findAll(svg, (e) => e.tag === 'path' && hasClass(e, 'watermark'));
				if (expected.length === 0) {
					expect(wm).toHaveLength(0);
					return;
				}
				expect(wm).toHaveLength(1);
				// A step-after line: the first vertex, then each step's (x, new level) every other vertex.
				const pts = pathPoints(wm[0]!.attrs['d']!);
				const steps = pts.filter((_, i) => i % 2 === 0);
				expect(steps).toHaveLength(expected.length);
				steps.forEach(([px, py], i) => {
					const [t, w] = expected[i]!;
					expect(x.toValue(px)).toBeCloseTo(t, 0);
					expect(y.toValue(py)).toBeCloseTo(w, 0);
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

	it('draws each input’s own watermark beside the global one, at the engine’s per-input values', () => {
		const f = TWO_STREAMS;
		const svg = one(parseMarkup(draw(f)), 'view-event-time');
		const { x, y } = scales(svg);
		const lines = findAll(svg, (e) => e.tag === 'path' && hasClass(e, 'input-wm'));
		const inputs = f.frame.inputWatermarks;
		expect(inputs.map((w) => w.stream)).toEqual(['eu', 'us']);
		expect(lines).toHaveLength(inputs.filter((w) => Number.isFinite(w.ms)).length);
		// Under min the global watermark is the smaller of the two (the engine's own tracking).
		expect(f.frame.watermarkMs).toBe(Math.min(...inputs.map((w) => w.ms)));
		lines.forEach((l, i) => {
			const last = pathPoints(l.attrs['d']!).at(-1)!;
			expect(x.toValue(last[0])).toBeCloseTo(f.cursorMs, 0);
			expect(y.toValue(last[1])).toBeCloseTo(inputs[i]!.ms, 0);
		});
		// The two inputs are told apart by shape: one draws circles, the other squares.
		const shapes = (stream: string) =>
			new Set(
				f.frame.arrived
					.filter((e) => e.stream === stream && !e.dropped)
					.map((e) => findAll(svg, (el) => el.attrs['data-id'] === e.id)[0]?.tag)
			);
		expect([...shapes('eu')]).toEqual(['circle']);
		expect([...shapes('us')]).toEqual(['rect']);
	});

	it('before the first batch there is no watermark: no line, and the label says "none yet"', () => {
		const f = TWO_STREAMS;
		const early = frameAt(f.run, (f.run.batches[0]?.startMs ?? 0) - 1);
		const svg = one(
			parseMarkup(render(EventTimePlot, { props: { run: f.run, frame: early } }).body),
			'view-event-time'
		);
		expect(findAll(svg, (e) => hasClass(e, 'watermark'))).toHaveLength(0);
		expect(svg.attrs['aria-label']).toContain('watermark none yet');
	});

	it('ties every counted row behind the watermark line to its window’s end above it', () => {
		for (const f of ET_FIXTURES) {
			const svg = one(parseMarkup(draw(f)), 'view-event-time');
			const { y } = scales(svg);
			const reaches = findAll(svg, (e) => e.attrs['data-reach'] !== undefined);
			for (const r of reaches) {
				const e = f.run.events.find((ev) => ev.id === r.attrs['data-reach'])!;
				expect(e.dropped).toBe(false);
				const pts = [...r.attrs['d']!.matchAll(/[MV](-?[\d.]+)(?:,(-?[\d.]+))?/g)];
				const top = Number(pts[1]![1]);
				const ends = f.run.windows.filter((w) => e.windows.includes(w.id)).map((w) => w.endMs);
				expect(y.toValue(top)).toBeCloseTo(Math.max(...ends), 0);
			}
		}
		// And the converse: no counted row sits below the line at its arrival without one.
		let total = 0;
		for (const f of ET_FIXTURES) {
			const svg = one(parseMarkup(draw(f)), 'view-event-time');
			const reached = new Set(
				findAll(svg, (e) => e.attrs['data-reach'] !== undefined).map((e) => e.attrs['data-reach'])
			);
			total += reached.size;
			const done = new Set(f.frame.done.map((b) => b.batchId));
			const visible = [...f.frame.done, ...(f.frame.running ? [f.frame.running] : [])];
			for (const e of f.frame.arrived) {
				if (e.dropped || e.duplicate || e.batchId === null || !done.has(e.batchId)) continue;
				const line = visible.filter((b) => b.startMs <= e.arrivalMs).at(-1)?.watermarkMs;
				if (line !== undefined && e.eventTimeMs <= line)
					expect(reached.has(e.id), `${f.name} ${e.id}`).toBe(true);
			}
		}
		expect(total).toBeGreaterThan(0);
	});
});
