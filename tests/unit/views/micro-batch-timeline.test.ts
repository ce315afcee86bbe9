import { describe, expect, it } from 'vitest';
import { microBatchScenario } from '../../../simulations/kinds/micro-batch/questions';
import { defaultParams } from '../../../simulations/core/params';
import {
	describeTimeline,
	layoutTimeline,
	MAX_MARKS,
	visibleWindow
} from '../../../src/lib/views/micro-batch-timeline/layout';
import { buildTrace } from '../../../simulations/kinds/micro-batch/engine';

const basic11 = microBatchScenario('basic-11-micro-batches')!;
const run = (over: Record<string, number | string> = {}) =>
	buildTrace(basic11, { ...defaultParams(basic11.schema), ...over }, 1);

describe('layoutTimeline (basic-11 defaults: processingTime 2 s, 100 rows/s)', () => {
	const trace = run();
	const b3 = trace.batches[3]!;

	it('visibleWindow scrolls so the cursor sits at three quarters of a 12 s span', () => {
		expect(visibleWindow(trace, 3000)).toEqual([0, 12_000]);
		expect(visibleWindow(trace, 30_000)).toEqual([21_000, 33_000]);
	});

	it('visibleWindow shows 6 s on a 390 px phone, and three intervals when the trigger is slow', () => {
		expect(visibleWindow(trace, 30_000, 360)).toEqual([25_500, 31_500]);
		const [from, to] = visibleWindow(run({ triggerInterval: 10 }), 30_000);
		expect(to - from).toBe(30_000);
	});

	it('draws one bar per triggered batch, the running one only up to the cursor', () => {
		const mid = b3.triggerAt + 100;
		const g = layoutTimeline(trace, mid, { width: 960 });
		expect(g.bars.map((b) => b.id)).toEqual([0, 1, 2, 3]);
		const running = g.bars.at(-1)!;
		const drawn = running.segments.reduce((w, s) => w + s.w, 0);
		// The bars are on the run's strip, the cursor in the plot: the window's offset joins them.
		expect(drawn).toBeCloseTo(g.cursorX - (g.plotX + g.offset + running.segments[0]!.x), 5);
	});

	it('rows of the running batch are "running" and sit in partition lanes; later rows wait', () => {
		const g = layoutTimeline(trace, b3.triggerAt + 100, { width: 960 });
		const partLane = g.lanes[1]!;
		const running = g.dots.filter((d) => d.status === 'running');
		expect(running.length).toBe(b3.numInputRows);
		for (const d of running) {
			expect(d.cy).toBeGreaterThanOrEqual(partLane.y);
			expect(d.cy).toBeLessThanOrEqual(partLane.y + partLane.h);
		}
		expect(g.dots.some((d) => d.status === 'waiting')).toBe(true);
	});

	it('playing scrolls the window by its offset: what is finished keeps its x', () => {
		const a = layoutTimeline(trace, 20_000, { width: 960 });
		const b = layoutTimeline(trace, 20_300, { width: 960 });
		expect(b.offset).toBeLessThan(a.offset);
		const done = (g: typeof a) => g.bars.filter((bar) => trace.batches[bar.id]!.commitAt <= 20_000);
		expect(done(b).length).toBeGreaterThan(0);
		for (const bar of done(b)) expect(bar).toEqual(done(a).find((o) => o.id === bar.id));
		const axis = new Map(a.axis.map((t) => [t.label, t.x]));
		for (const t of b.axis.filter((t) => axis.has(t.label))) expect(t.x).toBe(axis.get(t.label));
	});

	it('grid lines fall on the trigger interval, evenly spaced', () => {
		const g = layoutTimeline(trace, 20_000, { width: 960 });
		const gaps = g.grid.slice(1).map((l, i) => l.x - g.grid[i]!.x);
		for (const gap of gaps) expect(gap).toBeCloseTo((2000 / 12_000) * (960 - 74 - 12), 5);
	});

	it('at 10 000 rows/s a window holds at most MAX_MARKS marks, one standing for several rows', () => {
		const g = layoutTimeline(run({ eventRate: 10_000 }), 30_000, { width: 960 });
		expect(g.dots.length).toBeLessThanOrEqual(MAX_MARKS);
		expect(g.sampleEvery).toBeGreaterThan(1);
		// The stride is coprime with numPartitions, so both partitions still get marks.
		expect(
			new Set(g.dots.filter((d) => d.status !== 'waiting').map((d) => d.cy > g.lanes[1]!.y + 48))
				.size
		).toBe(2);
	});

	it('the sub-second trigger draws idle ticks between batch ticks', () => {
		const g = layoutTimeline(run({ triggerInterval: 0.25 }), 10_000, { width: 960 });
		expect(g.ticks.filter((t) => t.idle).length).toBeGreaterThan(
			g.ticks.filter((t) => !t.idle).length
		);
	});

	it('overrun: falling-behind batches are flagged and the latency strip rises', () => {
		const over = run({ eventRate: 2000, perRowCost: 900 });
		const g = layoutTimeline(over, 30_000, { width: 960 });
		expect(g.bars.some((b) => b.behind)).toBe(true);
		expect(describeTimeline(over, 30_000)).toMatch(/batches ran longer than the trigger interval/);
	});

	it('describeTimeline states the committed count and the last batch', () => {
		const text = describeTimeline(trace, b3.commitAt);
		expect(text).toContain('4 batches committed');
		expect(text).toContain(`batch 3, ${b3.numInputRows} rows`);
	});
});

describe('layoutTimeline of a rejected query', () => {
	it('append-rejected draws no rows, bars or grid', () => {
		const s = microBatchScenario('basic-01-stream-processing')!;
		const trace = buildTrace(s, { ...defaultParams(s.schema), outputMode: 'append' }, 1);
		const g = layoutTimeline(trace, 5000, { width: 960 });
		expect([g.dots.length, g.bars.length, g.grid.length]).toEqual([0, 0, 0]);
	});
});
