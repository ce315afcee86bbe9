/**
 * Paints the event-time plot's aggregated marks on a canvas (the dense layer: thousands of SVG
 * nodes cost layout and paint every frame; one canvas costs one draw). Same marks, same colours
 * and shapes as the SVG layer: circle and square per input, a cross for dropped, a diamond for
 * a duplicate. The colours are the page's CSS variables, read from the canvas's own style.
 */
import type { DenseMark } from './dense';
import { fitCanvas, palette } from '../canvas';

export function paintMarks(
	canvas: HTMLCanvasElement,
	marks: readonly DenseMark[],
	width: number,
	height: number
): void {
	const ctx = fitCanvas(canvas, width, height);
	if (!ctx) return;
	const colour = palette(canvas);
	const inputs = [colour('--c-blue'), colour('--c-green')];
	const red = colour('--c-vermillion');
	const purple = colour('--c-purple');
	ctx.lineWidth = 1.4;
	for (const m of marks) {
		const c = inputs[m.shape] ?? inputs[0]!;
		ctx.beginPath();
		if (m.kind === 'dropped') {
			const r = Math.max(3.5, m.r);
			ctx.moveTo(m.x - r, m.y - r);
			ctx.lineTo(m.x + r, m.y + r);
			ctx.moveTo(m.x - r, m.y + r);
			ctx.lineTo(m.x + r, m.y - r);
			ctx.strokeStyle = red;
			ctx.lineWidth = 2;
			ctx.stroke();
			ctx.lineWidth = 1.4;
			continue;
		}
		if (m.kind === 'duplicate') {
			const r = Math.max(4, m.r * 1.2);
			ctx.moveTo(m.x, m.y - r);
			ctx.lineTo(m.x + r, m.y);
			ctx.lineTo(m.x, m.y + r);
			ctx.lineTo(m.x - r, m.y);
			ctx.closePath();
			ctx.strokeStyle = purple;
			ctx.stroke();
			continue;
		}
		if (m.shape === 1) ctx.rect(m.x - m.r, m.y - m.r, 2 * m.r, 2 * m.r);
		else ctx.arc(m.x, m.y, m.r, 0, 2 * Math.PI);
		if (m.kind === 'pending') {
			ctx.strokeStyle = c;
			ctx.stroke();
		} else {
			ctx.fillStyle = c;
			ctx.globalAlpha = 0.75;
			ctx.fill();
			ctx.globalAlpha = 1;
		}
	}
}
