/**
 * What a canvas layer must repaint for besides its marks: the page's colours (the theme toggle,
 * the OS scheme) and presenter mode (its projector palette and zoom). An SVG follows these by
 * itself through CSS; a canvas holds pixels, so its paint effect reads `repaintOn()` to run
 * again when they change.
 */
import { watchTheme } from '$lib/editor/theme';
import { presenter } from '$lib/presenter/presenter.svelte';

let themeVersion = $state(0);
let watching = false;

/** Read inside a paint effect: it re-runs when the theme or presenter mode changes. */
export function repaintOn(): void {
	if (!watching && typeof window !== 'undefined') {
		watching = true;
		watchTheme(() => themeVersion++);
	}
	void themeVersion;
	void presenter.on;
}
