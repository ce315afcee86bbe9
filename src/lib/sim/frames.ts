/**
 * Wall-clock frame deltas for the playback cursor (STYLE.md house style 14). RxJS
 * `animationFrames()` supplies timestamps; each delta is clamped so a backgrounded tab, which
 * receives no frames for a while, does not make the run leap ahead when it comes back.
 */
import { animationFrames, map, pairwise, type Observable } from 'rxjs';

export const MAX_FRAME_GAP_MS = 250;

/** Milliseconds of wall time between consecutive animation frames, at most MAX_FRAME_GAP_MS. */
export function frameDeltas$(): Observable<number> {
	return animationFrames().pipe(
		pairwise(),
		map(([a, b]) => Math.min(Math.max(0, b.timestamp - a.timestamp), MAX_FRAME_GAP_MS))
	);
}

/** The cursor after `wallMs` of wall time at `speed`, kept inside [0, endMs]. */
export function advance(now: number, wallMs: number, speed: number, endMs: number): number {
	return Math.max(0, Math.min(endMs, now + wallMs * speed));
}

/** The speeds the transport offers: 0.25x to 20x. */
export const SPEEDS = [0.25, 0.5, 1, 2, 5, 10, 20] as const;
