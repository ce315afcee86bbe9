/**
 * The dense canvas layers paint exactly what their pure layout returned: every dot once, at the
 * layout's position, in the colour its SVG circle had (the page's CSS variables, re-read when
 * the theme or presenter mode changes), sized in device pixels. A recording 2D context stands
 * in for the browser's canvas.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fitCanvas, palette } from '$lib/views/canvas';
import { paintDots, DOT_R } from '$lib/views/micro-batch-timeline/paint';
import { paintChartDots } from '$lib/views/cluster/paint';
import { DENSE_CHART_DOTS, drawChart, nearestDot } from '$lib/views/cluster/layout';
import { DENSE_DOTS, layoutTimeline } from '$lib/views/micro-batch-timeline/layout';
import { microBatchScenario } from '../../../simulations/kinds/micro-batch/questions';
import { defaultParams } from '../../../simulations/core/params';
import { buildTrace } from '../../../simulations/kinds/micro-batch/engine';

interface Painted {
	arcs: { x: number; y: number; r: number }[];
	/** One entry per fill() or stroke(): the style and how many arcs the path held. */
	draws: { op: 'fill' | 'stroke'; style: string; arcs: number }[];
	transform: number[];
	/** Where translate() moved the origin (a scrolled layer's offset), in drawing units. */
	translated: [number, number];
}

/** A canvas whose context records the arcs of each path and the style each path was drawn in. */
function fakeCanvas(presenting = false) {
	const painted: Painted = { arcs: [], draws: [], transform: [], translated: [0, 0] };
	let pathArcs = 0;
	const ctx = {
		fillStyle: '',
		strokeStyle: '',
		lineWidth: 1,
		globalAlpha: 1,
		setTransform: (...m: number[]) => {
			painted.transform = m;
			painted.translated = [0, 0];
		},
		translate: (x: number, y: number) => (painted.translated = [x, y]),
		clearRect: () => {
			painted.arcs = [];
			painted.draws = [];
		},
		beginPath: () => (pathArcs = 0),
		moveTo: () => {},
		arc: (x: number, y: number, r: number) => {
			painted.arcs.push({ x, y, r });
			pathArcs++;
		},
		fill: () => painted.draws.push({ op: 'fill', style: ctx.fillStyle, arcs: pathArcs }),
		stroke: () => painted.draws.push({ op: 'stroke', style: ctx.strokeStyle, arcs: pathArcs })
	};
	const canvas = {
		width: 0,
		height: 0,
		getContext: () => ctx,
		closest: (sel: string) => (sel === '.presenting' && presenting ? {} : null)
	};
	return { canvas: canvas as unknown as HTMLCanvasElement, painted };
}

const LIGHT: Record<string, string> = {
	'--c-blue': '#0072b2',
	'--c-green': '#009e73',
	'--c-orange': '#e69f00',
	'--fg-muted': '#555555'
};
const DARK: Record<string, string> = {
	'--c-blue': '#56b4e9',
	'--c-green': '#3fd0a0',
	'--c-orange': '#f0b840',
	'--fg-muted': '#aaaaaa'
};
let vars = LIGHT;
const root = { dataset: {} as Record<string, string> };

beforeEach(() => {
	vars = LIGHT;
	root.dataset = {};
	vi.stubGlobal('document', { documentElement: root });
	vi.stubGlobal('getComputedStyle', () => ({ getPropertyValue: (n: string) => vars[n] ?? '' }));
	vi.stubGlobal('devicePixelRatio', 1);
});
afterEach(() => vi.unstubAllGlobals());

const basic11 = microBatchScenario('basic-11-micro-batches')!;
const trace = (eventRate: number) =>
	buildTrace(basic11, { ...defaultParams(basic11.schema), eventRate }, 1);

describe('micro-batch timeline dots', () => {
	it('a few dots stay SVG circles; hundreds become the canvas layer', () => {
		const few = layoutTimeline(trace(5), 20_000, { width: 960 });
		expect(few.dots.length).toBeGreaterThan(0);
		expect(few.dots.length).toBeLessThanOrEqual(DENSE_DOTS);
		expect(few.dense).toBe(false);
		const many = layoutTimeline(trace(1000), 20_000, { width: 960 });
		expect(many.dots.length).toBeGreaterThan(DENSE_DOTS);
		expect(many.dense).toBe(true);
	});

	it('paints every dot once, where layout put it, in its status colour', () => {
		const g = layoutTimeline(trace(1000), 20_000, { width: 960 });
		const { canvas, painted } = fakeCanvas();
		paintDots(canvas, g, 480);
		// The dots are on the run's strip: painted through the window's scroll, as the SVG is.
		expect(painted.translated).toEqual([g.plotX + g.offset, 0]);
		const key = (p: { x: number; y: number }) => `${p.x.toFixed(3)},${p.y.toFixed(3)}`;
		expect(painted.arcs.map(key).sort()).toEqual(
			g.dots.map((d) => key({ x: d.cx, y: d.cy })).sort()
		);
		expect(new Set(painted.arcs.map((a) => a.r))).toEqual(new Set([DOT_R]));
		const count = (f: (d: (typeof g.dots)[number]) => boolean) => g.dots.filter(f).length;
		const drawn = Object.fromEntries(painted.draws.map((d) => [`${d.op} ${d.style}`, d.arcs]));
		expect(drawn).toEqual({
			'fill #e69f00': count((d) => d.status === 'running'),
			'fill #0072b2': count((d) => d.status === 'committed' && !d.odd),
			'fill #009e73': count((d) => d.status === 'committed' && d.odd),
			'stroke #555555': count((d) => d.status === 'waiting')
		});
		// The drawing's 960 units across 480 CSS pixels, at the SVG's aspect ratio.
		expect(canvas.width).toBe(480);
		expect(canvas.height).toBe(Math.round((480 * g.height) / g.width));
		expect(painted.transform).toEqual([0.5, 0, 0, 0.5, 0, 0]);
	});
});

describe('cluster chart dots', () => {
	const spec = (n: number) => ({
		id: 'c',
		title: 'Delay',
		unit: 's',
		x: [0, n] as const,
		series: [
			{
				id: 'a',
				label: 'scheduling delay',
				colour: 'var(--c-orange)',
				points: Array.from({ length: n }, (_, i) => ({ x: i, y: i % 7, batchId: i }))
			},
			{
				id: 'b',
				label: 'producers',
				colour: 'var(--fg-muted)',
				points: Array.from({ length: n }, (_, i) => ({ x: i, y: 3, batchId: null }))
			}
		]
	});

	it('is dense only above DENSE_CHART_DOTS batch dots (points of no batch are no dots)', () => {
		const s = (n: number) => drawChart(spec(n), 300, 150, null, String);
		expect(s(DENSE_CHART_DOTS).dense).toBe(false);
		expect(s(DENSE_CHART_DOTS + 1).dense).toBe(true);
	});

	it('paints each series’ dots in its resolved colour; the nearest dot answers a click', () => {
		const chart = drawChart(spec(200), 300, 150, null, String);
		const { canvas, painted } = fakeCanvas();
		paintChartDots(canvas, chart);
		expect(painted.draws).toEqual([
			{ op: 'fill', style: '#e69f00', arcs: 200 },
			{ op: 'fill', style: '#555555', arcs: 0 }
		]);
		const d = chart.series[0]!.dots[42]!;
		expect(nearestDot(chart, d.cx + 0.1, d.cy + 1)).toMatchObject({
			batchId: 42,
			series: 'scheduling delay'
		});
		expect(nearestDot(chart, -100, -100)).toBeNull();
	});
});

describe('fitCanvas and palette', () => {
	it('sizes the canvas in device pixels and draws in CSS pixels', () => {
		vi.stubGlobal('devicePixelRatio', 2);
		const { canvas, painted } = fakeCanvas();
		fitCanvas(canvas, 300, 100);
		expect([canvas.width, canvas.height]).toEqual([600, 200]);
		expect(painted.transform).toEqual([2, 0, 0, 2, 0, 0]);
	});

	it('re-reads the colours when the theme or presenter mode changes, not otherwise', () => {
		const { canvas } = fakeCanvas();
		expect(palette(canvas)('var(--c-blue)')).toBe('#0072b2');
		vars = DARK;
		// Same theme: the cached colour (the CSS is not read again per frame).
		expect(palette(canvas)('var(--c-blue)')).toBe('#0072b2');
		root.dataset.theme = 'dark';
		expect(palette(canvas)('var(--c-blue)')).toBe('#56b4e9');
		const presenting = fakeCanvas(true).canvas;
		vars = LIGHT;
		expect(palette(presenting)('--c-green')).toBe('#009e73');
		expect(palette(canvas)('#123456')).toBe('#123456');
	});
});
