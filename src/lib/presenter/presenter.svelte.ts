/**
 * Presenter mode, one state for the whole tab: on while the presenter moves from question to
 * question (the module outlives a page), and kept over a reload in sessionStorage (a window the
 * presenter opens from this one starts with a copy of it). `notes` shows the answer beside the
 * simulation for the presenter's own screen.
 */
const KEY = 'pyspark-playground:presenter';

class Presenter {
	on = $state(false);
	notes = $state(false);
	#restored = false;

	/** Once mounted (a prerendered page has no session): pick up a mode left on. */
	restore(): void {
		if (this.#restored) return;
		this.#restored = true;
		try {
			this.on = sessionStorage.getItem(KEY) === '1';
		} catch {
			/* storage refused: the mode starts off */
		}
	}

	set(on: boolean): void {
		this.on = on;
		if (!on) this.notes = false;
		try {
			if (on) sessionStorage.setItem(KEY, '1');
			else sessionStorage.removeItem(KEY);
		} catch {
			/* storage refused: the mode lasts for this page only */
		}
	}
}

export const presenter = new Presenter();

/** Keys typed into the editor or a form field are theirs, not the presenter's. */
export function typingIn(e: KeyboardEvent): boolean {
	if (e.ctrlKey || e.metaKey || e.altKey) return true;
	const target = e.target as HTMLElement | null;
	return !!target?.closest('input, select, textarea, [contenteditable], .monaco-editor');
}
