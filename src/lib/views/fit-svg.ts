/**
 * The attributes of a view's SVG that spans its figure's width at its drawing's height: the
 * layout's units in the viewBox, and an image whose label says what it shows (the main visual
 * marked for the page's first-screen checks). Spread on the <svg> so the views that draw this way
 * (windows, join buffers, DStream batches and restart) say it once.
 */
export function fitSvg(
	width: number,
	height: number,
	label: string,
	testid: string,
	mainVisual = false
): Record<string, string | number> {
	return {
		viewBox: `0 0 ${width} ${height}`,
		width: '100%',
		height,
		role: 'img',
		'aria-label': label,
		'data-testid': testid,
		...(mainVisual ? { 'data-main-visual': '' } : {})
	};
}
