/**
 * What every dense layer needs to paint on a canvas the way its SVG would have drawn it: the
 * canvas sized in device pixels (sharp on a retina screen or a projector) with its drawing in
 * CSS pixels, and the page's colours read from CSS custom properties (so dark mode and the
 * presenter's palette match the SVG marks). The marks themselves come from each view's pure
 * layout; a painter only draws what the layout returned.
 */

/** Size the canvas for `width` x `height` CSS pixels at the screen's pixel ratio, scaling a drawing
 *  laid out in `viewWidth` units across `width` pixels; cleared, ready to draw. */
export function fitCanvas(
	canvas: HTMLCanvasElement,
	width: number,
	height: number,
	viewWidth = width
): CanvasRenderingContext2D | null {
	const dpr = (globalThis.devicePixelRatio || 1) * zoomOf(canvas);
	const w = Math.max(1, Math.round(width * dpr));
	const h = Math.max(1, Math.round(height * dpr));
	if (canvas.width !== w) canvas.width = w;
	if (canvas.height !== h) canvas.height = h;
	const ctx = canvas.getContext('2d');
	if (!ctx) return null;
	const k = (width / (viewWidth || width)) * dpr;
	ctx.setTransform(1, 0, 0, 1, 0, 0);
	ctx.clearRect(0, 0, w, h);
	ctx.setTransform(k, 0, 0, k, 0, 0);
	return ctx;
}

const narrow = globalThis.matchMedia?.('(max-width: 1099px)');
const zooms = new WeakMap<Element, { key: string; zoom: number }>();

/**
 * Presenter mode zooms the drawing (CSS zoom, by a media query): paint at the zoomed size too,
 * or it blurs. Read once per presenting state and window size: reading currentCSSZoom forces a
 * style recalculation, and a dozen charts each forcing one cost ~20 ms a frame.
 */
function zoomOf(el: Element): number {
	// innerWidth would force a layout too; presenting's zoom steps at one width (SimPanel.svelte).
	const key = `${el.closest('.presenting') !== null}|${narrow?.matches ?? false}`;
	const hit = zooms.get(el);
	if (hit?.key === key) return hit.zoom;
	const zoom = (el as { currentCSSZoom?: number }).currentCSSZoom || 1;
	zooms.set(el, { key, zoom });
	return zoom;
}

const darkScheme = globalThis.matchMedia?.('(prefers-color-scheme: dark)');

/** The theme the element shows now: a change of it (the toggle, the OS scheme, presenter mode's
 *  projector palette) re-reads colours. */
function themeKey(el: Element): string {
	const dark = darkScheme?.matches ?? false;
	const presenting = el.closest('.presenting') !== null;
	return `${document.documentElement.dataset.theme ?? ''}|${dark}|${presenting}`;
}

const palettes = new WeakMap<Element, { key: string; colours: Map<string, string> }>();

/**
 * Colours as the canvas needs them: `var(--c-blue)` (or a bare `--c-blue`) resolved on the
 * element, any other colour as it is. The theme is checked once per paint and each colour read
 * once per theme: reading computed style for every mark of every frame cost ~5 % of a frame.
 */
export function palette(el: Element): (colour: string) => string {
	const key = themeKey(el);
	let p = palettes.get(el);
	if (!p || p.key !== key) {
		p = { key, colours: new Map() };
		palettes.set(el, p);
	}
	const colours = p.colours;
	return (colour) => {
		const hit = colours.get(colour);
		if (hit !== undefined) return hit;
		const name =
			/^var\((--[\w-]+)\)$/.exec(colour.trim())?.[1] ?? (colour.startsWith('--') ? colour : null);
		const c = name ? getComputedStyle(el).getPropertyValue(name).trim() || '#000' : colour;
		colours.set(colour, c);
		return c;
	};
}
