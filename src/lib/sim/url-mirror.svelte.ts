/**
 * Keeps a simulation's state in the address bar, for any sim (SIM-1, the event-time pages).
 * Reads the URL once mounted (a prerendered page has no query string at build time), then
 * mirrors every change with `replaceState`. The cursor is followed when it rests (pause, step,
 * seek), not on every animation frame while playing. Call during component initialisation.
 */
import { untrack } from 'svelte';
import { showQuery } from './location';
import type { Playback } from './playback.svelte';

/** A scrub drag seeks many times a second; browsers cap replaceState calls (Safari: 100/10 s). */
const WRITE_DELAY_MS = 200;

export interface UrlMirror {
	readonly playback: Playback;
	/** Put the URL's state on the page; runs once, in the browser. */
	read(): void;
	/** The query for what is on screen with the cursor at `now`. */
	query(now: number): URLSearchParams;
}

export function mirrorUrl(mirror: UrlMirror): void {
	let read = $state(false);
	// The URL as read is not rewritten on load: a link someone typed stays as typed until the
	// state changes.
	let shown = '';
	$effect(() => {
		untrack(() => {
			mirror.read();
			shown = mirror.query(mirror.playback.now).toString();
		});
		read = true;
	});
	$effect(() => {
		if (!read) return;
		const { playback } = mirror;
		const now = playback.playing ? untrack(() => playback.now) : playback.now;
		const query = mirror.query(now);
		if (query.toString() === shown) return;
		const timer = setTimeout(() => {
			shown = query.toString();
			showQuery(query);
		}, WRITE_DELAY_MS);
		return () => clearTimeout(timer);
	});
}
