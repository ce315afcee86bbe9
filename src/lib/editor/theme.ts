/** The page's effective colour scheme: an explicit choice on <html data-theme>, else the system's. */
export function isDark(): boolean {
	const chosen = document.documentElement.dataset.theme;
	if (chosen === 'dark') return true;
	if (chosen === 'light') return false;
	return window.matchMedia('(prefers-color-scheme: dark)').matches;
}

/** Monaco theme names, defined in monaco-setup.ts with contrast-safe colours. */
export const EDITOR_THEMES = { light: 'playground-light', dark: 'playground-dark' } as const;

export function editorTheme(dark: boolean): string {
	return dark ? EDITOR_THEMES.dark : EDITOR_THEMES.light;
}

/** Calls `onchange` whenever the effective scheme may have changed; returns the teardown. */
export function watchTheme(onchange: () => void): () => void {
	const media = window.matchMedia('(prefers-color-scheme: dark)');
	const observer = new MutationObserver(onchange);
	observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
	media.addEventListener('change', onchange);
	return () => {
		observer.disconnect();
		media.removeEventListener('change', onchange);
	};
}
