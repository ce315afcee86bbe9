/**
 * The frame on screen as a standalone SVG for slides: the view's drawing with its computed
 * styles written onto each element (the page's stylesheets do not travel with the file), and
 * the page state in its <metadata> (question and share-link query), so dropping the file back on
 * the page reopens that frame. PNG is the same SVG rasterised at twice its size.
 */
export const METADATA_ID = 'pyspark-playground-frame';

export interface FrameState {
	readonly slug: string;
	/** The share link's query: preset, parameters, seed, edited program, cursor. */
	readonly query: string;
}

// What a drawing needs to look the same outside the page.
const PROPS = [
	'fill',
	'fill-opacity',
	'stroke',
	'stroke-width',
	'stroke-dasharray',
	'stroke-opacity',
	'opacity',
	'font-family',
	'font-size',
	'font-weight',
	'text-anchor',
	'dominant-baseline',
	'display'
];

export function frameSvg(svg: SVGSVGElement, state: FrameState, title: string): string {
	const clone = svg.cloneNode(true) as SVGSVGElement;
	const from = [svg, ...svg.querySelectorAll('*')];
	const to = [clone, ...clone.querySelectorAll('*')];
	from.forEach((el, i) => {
		const target = to[i] as SVGElement | undefined;
		if (!target) return;
		const style = getComputedStyle(el);
		target.setAttribute(
			'style',
			PROPS.map((p) => `${p}:${style.getPropertyValue(p)}`)
				.filter((d) => !d.endsWith(':'))
				.join(';')
		);
		target.removeAttribute('class');
	});
	const box = svg.getBoundingClientRect();
	clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
	clone.setAttribute('width', String(Math.round(box.width)));
	clone.setAttribute('height', String(Math.round(box.height)));
	const background = getComputedStyle(svg.closest('.sim-panel') ?? svg).backgroundColor;
	const doc = clone.ownerDocument;
	const ns = 'http://www.w3.org/2000/svg';
	const bg = doc.createElementNS(ns, 'rect');
	bg.setAttribute('width', '100%');
	bg.setAttribute('height', '100%');
	bg.setAttribute('fill', background || '#ffffff');
	clone.insertBefore(bg, clone.firstChild);
	paintedLayers(svg, clone);
	const titleEl = doc.createElementNS(ns, 'title');
	titleEl.textContent = title;
	clone.insertBefore(titleEl, clone.firstChild);
	const meta = doc.createElementNS(ns, 'metadata');
	meta.setAttribute('id', METADATA_ID);
	meta.textContent = JSON.stringify(state);
	clone.insertBefore(meta, clone.firstChild);
	return new XMLSerializer().serializeToString(clone);
}

/**
 * A dense view paints its many marks on a canvas laid over its SVG: the file carries each such
 * canvas as an image at the same place, so the exported frame shows what the screen showed.
 */
function paintedLayers(svg: SVGSVGElement, clone: SVGSVGElement): void {
	const ctm = svg.getScreenCTM()?.inverse();
	const holder = svg.parentElement;
	if (!ctm || !holder) return;
	for (const canvas of holder.querySelectorAll('canvas')) {
		const r = canvas.getBoundingClientRect();
		if (r.width === 0 || r.height === 0) continue;
		const a = new DOMPoint(r.left, r.top).matrixTransform(ctm);
		const b = new DOMPoint(r.right, r.bottom).matrixTransform(ctm);
		const img = clone.ownerDocument.createElementNS('http://www.w3.org/2000/svg', 'image');
		img.setAttribute('x', String(a.x));
		img.setAttribute('y', String(a.y));
		img.setAttribute('width', String(b.x - a.x));
		img.setAttribute('height', String(b.y - a.y));
		img.setAttribute('href', canvas.toDataURL('image/png'));
		clone.appendChild(img);
	}
}

/** The state an exported SVG carries, or a sentence saying why there is none. */
export function readFrameState(text: string): { state: FrameState } | { error: string } {
	const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
	if (doc.querySelector('parsererror')) return { error: 'That file is not an SVG image.' };
	const meta = doc.getElementById(METADATA_ID);
	if (!meta?.textContent)
		return { error: 'That SVG was not exported from this playground (it carries no frame).' };
	try {
		const raw = JSON.parse(meta.textContent) as Partial<FrameState>;
		if (typeof raw.slug === 'string' && typeof raw.query === 'string')
			return { state: { slug: raw.slug, query: raw.query } };
	} catch {
		/* falls through to the message */
	}
	return { error: 'That SVG’s frame data is damaged, so it cannot reopen the frame.' };
}

/** The SVG drawn onto a canvas at `scale`, as PNG. */
export async function svgToPng(svgText: string, scale = 2): Promise<Blob> {
	const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
	try {
		const img = new Image();
		img.src = url;
		await img.decode();
		const canvas = document.createElement('canvas');
		canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
		canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
		const g = canvas.getContext('2d');
		if (!g) throw new Error('no canvas');
		g.drawImage(img, 0, 0, canvas.width, canvas.height);
		return await new Promise((resolve, reject) =>
			canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no PNG'))), 'image/png')
		);
	} finally {
		URL.revokeObjectURL(url);
	}
}

export function download(blob: Blob, name: string): void {
	const a = document.createElement('a');
	a.href = URL.createObjectURL(blob);
	a.download = name;
	a.click();
	setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
