/**
 * Paints the event-time plot's aggregated marks on a canvas (the dense layer: thousands of SVG
 * nodes cost layout and paint every frame; one canvas costs one draw). Same marks, same colours
 * and shapes as the SVG layer: circle and square per input, a cross for dropped, a diamond for
 * a duplicate. The colours are the page's CSS variables, read from the canvas's own style.
 */
import type { DenseMark } from './dense';

interface Colours {
	readonly key: string;
	readonly inputs: readonly string[];
	readonly red: string;
	readonly purple: string;
}

const cache = new WeakMap<HTMLCanvasElement, Colours>();

/** The palette, read from CSS once per theme (reading computed style every frame cost ~5 % of
 *  a frame at 20x). */
function coloursOf(canvas: HTMLCanvasElement): Colours {
	const key = `${document.documentElement.dataset.theme ?? ''}|${matchMedia('(prefers-color-scheme: dark)').matches}`;
	const hit = cache.get(canvas);
	if (hit?.key === key) return hit;
	const css = getComputedStyle(canvas);
	const colour = (name: string) => css.getPropertyValue(name).trim() || '#000';
	const c = {
		key,
		inputs: [colour('--c-blue'), colour('--c-green')],
		red: colour('--c-vermillion'),
		purple: colour('--c-purple')
	};
	cache.set(canvas, c);
	return c;
}

export function paintMarks(
	canvas: HTMLCanvasElement,
	marks: readonly DenseMark[],
	width: number,
	height: number
): void {
	const dpr = globalThis.devicePixelRatio || 1;
	const w = Math.round(width * dpr);
	const h = Math.round(height * dpr);
	if (canvas.width !== w) canvas.width = w;
	if (canvas.height !== h) canvas.height = h;
	const ctx = canvas.getContext('2d');
	if (!ctx) return;
	const { inputs, red, purple } = coloursOf(canvas);
	ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
	ctx.clearRect(0, 0, width, height);
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
