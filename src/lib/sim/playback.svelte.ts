/**
 * A cursor over a precomputed trace (STYLE.md sketch 4.6). The engine ran the whole query on
 * virtual time already; playing only moves `now`, by animation-frame deltas × speed. Pause, step
 * and seek just move the cursor, so a seed gives the same picture at any frame rate.
 */
import { advance, frameDeltas$, SPEEDS } from './frames';

/** What a playback needs to know about a run. */
export interface Timeline {
	readonly endMs: number;
	/** The next point "step" stops at after t (e.g. the next batch commit), if any. */
	nextStop(t: number): number | undefined;
	/** Where "step back" stops before t (the previous batch), if any. */
	previousStop?(t: number): number | undefined;
}

export class Playback {
	/** Virtual ms since the run's clock zero. */
	now = $state(0);
	/** Virtual ms per wall ms. */
	speed = $state(1);
	playing = $state(false);
	readonly #timeline: () => Timeline;
	readonly #settle: (then: () => void) => void;

	/**
	 * `timeline` is read lazily, so it may be a $derived run that parameters replace. `settle`
	 * calls its argument once the run being made has landed: a step clicked while a preset's or a
	 * new seed's run is still in the engine worker moves over that run, not over the one it
	 * replaces (whose cursor the landing run would reset, losing the click).
	 */
	constructor(timeline: () => Timeline, settle: (then: () => void) => void = (then) => then()) {
		this.#timeline = timeline;
		this.#settle = settle;
	}

	get atEnd(): boolean {
		return this.now >= this.#timeline().endMs;
	}

	/** Subscribe from an $effect while playing; returns the teardown. */
	run(): () => void {
		const sub = frameDeltas$().subscribe((wallMs) => {
			this.now = advance(this.now, wallMs, this.speed, this.#timeline().endMs);
			if (this.atEnd) this.playing = false;
		});
		return () => sub.unsubscribe();
	}

	toggle() {
		if (!this.playing && this.atEnd) this.now = 0;
		this.playing = !this.playing;
	}

	/** Pause and move to the next stop (one batch further). */
	step() {
		this.playing = false;
		this.#settle(() => {
			const next = this.#timeline().nextStop(this.now);
			if (next !== undefined) this.seek(next);
		});
	}

	/** Pause and move back one batch. The run is already computed, so going back is only a
	 *  cursor move: the same seed gives the same earlier picture. */
	stepBack() {
		this.playing = false;
		this.#settle(() => this.seek(this.#timeline().previousStop?.(this.now) ?? 0));
	}

	/** One notch faster or slower on the speed ladder (0.25x–20x). */
	nudgeSpeed(direction: 1 | -1) {
		const i = SPEEDS.findIndex((s) => s >= this.speed);
		const next =
			SPEEDS[Math.max(0, Math.min(SPEEDS.length - 1, (i < 0 ? SPEEDS.length - 1 : i) + direction))];
		if (next !== undefined) this.speed = next;
	}

	/** Pause at the end of the run: the whole story at once (a presenter's End key). */
	toEnd() {
		this.playing = false;
		this.#settle(() => this.seek(this.#timeline().endMs));
	}

	seek(t: number) {
		this.now = Math.max(0, Math.min(t, this.#timeline().endMs));
	}

	restart() {
		this.now = 0;
	}
}
