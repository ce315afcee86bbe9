/**
 * Predict, then reveal, over one controller: the kind's questions for the run on screen
 * (`features.predictions`), the learner's answers, and the gate that pauses the playback where
 * the next unanswered question is asked. Answering plays the batch; once the cursor reaches its
 * end the engine's explanation is shown. While it is on, markers after the cursor stay hidden.
 */
import type { Prediction, SimMarker } from '$sim';
import type { AnyController } from '$lib/sim/kind-ui';

export class PredictSession {
	on = $state(false);
	/** Prediction id → the choice picked ('tally' when a room voted by show of hands). */
	answers = $state<Record<string, string>>({});
	/** Prediction id → choice id → hands counted (presenter mode). */
	tallies = $state<Record<string, Record<string, number>>>({});
	readonly #of: () => AnyController;
	/** The end of the batch an answer set playing: the playback stops there to explain. */
	#holdAt: number | null = null;

	readonly predictions: readonly Prediction[] = $derived.by(() => {
		const run = this.#ctl.run;
		const of = this.#ctl.kind.features.predictions;
		// One question per pause: a second one at the same instant would hide the first's answer.
		const all = run && of ? of(run) : [];
		return all.filter((p, i) => all.findIndex((q) => q.askAtMs === p.askAtMs) === i);
	});

	/** `ctl` is read lazily: the panel's controller is a prop. */
	constructor(ctl: () => AnyController) {
		this.#of = ctl;
	}

	get #ctl(): AnyController {
		return this.#of();
	}

	get available(): boolean {
		return this.predictions.length > 0;
	}

	/** The first question not answered yet. */
	get next(): Prediction | undefined {
		return this.predictions.find((p) => !(p.id in this.answers));
	}

	/** The question asked at the cursor (the playback waits on it). */
	get asking(): Prediction | undefined {
		const p = this.next;
		return this.on && p && this.#ctl.playback.now >= p.askAtMs ? p : undefined;
	}

	/** The last answered question: playing its batch, or revealed once the cursor passed it. */
	get answered(): { prediction: Prediction; revealed: boolean } | undefined {
		if (!this.on) return undefined;
		const now = this.#ctl.playback.now;
		const p = this.predictions.findLast((x) => x.id in this.answers && x.askAtMs <= now);
		return p ? { prediction: p, revealed: now >= p.revealAtMs } : undefined;
	}

	toggle(): void {
		this.on = !this.on;
		this.answers = {};
		this.tallies = {};
		this.#holdAt = null;
		// From the start, so every question comes before what it asks about is on screen.
		if (this.on) {
			this.#ctl.playback.playing = false;
			this.#ctl.playback.restart();
		}
	}

	/** Call from an $effect: a cursor past the next question goes back to it and waits. */
	gate(): void {
		const p = this.next;
		const playback = this.#ctl.playback;
		if (!this.on) return;
		if (this.#holdAt !== null && playback.now >= this.#holdAt) {
			playback.playing = false;
			playback.seek(this.#holdAt);
			this.#holdAt = null;
			return;
		}
		if (!p || playback.now <= p.askAtMs) return;
		playback.playing = false;
		playback.seek(p.askAtMs);
	}

	/** The learner's answer: recorded, then the batch plays to its end. */
	answer(p: Prediction, choice: string): void {
		this.answers = { ...this.answers, [p.id]: choice };
		const playback = this.#ctl.playback;
		playback.seek(p.askAtMs);
		this.#holdAt = p.revealAtMs;
		playback.playing = true;
	}

	/** One more hand for a choice (presenter mode's show of hands). */
	count(p: Prediction, choice: string, by: 1 | -1 = 1): void {
		const counts = this.tallies[p.id] ?? {};
		const n = Math.max(0, (counts[choice] ?? 0) + by);
		this.tallies = { ...this.tallies, [p.id]: { ...counts, [choice]: n } };
	}

	/** Markers the learner may see: while predicting, none after the cursor. */
	visible(markers: readonly SimMarker[]): readonly SimMarker[] {
		if (!this.on) return markers;
		const now = this.#ctl.playback.now;
		return markers.filter((m) => m.atMs <= now);
	}
}
