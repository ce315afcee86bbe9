/**
 * Paints the micro-batch timeline's row dots on a canvas when they are many (layout's `dense`):
 * the same dots, radius and colours as the SVG circles (waiting: a muted ring; in the running
 * batch: orange; committed: blue or green by batch parity), from the page's CSS variables.
 */
import { fitCanvas, palette } from '../canvas';
import type { TimelineLayout } from './layout';

/** The SVG circle's radius (MicroBatchTimeline.svelte's `.dot`). */
export const DOT_R = 2.6;

export function paintDots(
	canvas: HTMLCanvasElement,
	g: Pick<TimelineLayout, 'dots' | 'width' | 'height' | 'plotX' | 'offset'>,
	cssWidth: number
): void {
	const ctx = fitCanvas(canvas, cssWidth, (cssWidth * g.height) / g.width, g.width);
	if (!ctx) return;
	// The dots sit on the run's strip; the window shows it from `offset` (as the SVG's transform).
	ctx.translate(g.plotX + g.offset, 0);
	const colour = palette(canvas);
	const fill = {
		running: colour('--c-orange'),
		committed: colour('--c-blue'),
		odd: colour('--c-green')
	};
	ctx.strokeStyle = colour('--fg-muted');
	ctx.lineWidth = 1;
	// One path per colour: a fill per dot would be thousands of draw calls.
	for (const [key, c] of Object.entries(fill)) {
		ctx.beginPath();
		for (const d of g.dots) {
			const k = d.status === 'committed' && d.odd ? 'odd' : d.status;
			if (k !== key) continue;
			ctx.moveTo(d.cx + DOT_R, d.cy);
			ctx.arc(d.cx, d.cy, DOT_R, 0, 2 * Math.PI);
		}
		ctx.fillStyle = c;
		ctx.fill();
	}
	ctx.beginPath();
	for (const d of g.dots) {
		if (d.status !== 'waiting') continue;
		ctx.moveTo(d.cx + DOT_R, d.cy);
		ctx.arc(d.cx, d.cy, DOT_R, 0, 2 * Math.PI);
	}
	ctx.stroke();
}
