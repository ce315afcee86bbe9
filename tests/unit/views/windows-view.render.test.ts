/**
 * WindowsView server-rendered on fixed engine runs: a file snapshot, and checks that every bar is
 * one of the engine's windows (state rows) at the cursor, spanning the window's event time, with
 * the engine's aggregate and state (open, updated, emitted, evicted); and that what the sink
 * received in the cursor's batch is what the bars say was updated or emitted.
 */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { EtFrame } from '$sim/kinds/event-time/frames';
import WindowsView from '$lib/views/windows/WindowsView.svelte';
import {
	ET_FIXTURES,
	JOIN,
	SESSION,
	SLIDING,
	TWO_STREAMS,
	type EtFixture
} from './fixtures/engine-runs';
import { findAll, hasClass, normalise, one, parseMarkup, textOf, type El } from './fixtures/markup';
import { scaleFromTicks } from './fixtures/scales';

const draw = (f: EtFixture) => render(WindowsView, { props: { run: f.run, frame: f.frame } }).body;
const svgOf = (f: EtFixture) => one(parseMarkup(draw(f)), 'view-windows');
const bars = (svg: El) => findAll(svg, (e) => e.attrs['data-window'] !== undefined);
const STATES = ['open', 'updated', 'emitted', 'evicted'] as const;
const stateOf = (bar: El) => STATES.find((s) => hasClass(bar, s));

/** An aggregate as the windows carry it: integers as is, other numbers to one decimal. */
const aggText = (v: unknown) =>
	typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(1)) : String(v);

const isWindowCell = (v: unknown): v is { start: number; end: number } =>
	typeof v === 'object' && v !== null && 'start' in v && 'end' in v;

/** The sink's rows of the cursor's batch, as (window in ms, key cells, aggregate cells). */
function sinkWindows(frame: EtFrame) {
	return (frame.lastOutput?.output ?? []).map((row) => {
		const w = row.find(isWindowCell)!;
		const rest = row.filter((c) => !isWindowCell(c));
		const keys = rest.filter((c) => typeof c === 'string');
		const aggs = rest.filter((c) => typeof c !== 'string');
		return { startMs: w.start * 1000, endMs: w.end * 1000, key: keys.join(' · ') || 'all', aggs };
	});
}

describe('WindowsView (server-rendered SVG)', () => {
	for (const f of [SLIDING, TWO_STREAMS, JOIN]) {
		it(`${f.slug} ${f.preset}, seed ${f.seed}, end of batch ${f.batchId}: snapshot`, async () => {
			await expect(normalise(draw(f))).toMatchFileSnapshot(
				`./__snapshots__/windows-view-${f.name}.svg.txt`
			);
		});
	}

	for (const f of ET_FIXTURES.filter((x) => x !== SESSION)) {
		describe(`${f.slug} ${f.preset}, end of batch ${f.batchId}`, () => {
			const svg = svgOf(f);
			const x = scaleFromTicks(
				findAll(svg, (e) => e.attrs['data-axis'] === 'x'),
				'x'
			);

			it('draws one bar per window the engine holds at the cursor, with its state', () => {
				const drawn = bars(svg);
				expect(drawn.map((b) => b.attrs['data-window']).sort()).toEqual(
					f.frame.windows.map((w) => w.window.id).sort()
				);
				for (const w of f.frame.windows) {
					const bar = drawn.find((b) => b.attrs['data-window'] === w.window.id)!;
					expect(stateOf(bar), w.window.id).toBe(w.state);
				}
			});

			it('spans each bar over its window’s event time and labels it with the engine’s aggregate', () => {
				for (const w of f.frame.windows) {
					const bar = bars(svg).find((b) => b.attrs['data-window'] === w.window.id)!;
					const rect = findAll(bar, (e) => e.tag === 'rect')[0]!;
					const left = Number(rect.attrs['x']);
					const right = left + Number(rect.attrs['width']);
					// The bar is inset 1 px each side so neighbours stay apart.
					expect(x.toValue(left - 1)).toBeCloseTo(w.window.startMs, 0);
					expect(x.toValue(right + 1)).toBeCloseTo(w.window.endMs, 0);
					const title = textOf(findAll(bar, (e) => e.tag === 'title')[0]!);
					expect(title.startsWith(`${w.window.key} [`)).toBe(true);
					expect(title).toContain(`${w.latest?.label ?? 'no rows yet'} (${w.state})`);
				}
			});

			it('draws the watermark at the engine’s watermark', () => {
				const line = findAll(svg, (e) => e.tag === 'line' && hasClass(e, 'wm'));
				if (f.run.delayMs === null || !Number.isFinite(f.frame.watermarkMs))
					expect(line).toHaveLength(0);
				else expect(x.toValue(Number(line[0]!.attrs['x1']))).toBeCloseTo(f.frame.watermarkMs, 0);
			});

			it('shows as updated (update) or emitted (append) exactly the windows the sink received in the cursor’s batch', () => {
				if (f.run.outputMode === 'complete') return;
				const mark = f.run.outputMode === 'append' ? 'emitted' : 'updated';
				const sink = sinkWindows(f.frame);
				const marked = bars(svg).filter((b) => stateOf(b) === mark);
				expect(marked).toHaveLength(sink.length);
				for (const row of sink) {
					const w = f.frame.windows.find(
						(x) =>
							x.window.startMs === row.startMs &&
							x.window.endMs === row.endMs &&
							x.window.key === row.key
					);
					expect(w, `${row.key} [${row.startMs}, ${row.endMs})`).toBeDefined();
					const bar = marked.find((b) => b.attrs['data-window'] === w!.window.id);
					expect(bar).toBeDefined();
					expect(textOf(findAll(bar!, (e) => e.tag === 'title')[0]!)).toContain(
						row.aggs.map(aggText).join(' · ')
					);
				}
			});
		});
	}

	it('each fixture shows what it is for: the sliding run has updated and evicted windows, the others emit', () => {
		const states = (f: EtFixture) => new Set(f.frame.windows.map((w) => w.state));
		expect([...states(SLIDING)].sort()).toEqual(['evicted', 'open', 'updated']);
		for (const f of [TWO_STREAMS, JOIN]) expect(states(f).has('emitted')).toBe(true);
	});

	// Sessions come from the session operator's windowUpdated/stateEvicted/sessionsMerged events:
	// every session the sink received is drawn, and a session merged into a larger one is not.
	it('basic-05 session: draws the session windows the sink received, not the merged-away ones', () => {
		expect(sinkWindows(SESSION.frame).length).toBeGreaterThan(0);
		expect(bars(svgOf(SESSION)).length).toBeGreaterThanOrEqual(sinkWindows(SESSION.frame).length);
		const lastId = SESSION.frame.done.at(-1)?.batchId ?? -1;
		for (const w of SESSION.frame.windows) {
			expect(w.window.mergedBatch == null || w.window.mergedBatch > lastId).toBe(true);
		}
	});
});
