/**
 * URL state for the event-time pages (SIM-3/SIM-4): what `url-state.ts` reads, put on a bound
 * program and its playback cursor, and the state the page shows, for a share link. The preset
 * in a link is the one whose scripted rows are in the run, even after a parameter moved, so the
 * link replays the same input (the same seed, the same scripted late rows). Beyond what every
 * simulation's link holds, these pages carry the Compare view (`compare=`), the reader's input
 * edits (`edits=`) and an edited program (`code=`), each in its own module.
 */
import type { Comparison } from '$sim/frames/compare-setting';
import type { EtRun } from '$sim/frames/event-time';
import type { EventTimeScenario } from '$sim/scenarios/event-time/types';
import type { BoundProgram } from '$lib/binding/bound-program.svelte';
import { COMPARE_KEY, decodeComparison, encodeComparison } from './compare-url';
import { inputEditorOf } from './input-edits.svelte';
import { decodeInputEdits, EDITS_KEY, encodeInputEdits } from './input-edits-url';
import type { Playback } from './playback.svelte';
import { CODE_KEY, readProgram, writeProgram } from './program-url';
import {
	cursorAt,
	parseUrlState,
	resolveCursor,
	serialiseUrlState,
	type CursorTimeline,
	type UrlSpec,
	type UrlState
} from './url-state';

/** The keys this page's features own beyond the common URL state. */
const FEATURE_KEYS = [COMPARE_KEY, EDITS_KEY, CODE_KEY] as const;

export function eventTimeUrlSpec(scenario: EventTimeScenario): UrlSpec {
	return {
		schema: scenario.schema,
		presets: scenario.presets,
		constrain: (raw) => scenario.constrain(raw),
		otherKeys: FEATURE_KEYS
	};
}

export function runTimeline(run: EtRun | null): CursorTimeline {
	return { endMs: run?.endMs ?? 0, batches: run?.batches ?? [] };
}

export interface AppliedUrl {
	/** The preset to mark active (null when the link departs from it). */
	readonly preset: string | null;
	readonly notices: readonly string[];
	/** Open Compare on this (null: the link does not open it). */
	readonly compare: Comparison | null;
}

/**
 * Puts a link's state on the page: seed, preset (its scripted rows too), parameters and input
 * edits in one engine run; then an edited program, run as the editor would run it (an error is
 * marked and the run before it stays); then the cursor, resolved in the final run. A URL with
 * none of our keys changes nothing.
 */
export function applyEventTimeUrl(
	query: URLSearchParams,
	scenario: EventTimeScenario,
	session: BoundProgram<EtRun>,
	playback: Playback
): AppliedUrl | null {
	const parsed = parseUrlState(query, eventTimeUrlSpec(scenario));
	if (!parsed.present && !FEATURE_KEYS.some((k) => query.has(k))) {
		return parsed.notices.length ? { preset: null, notices: parsed.notices, compare: null } : null;
	}
	const { state } = parsed;
	const notices = [...parsed.notices];
	const preset = scenario.presets.find((p) => p.id === state.preset);
	const script = preset?.script ?? null;

	const editsRaw = query.get(EDITS_KEY);
	const editor = inputEditorOf(session);
	if (editsRaw !== null && editor) {
		// Ids are checked against the input these settings generate, before anything runs.
		const input = scenario.input(state.params, state.seed, script ?? undefined);
		const decoded = decodeInputEdits(editsRaw, input);
		editor.load(decoded.edits);
		notices.push(...decoded.notices);
	}
	// Set before applyPreset, whose one re-run then uses it (reseed would run the engine twice).
	session.seed = state.seed;
	session.applyPreset(state.params, script);

	const programNotice = readProgram(query, session);
	if (programNotice) notices.push(programNotice);

	const compareRaw = query.get(COMPARE_KEY);
	let compare: Comparison | null = null;
	if (compareRaw !== null) {
		const decoded = decodeComparison(compareRaw, scenario, session.params);
		compare = decoded.comparison;
		notices.push(...decoded.notices);
	}

	if (state.cursor) {
		const at = resolveCursor(state.cursor, runTimeline(session.run));
		playback.seek(at.ms);
		if (at.notice) notices.push(at.notice);
	}
	// `paused` needs nothing: a page always opens paused.
	return { preset: parsed.presetIntact ? state.preset : null, notices, compare };
}

export interface ShareQuery {
	readonly query: URLSearchParams;
	/** What the link cannot carry (a program or an edit list too long for a URL), if anything. */
	readonly caveat: string | null;
}

/**
 * The query for everything on screen: the common state, then Compare (when open), the input
 * edits (when any) and the program (when it is not the one the parameters render). Other keys of
 * `keep` stay as they are.
 */
export function eventTimeShareQuery(
	scenario: EventTimeScenario,
	session: BoundProgram<EtRun>,
	activePreset: string | null,
	now: number,
	compare: Comparison | null,
	keep: URLSearchParams = new URLSearchParams()
): ShareQuery {
	const others = new URLSearchParams(
		[...keep].filter(([k]) => !(FEATURE_KEYS as readonly string[]).includes(k))
	);
	const state = eventTimeUrlState(scenario, session, activePreset, now);
	const query = serialiseUrlState(state, eventTimeUrlSpec(scenario), others);
	const left: string[] = [];
	if (compare) query.set(COMPARE_KEY, encodeComparison(compare));
	const edits = inputEditorOf(session)?.edits ?? [];
	if (edits.length > 0) {
		const encoded = encodeInputEdits(edits);
		if (encoded.ok) query.set(EDITS_KEY, encoded.value);
		else left.push(`${encoded.reason}, so your input edits are not in it`);
	}
	const programLeft = writeProgram(query, session.code, scenario.program(session.params));
	if (programLeft) left.push(programLeft);
	const caveat = left.length ? `Not everything fits: ${left.join('; ')}.` : null;
	return { query, caveat };
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
