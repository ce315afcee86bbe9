/**
 * The playback of a bound program's latest run (event-time and DStream pages): step stops at
 * batch ends, the cursor plays while `playing`, and the page opens a few batches in, so its first
 * frame (the prerendered one too) already shows the idea. Call during component initialisation.
 */
import { untrack } from 'svelte';
import { Playback } from './playback.svelte';

/** What the playback reads from a run: both frame modules export these two stop functions. */
export interface BatchedRun {
	readonly endMs: number;
	readonly batches: readonly { readonly endMs: number }[];
}

export interface RunStops<R> {
	next(run: R, t: number): number | undefined;
	previous(run: R, t: number): number | undefined;
}

export function runPlayback<R extends BatchedRun>(
	current: () => R | null,
	stops: RunStops<R>,
	openingBatch: number
): Playback {
	const playback = new Playback(() => {
		const run = current();
		return {
			endMs: run?.endMs ?? 0,
			nextStop: (t: number) => (run ? stops.next(run, t) : undefined),
			previousStop: (t: number) => (run ? stops.previous(run, t) : undefined)
		};
	});
	$effect(() => (playback.playing ? playback.run() : undefined));
	const batches = untrack(current)?.batches;
	if (batches && batches.length > 0) {
		playback.seek(batches[Math.min(openingBatch, batches.length - 1)]?.endMs ?? 0);
	}
	return playback;
}
