/**
 * URL state for the event-time pages (SIM-3/SIM-4): what `url-state.ts` reads, put on a bound
 * program and its playback cursor, and the state the page shows, for a share link. The preset
 * in a link is the one whose scripted rows are in the run, even after a parameter moved, so the
 * link replays the same input (the same seed, the same scripted late rows).
 */
import type { EtRun } from '$sim/frames/event-time';
import type { EventTimeScenario } from '$sim/scenarios/event-time/types';
import type { BoundProgram } from '$lib/binding/bound-program.svelte';
import type { Playback } from './playback.svelte';
import {
	cursorAt,
	parseUrlState,
	resolveCursor,
	type CursorTimeline,
	type UrlSpec,
	type UrlState
} from './url-state';

export function eventTimeUrlSpec(scenario: EventTimeScenario): UrlSpec {
	return {
		schema: scenario.schema,
		presets: scenario.presets,
		constrain: (raw) => scenario.constrain(raw)
	};
}

export function runTimeline(run: EtRun | null): CursorTimeline {
	return { endMs: run?.endMs ?? 0, batches: run?.batches ?? [] };
}

export interface AppliedUrl {
	/** The preset to mark active (null when the link departs from it). */
	readonly preset: string | null;
	readonly notices: readonly string[];
}

/**
 * Puts a link's state on the page: seed, preset (its scripted rows too) and parameters in one
 * engine run, then the cursor, resolved in that run. A URL with none of our keys changes nothing.
 */
export function applyEventTimeUrl(
	query: URLSearchParams,
	scenario: EventTimeScenario,
	session: BoundProgram<EtRun>,
	playback: Playback
): AppliedUrl | null {
	const parsed = parseUrlState(query, eventTimeUrlSpec(scenario));
	if (!parsed.present) {
		return parsed.notices.length ? { preset: null, notices: parsed.notices } : null;
	}
	const { state } = parsed;
	const preset = scenario.presets.find((p) => p.id === state.preset);
	// Set before applyPreset, whose one re-run then uses it (reseed would run the engine twice).
	session.seed = state.seed;
	session.applyPreset(state.params, preset?.script ?? null);
	const notices = [...parsed.notices];
	if (state.cursor) {
		const at = resolveCursor(state.cursor, runTimeline(session.run));
		playback.seek(at.ms);
		if (at.notice) notices.push(at.notice);
	}
	// `paused` needs nothing: a page always opens paused.
	return { preset: parsed.presetIntact ? state.preset : null, notices };
}

/** What is on screen, as a URL state. */
export function eventTimeUrlState(
	scenario: EventTimeScenario,
	session: BoundProgram<EtRun>,
	activePreset: string | null,
	now: number
): UrlState {
	const scripted = scenario.presets.find((p) => p.script != null && p.script === session.script);
	return {
		preset: activePreset ?? scripted?.id ?? null,
		params: session.params,
		seed: session.seed,
		cursor: cursorAt(now, runTimeline(session.run)),
		paused: false
	};
}
