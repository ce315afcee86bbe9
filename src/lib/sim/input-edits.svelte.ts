/**
 * The reader's edits to an event-time page's input records (simulations/kinds/input-edits.ts),
 * held across re-runs: a program edit, a parameter or a replay keeps them; a preset (a whole
 * state), Reset and "Reset input" clear them. Every edit re-runs the engine from the same seed, so what changes on
 * screen is only what the edited record changes.
 */
import {
	applyInputEdits,
	editTimeLimitMs,
	editedIds,
	nextKey,
	nextUserId,
	streamKeys,
	type InputEdit
} from '$sim';
import type { EventTimeInput } from '$sim';
import { untrack } from 'svelte';

/** One ↑/↓ press moves a record's event time by this much. */
export const NUDGE_MS = 1000;

export class InputEditor {
	edits = $state.raw<readonly InputEdit[]>([]);
	/** The record the keyboard acts on (a dot in the event-time plot). */
	selected = $state<string | null>(null);
	/** Bumped when a new record should take the keyboard focus once the plot draws it. */
	focusRequest = $state(0);
	/** Records added or changed and still present: the plot rings them. */
	readonly edited: ReadonlySet<string> = $derived(editedIds(this.edits));

	/** Keys per stream of the generated input, for `k` to cycle through (not reactive: it is
	 *  written while the engine runs, which may be inside a derived). */
	#keys = new Map<string, string[]>();
	#streams: string[] = [];
	/** Each record's event time in the last input applied, and how far an edit may take it: a
	 *  nudge stops at the limits, so the edit list always says what the screen shows. */
	#eventTimes = new Map<string, number>();
	#limitMs = Infinity;
	#rerun: () => void = () => {};

	/** Called with a re-run of the session once it exists (the session's run uses `apply`). */
	attach(rerun: () => void): void {
		this.#rerun = rerun;
	}

	/** The generated input with the edits applied: what the engine reads. */
	apply(input: EventTimeInput): EventTimeInput {
		this.#streams = input.streams.map((s) => s.name);
		this.#keys = new Map(input.streams.map((s) => [s.name, streamKeys(s)]));
		// The first run happens while the page derives its session: reading the edits must not
		// make that derived depend on them (an edit would rebuild the session and lose them).
		const edits = untrack(() => this.edits);
		const applied = edits.length === 0 ? input : applyInputEdits(input, edits).input;
		this.#limitMs = editTimeLimitMs(input);
		this.#eventTimes = new Map(
			applied.streams.flatMap((s) => s.events.map((e) => [e.id, e.eventTimeMs] as const))
		);
		return applied;
	}

	/** The edits a run applies, read untracked (see `apply`). The run's generated records come
	 *  back with it (the engine makes them: `KindEngine.input`) and are learnt with `apply`. */
	observe(): readonly InputEdit[] {
		return untrack(() => this.edits);
	}

	/** Replace the edits (from a share link, already checked against the input) without a
	 *  re-run: the caller runs the engine once with everything else the link sets. */
	load(edits: readonly InputEdit[]): void {
		this.edits = edits;
		this.selected = null;
	}

	/** A record arriving at `atMs` with event time `atMs` (on the diagonal; the reader then
	 *  nudges it). It goes to `stream`, or the first input stream. Returns its id. */
	add(atMs: number, stream?: string): string | null {
		const name = stream ?? this.#streams[0];
		if (name === undefined) return null;
		const id = nextUserId(this.edits, name);
		this.#push({ kind: 'add', id, stream: name, arrivalMs: atMs, eventTimeMs: atMs });
		this.selected = id;
		this.focusRequest++;
		return id;
	}

	/** Consecutive nudges of one record fold into one edit, so the list stays short. */
	move(id: string, deltaMs: number): void {
		const at = this.#eventTimes.get(id);
		if (at !== undefined) deltaMs = Math.min(this.#limitMs, Math.max(0, at + deltaMs)) - at;
		if (deltaMs === 0) return;
		const last = this.edits.at(-1);
		if (last?.kind === 'move' && last.id === id) {
			this.edits = [...this.edits.slice(0, -1), { ...last, deltaMs: last.deltaMs + deltaMs }];
			this.#rerun();
		} else {
			this.#push({ kind: 'move', id, deltaMs });
		}
	}

	/** The next of the stream's keys, wrapping round. */
	rekey(id: string, stream: string, key: string): void {
		const next = nextKey(this.#keys.get(stream) ?? [], key);
		if (next !== key) this.#push({ kind: 'rekey', id, key: next });
	}

	remove(id: string): void {
		if (this.selected === id) this.selected = null;
		this.#push({ kind: 'delete', id });
	}

	reset(): void {
		if (this.edits.length === 0) return;
		this.edits = [];
		this.selected = null;
		this.#rerun();
	}

	#push(edit: InputEdit): void {
		this.edits = [...this.edits, edit];
		this.#rerun();
	}
}

/** The input editor a session carries, if it has one (event-time sessions do). */
export function inputEditorOf(session: object): InputEditor | null {
	const editor = (session as { inputEdits?: unknown }).inputEdits;
	return editor instanceof InputEditor ? editor : null;
}
