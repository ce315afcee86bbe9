/**
 * Carries "the code behind what happens at the cursor" from a simulation to the code panel,
 * which are siblings on the page. The simulation registers a getter once; the panel reads
 * `.current`, which calls it inside the panel's own reactive context, so the highlight follows
 * the playback cursor without copying state in an effect.
 */

/** Lines of the main program to highlight (1-based, inclusive) and what they did. */
export interface CodeHighlight {
	/** What fired: `watermark`, `outputMode`, `window` (used in the decoration's class). */
	readonly kind: string;
	readonly line: number;
	readonly endLine: number;
	readonly label: string;
}

type Source = () => readonly CodeHighlight[];

export class CodeFocusLink {
	#source = $state.raw<Source | null>(null);

	get current(): readonly CodeHighlight[] {
		return this.#source?.() ?? [];
	}

	/** Follow `source` until the returned teardown runs (call from an $effect). */
	follow(source: Source): () => void {
		this.#source = source;
		return () => {
			if (this.#source === source) this.#source = null;
		};
	}
}
