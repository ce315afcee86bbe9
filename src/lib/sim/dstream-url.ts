/**
 * URL state for the DStream pages (SIM-2): what `url-state.ts` reads, put on the DStream session
 * (and the Structured Streaming one beside it, which follows its parameters and seed) and the
 * playback cursor; and what is on screen, for a share link. A DStream batch has no id in Spark,
 * only its batch time, so `batch=N` counts the run's batches from 0 (the N+1-th batch interval).
 * `structured=1` says the Structured Streaming version is open beside it.
 */
import type { DsRun } from '$sim/frames/dstream';
import type { DStreamScenario } from '$sim/scenarios/dstreams/index';
import type { Params } from '$sim/scenarios/types';
import type { BoundProgram } from '$lib/binding/bound-program.svelte';
import type { Playback } from './playback.svelte';
import {
	cursorAt,
	parseUrlState,
	resolveCursor,
	serialiseUrlState,
	type CursorTimeline,
	type UrlSpec
} from './url-state';
import { CODE_KEY, readProgram, writeProgram } from './program-url';

/** The key of the side-by-side toggle. */
export const SIDE_BY_SIDE_KEY = 'structured';

export function dstreamUrlSpec(scenario: DStreamScenario): UrlSpec {
	return {
		schema: scenario.schema,
		presets: scenario.presets,
		constrain: (raw) => scenario.constrain(raw),
		otherKeys: [SIDE_BY_SIDE_KEY, CODE_KEY, ...scenario.otherUrlKeys]
	};
}

/** Batch N is the run's N-th batch (from 0); the cursor stops at each one's end. */
export function dstreamTimeline(run: DsRun | null): CursorTimeline {
	return {
		endMs: run?.endMs ?? 0,
		batches: (run?.batches ?? []).map((b, i) => ({ batchId: i, endMs: b.endMs }))
	};
}

/** Present and not `0` / `false`. */
export function sideBySideIn(query: URLSearchParams): boolean {
	const v = query.get(SIDE_BY_SIDE_KEY);
	return v !== null && v !== '0' && v !== 'false';
}

export interface AppliedDStreamUrl {
	/** The preset to mark active (null when the link departs from it). */
	readonly preset: string | null;
	readonly sideBySide: boolean;
	readonly notices: readonly string[];
}

/**
 * Puts a link's state on the page: seed and parameters in one engine run per session, then the
 * cursor, resolved in that run. A URL with none of our keys changes nothing but the toggle.
 */
export function applyDStreamUrl(
	query: URLSearchParams,
	scenario: DStreamScenario,
	session: BoundProgram<DsRun>,
	structured: BoundProgram<unknown> | null,
	playback: Playback
): AppliedDStreamUrl {
	const parsed = parseUrlState(query, dstreamUrlSpec(scenario));
	const sideBySide = structured !== null && sideBySideIn(query);
	const notices = [...parsed.notices];
	if (!structured && query.has(SIDE_BY_SIDE_KEY)) {
		notices.push('This page has no Structured Streaming version beside the DStream one; “structured” ignored.');
	}
	if (!parsed.present) {
		const programNotice = readProgram(query, session);
		return { preset: null, sideBySide, notices: programNotice ? [...notices, programNotice] : notices };
	}
	const { state } = parsed;
	// Set before applyPreset, whose one re-run then uses it (reseed would run the engine twice).
	for (const s of [session, structured]) {
		if (!s) continue;
		s.seed = state.seed;
		s.applyPreset(state.params, null);
	}
	const programNotice = readProgram(query, session);
	if (programNotice) notices.push(programNotice);
	if (state.cursor) {
		const at = resolveCursor(state.cursor, dstreamTimeline(session.run));
		playback.seek(at.ms);
		if (at.notice) notices.push(at.notice);
	}
	return { preset: parsed.presetIntact ? state.preset : null, sideBySide, notices };
}

export interface DStreamOnScreen {
	readonly preset: string | null;
	readonly params: Params;
	readonly seed: number;
	readonly run: DsRun | null;
	readonly now: number;
	readonly sideBySide: boolean;
	/** The DStream program as the editor holds it (a link carries it when edited). */
	readonly code?: string;
}

/** The query for what is on screen; keys another control owns (`keep`) are carried over. */
export function dstreamQuery(
	scenario: DStreamScenario,
	shown: DStreamOnScreen,
	keep: URLSearchParams = new URLSearchParams()
): URLSearchParams {
	const state = {
		preset: shown.preset,
		params: shown.params,
		seed: shown.seed,
		cursor: cursorAt(shown.now, dstreamTimeline(shown.run)),
		paused: false
	};
	const out = serialiseUrlState(state, dstreamUrlSpec(scenario), keep);
	out.delete(SIDE_BY_SIDE_KEY);
	if (shown.sideBySide) out.set(SIDE_BY_SIDE_KEY, '1');
	if (shown.code !== undefined) writeProgram(out, shown.code, scenario.program(shown.params));
	return out;
}
