/**
 * Paints a cluster chart's batch dots on a canvas when they are many (layout's `dense`): the
 * dots drawChart placed, in their series' colours (CSS variables resolved on the canvas), at
 * the small radius the SVG used for many points.
 */
import { fitCanvas, palette } from '../canvas';
import type { DrawnChart } from './layout';

/** The SVG's radius for a chart with many points (LineChart.svelte). */
export const DENSE_DOT_R = 2;

export function paintChartDots(
	canvas: HTMLCanvasElement,
	chart: Pick<DrawnChart, 'series' | 'width' | 'height'>
): void {
	const ctx = fitCanvas(canvas, chart.width, chart.height);
	if (!ctx) return;
	const colour = palette(canvas);
	for (const s of chart.series) {
		ctx.beginPath();
		for (const d of s.dots) {
			ctx.moveTo(d.cx + DENSE_DOT_R, d.cy);
			ctx.arc(d.cx, d.cy, DENSE_DOT_R, 0, 2 * Math.PI);
		}
		ctx.fillStyle = colour(s.colour);
		ctx.fill();
	}
}
