/**
 * The "Progress and state store" panel server-rendered on fixed engine runs: ProgressCharts
 * (the Spark UI's Structured Streaming tab) and StateStoreView (lastProgress.stateOperators).
 * Each chart's series has one point per progress record the engine reported by the cursor, at
 * the record's trigger time and value; the state-store table has one row per stateful operator
 * with the engine's numbers. QueryMetrics itself prerenders folded.
 */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { EtBatch } from '$sim/kinds/event-time/frames';
import ProgressCharts from '$lib/views/progress-charts/ProgressCharts.svelte';
import QueryMetrics from '$lib/views/progress-charts/QueryMetrics.svelte';
import StateStoreView from '$lib/views/state-store/StateStoreView.svelte';
import { ET_FIXTURES, JOIN, SLIDING, TWO_STREAMS, type EtFixture } from './fixtures/engine-runs';
import { findAll, hasClass, normalise, one, parseMarkup, textOf, type El } from './fixtures/markup';
import { pathPoints, scaleFromTicks, type Scale } from './fixtures/scales';

const charts = (f: EtFixture) =>
	render(ProgressCharts, { props: { run: f.run, frame: f.frame } }).body;
const store = (f: EtFixture) => render(StateStoreView, { props: { frame: f.frame } }).body;

/** The y scale of one chart, from its ticks' data values (their labels are SI-abbreviated). */
function yScale(svg: El): Scale {
	const ticks = findAll(svg, (e) => e.attrs['data-axis'] === 'y').map((t) => ({
		px: Number(t.attrs['y']) - 4,
		v: Number(t.attrs['data-v'])
	}));
	const a = ticks[0]!;
	const b = ticks.at(-1)!;
	const k = (b.v - a.v) / (b.px - a.px);
	return { toValue: (px) => a.v + (px - a.px) * k, toPx: (v) => a.px + (v - a.v) / k };
}

type Reported = EtBatch & { progress: NonNullable<EtBatch['progress']> };

/** What each series plots, read straight from the engine's records (null: Spark plots nothing). */
const METRICS: Record<string, (b: Reported) => number | null> = {
	inputRowsPerSecond: (b) => b.progress.inputRowsPerSecond,
	processedRowsPerSecond: (b) => b.progress.processedRowsPerSecond,
	batchDuration: (b) => b.progress.batchDuration,
	// Spark's Global Watermark Gap: trigger time − watermark, once there is a watermark.
	watermarkGapS: (b) =>
		Number.isFinite(b.watermarkMs) ? (b.startMs - b.watermarkMs) / 1000 : null,
	numRowsTotal: (b) => b.progress.stateOperators.reduce((n, s) => n + s.numRowsTotal, 0)
};

describe('ProgressCharts (server-rendered)', () => {
	for (const f of [SLIDING, JOIN]) {
		it(`${f.slug} ${f.preset}, seed ${f.seed}, end of batch ${f.batchId}: snapshot`, async () => {
			await expect(normalise(charts(f))).toMatchFileSnapshot(
				`./__snapshots__/progress-charts-${f.name}.html.txt`
			);
		});
	}

	for (const f of ET_FIXTURES) {
		it(`${f.slug} ${f.preset}, end of batch ${f.batchId}: one point per progress record reported by the cursor, at its trigger time and value`, () => {
			const view = one(parseMarkup(charts(f)), 'view-progress');
			const reported = f.frame.done.filter((b): b is Reported => b.progress !== undefined);
			expect(reported.length).toBe(f.frame.done.length);
			const figures = findAll(view, (e) => e.tag === 'figure');
			expect(figures.map((e) => e.attrs['data-chart'])).toEqual([
				'rates',
				'duration',
				'watermark',
				'state'
			]);
			let checked = 0;
			for (const fig of figures) {
				const svg = findAll(fig, (e) => e.tag === 'svg')[0]!;
				const x = scaleFromTicks(
					findAll(svg, (e) => e.attrs['data-axis'] === 'x'),
					'x'
				);
				const y = yScale(svg);
				for (const path of findAll(svg, (e) => e.tag === 'path' && hasClass(e, 'series'))) {
					const metric = Object.keys(METRICS).find((m) => hasClass(path, m));
					if (!metric) continue;
					const expected = reported.flatMap((b) => {
						const v = METRICS[metric]!(b);
						return v === null ? [] : [[b.startMs, v] as const];
					});
					const pts = path.attrs['d'] ? pathPoints(path.attrs['d']) : [];
					expect(pts, `${metric}`).toHaveLength(expected.length);
					pts.forEach(([px, py], i) => {
						expect(x.toValue(px)).toBeCloseTo(expected[i]![0], 0);
						expect(y.toValue(py)).toBeCloseTo(expected[i]![1], 1);
					});
					checked++;
				}
			}
			expect(checked).toBe(Object.keys(METRICS).length);
		});
	}
});

describe('StateStoreView (server-rendered)', () => {
	for (const f of [TWO_STREAMS, JOIN]) {
		it(`${f.slug} ${f.preset}, seed ${f.seed}, end of batch ${f.batchId}: snapshot`, async () => {
			await expect(normalise(store(f))).toMatchFileSnapshot(
				`./__snapshots__/state-store-${f.name}.html.txt`
			);
		});
	}

	for (const f of ET_FIXTURES) {
		it(`${f.slug} ${f.preset}, end of batch ${f.batchId}: one row per stateful operator with the engine’s StateOperatorProgress`, () => {
			const view = one(parseMarkup(store(f)), 'view-state-store');
			const last = f.frame.done.at(-1)!;
			const ops = last.progress!.stateOperators;
			expect(ops.length).toBeGreaterThan(0);
			const rows = findAll(view, (e) => e.tag === 'tr' && e.attrs['data-operator'] !== undefined);
			expect(rows.map((r) => r.attrs['data-operator'])).toEqual(ops.map((o) => o.operatorName));
			const field = (r: El, name: string) =>
				Number(textOf(findAll(r, (e) => e.attrs['data-field'] === name)[0]!));
			rows.forEach((r, i) => {
				const op = ops[i]!;
				expect(field(r, 'numRowsTotal')).toBe(op.numRowsTotal);
				expect(field(r, 'numRowsUpdated')).toBe(op.numRowsUpdated);
				expect(field(r, 'numRowsRemoved')).toBe(op.numRowsRemoved);
				expect(field(r, 'numRowsDroppedByWatermark')).toBe(op.numRowsDroppedByWatermark);
				// The sparkline: this operator's numRowsTotal after every batch so far.
				const history = f.frame.done.map((b) => b.progress!.stateOperators[i]!.numRowsTotal);
				expect(textOf(findAll(r, (e) => e.tag === 'title')[0]!)).toBe(
					`numRowsTotal by batch: ${history.join(', ')}`
				);
			});
			const total = findAll(view, (e) => e.attrs['data-field'] === 'totalRows');
			if (ops.length > 1) expect(Number(textOf(total[0]!))).toBe(last.numStateRows);
			expect(textOf(findAll(view, (e) => e.tag === 'h3')[0]!)).toContain(`batch ${last.batchId}`);
		});
	}

	it('the join fixture lists both operators, sink first: the aggregation, then the join buffers', () => {
		const rows = findAll(
			one(parseMarkup(store(JOIN)), 'view-state-store'),
			(e) => e.attrs['data-operator'] !== undefined
		);
		expect(rows.map((r) => r.attrs['data-operator'])).toEqual([
			'stateStoreSave',
			'symmetricHashJoin'
		]);
	});
});

describe('QueryMetrics (server-rendered)', () => {
	it('prerenders folded, computing no chart (it opens after hydration on wide screens)', () => {
		const root = parseMarkup(
			render(QueryMetrics, { props: { run: SLIDING.run, frame: SLIDING.frame } }).body
		);
		const details = one(root, 'query-metrics');
		expect(details.attrs['open']).toBeUndefined();
		expect(findAll(details, (e) => e.tag === 'svg')).toHaveLength(0);
	});
});
