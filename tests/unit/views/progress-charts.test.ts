import { describe, expect, it } from 'vitest';
import { frameAt } from '../../../simulations/kinds/event-time/frames';
import { runEventTimeProgram } from '../../../simulations/kinds/event-time/run';
import { EVENT_TIME_SCENARIOS } from '../../../simulations/kinds/event-time/questions';
import { defaultParams } from '../../../simulations/core/params';
import {
	CHARTS,
	chartsAfter,
	describeProgress,
	layoutProgressCharts,
	pointsAt,
	progressPoints
} from '../../../src/lib/views/progress-charts/layout';
import { NO_WATERMARK, RUN } from './fixtures/progress-run';

const chart = (g: ReturnType<typeof layoutProgressCharts>, id: string) =>
	g.charts.find((c) => c.id === id)!;
const pathPoints = (d: string) => (d.match(/[ML]/g) ?? []).length;

describe('progressPoints', () => {
	const pts = progressPoints(RUN);

	it('reads Spark’s fields from each batch’s StreamingQueryProgress', () => {
		expect(
			pts.map((p) => [
				p.batchId,
				p.t,
				p.inputRowsPerSecond,
				p.processedRowsPerSecond,
				p.batchDuration
			])
		).toEqual([
			[0, 2000, 0, 40, 100],
			[1, 4000, 3, 30, 200],
			[2, 6000, 1, 20, 100]
		]);
		expect(pts.map((p) => p.numRowsTotal)).toEqual([6, 13, 9]);
	});

	it('Global Watermark Gap is batch timestamp − watermark, skipped while the watermark is 0', () => {
		expect(pts.map((p) => p.watermarkGapS)).toEqual([null, 3, 3]);
	});

	it('max event time − watermark comes from eventTime.max and eventTime.watermark', () => {
		expect(pts.map((p) => p.maxEventTimeGapS)).toEqual([null, 4, 1.5]);
	});

	it('a batch’s point is reported when the batch ends, not when it starts', () => {
		expect(pointsAt(pts, 4100).map((p) => p.batchId)).toEqual([0]);
		expect(pointsAt(pts, 4200).map((p) => p.batchId)).toEqual([0, 1]);
		expect(pointsAt(pts, 0)).toEqual([]);
	});
});

describe('layoutProgressCharts', () => {
	it('draws four charts with the Spark UI’s titles', () => {
		const g = layoutProgressCharts(RUN, 8000, 400);
		expect(g.charts.map((c) => c.title)).toEqual([
			'Input Rate vs Process Rate',
			'Batch Duration',
			'Global Watermark Gap',
			'Aggregated Number Of Total State Rows'
		]);
		expect(CHARTS.map((c) => c.unit)).toEqual(['rows/s', 'ms', 's', 'rows']);
	});

	it('lines run up to the cursor and end at the latest reported values', () => {
		const g = layoutProgressCharts(RUN, 5000, 400);
		const rates = chart(g, 'rates');
		expect(rates.series.map((s) => pathPoints(s.path))).toEqual([2, 2]);
		expect(rates.series.map((s) => s.last?.text)).toEqual(['3', '30']);
		expect(chart(g, 'duration').series[0]?.last?.text).toBe('200');
		expect(chart(g, 'state').series[0]?.last?.text).toBe('13');
		// The watermark was 0 in batch 0: one defined point, no line yet.
		expect(chart(g, 'watermark').series.map((s) => s.last?.text)).toEqual(['3', '4']);
	});

	it('the cursor moves along processing time; the axes do not', () => {
		const a = layoutProgressCharts(RUN, 2000, 400);
		const b = layoutProgressCharts(RUN, 8000, 400);
		expect(a.cursorX).toBeLessThan(b.cursorX);
		expect(b.cursorX).toBeCloseTo(b.plot.x1);
		expect(a.charts.map((c) => c.yTicks)).toEqual(b.charts.map((c) => c.yTicks));
		expect(a.xTicks).toEqual(b.xTicks);
	});

	it('points sit at their trigger’s timestamp on the shared x scale', () => {
		const g = layoutProgressCharts(RUN, 8000, 400);
		const x = (ms: number) => g.plot.x0 + ((g.plot.x1 - g.plot.x0) * ms) / 8000;
		expect(chart(g, 'state').series[0]?.last?.x).toBeCloseTo(x(6000));
	});

	it('without withWatermark the gap chart is empty and says why', () => {
		const g = layoutProgressCharts(NO_WATERMARK, 8000, 400);
		const w = chart(g, 'watermark');
		expect(w.series.every((s) => s.path === '' && s.last === null)).toBe(true);
		expect(w.note).toMatch(/no withWatermark/);
		expect(chart(g, 'state').note).toBeNull();
	});

	it('between two reports only the cursor moves: the charts are the ones laid out from the count', () => {
		// Batch 1 reports at 4,200 ms and batch 2 later: 4,300 and 5,000 ms see the same two points.
		const a = layoutProgressCharts(RUN, 4300, 400);
		const b = layoutProgressCharts(RUN, 5000, 400);
		expect(b.cursorX).toBeGreaterThan(a.cursorX);
		const { cursorX: _a, ...chartsA } = a;
		const { cursorX: _b, ...chartsB } = b;
		expect(chartsB).toEqual(chartsA);
		expect(chartsA).toEqual(chartsAfter(RUN, 2, 400));
		expect(describeProgress(RUN, 4300)).toBe(describeProgress(RUN, 5000));
	});

	it('describes the latest values for screen readers', () => {
		expect(describeProgress(RUN, 1000)).toMatch(/no batch has reported progress yet/);
		const s = describeProgress(RUN, 6100);
		expect(s).toContain('batch 2');
		expect(s).toContain('Input Rate 1 rows/s');
		expect(s).toContain('Process Rate 20 rows/s');
		expect(s).toContain('Batch Duration 100 ms');
		expect(s).toContain('Global Watermark Gap 3 s');
		expect(s).toContain('Aggregated Number Of Total State Rows 9');
	});
});

describe('progress charts on an engine run (basic-08, defaults, seed 1)', () => {
	const s = EVENT_TIME_SCENARIOS['basic-08-late-data']!;
	const p = s.constrain(defaultParams(s.schema)).params;
	const r = runEventTimeProgram(s.program(p), {
		input: s.input(p, 1),
		kafkaValue: (e) => s.kafkaValue(e)
	});
	if (!r.ok) throw new Error(r.error.message);
	const run = r.value;

	it('every batch carries its progress record', () => {
		expect(run.batches.length).toBeGreaterThan(5);
		expect(run.batches.every((b) => b.progress?.batchId === b.batchId)).toBe(true);
	});

	it('the state-rows chart ends at the facts line’s state rows at every batch end', () => {
		for (const b of run.batches) {
			const g = layoutProgressCharts(run, b.endMs, 400);
			const frame = frameAt(run, b.endMs);
			expect(chart(g, 'state').series[0]?.last?.text).toBe(String(frame.done.at(-1)?.numStateRows));
		}
	});

	it('the watermark trails the batch timestamp by at least the delay once it is set', () => {
		const gaps = progressPoints(run).flatMap((q) =>
			q.watermarkGapS === null ? [] : [q.watermarkGapS]
		);
		expect(gaps.length).toBe(run.batches.length - 1);
		expect(Math.min(...gaps)).toBeGreaterThanOrEqual((run.delayMs ?? 0) / 1000);
	});
});
