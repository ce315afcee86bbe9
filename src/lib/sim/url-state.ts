/**
 * A simulation's whole state as a URL query: `?preset=&<param>=&seed=&batch=` (or `t=` seconds)
 * `&paused`. A share link must restore exactly what was on screen, and a hand-edited or stale
 * link must never break the page: every value passes the scenario's own gate (`constrain`, or
 * `clampParams`), and each value changed or refused becomes a notice for the page to show.
 * Pure: the controller (controller.svelte.ts) reads and writes `location` through url-mirror.svelte.ts.
 */
import {
	clampParams,
	defaultParams,
	type Clamped,
	type ParamSchema,
	type Params,
	type Preset
} from '$sim';

/** What one simulation accepts in its URL. */
export interface UrlSpec {
	readonly schema: ParamSchema;
	readonly presets: readonly Preset[];
	/** The scenario's gate beyond the schema (event-time pages); defaults to `clampParams`. */
	readonly constrain?: (raw: Readonly<Record<string, unknown>>) => Clamped;
	/** The seed a page opens with when the URL names none. */
	readonly defaultSeed?: number;
	/** Query keys another feature of the page owns (e.g. a compare view): neither read nor
	 *  reported as unknown here, and kept as they are by `serialiseUrlState`. */
	readonly otherKeys?: readonly string[];
}

/** Where the cursor stands: at the end of a batch (what "step" stops at) or at a time. */
export type CursorRequest =
	| { readonly kind: 'batch'; readonly batchId: number }
	| { readonly kind: 't'; readonly ms: number };

export interface UrlState {
	/** The preset whose parameters (and scripted rows) the state starts from. */
	readonly preset: string | null;
	readonly params: Params;
	readonly seed: number;
	/** null: the URL did not say; the page keeps its opening cursor. */
	readonly cursor: CursorRequest | null;
	readonly paused: boolean;
}

export interface ParsedUrlState {
	readonly state: UrlState;
	/** One sentence per value clamped or ignored. */
	readonly notices: readonly string[];
	/** The URL named at least one key of ours (else the page keeps its opening state). */
	readonly present: boolean;
	/** `preset` is set and no parameter departs from it: the page marks that preset active. */
	readonly presetIntact: boolean;
}

const FIXED_KEYS = ['preset', 'seed', 't', 'batch', 'paused'] as const;
/** Seeds are 31-bit like `normaliseSeed`'s range, so the same number gives the same run. */
const MAX_SEED = 2147483646;

/** The parameters a state starts from before any override: the preset's, over the defaults. */
export function baseParams(spec: UrlSpec, presetId: string | null): Params {
	const preset = spec.presets.find((p) => p.id === presetId);
	return gate(spec, { ...defaultParams(spec.schema), ...preset?.params }).params;
}

export function parseUrlState(query: URLSearchParams, spec: UrlSpec): ParsedUrlState {
	const notices: string[] = [];
	const ids = spec.schema.map((p) => p.id);
	const present = [...FIXED_KEYS, ...ids].some((k) => query.has(k));

	let preset: Preset | undefined;
	const presetId = query.get('preset');
	if (presetId !== null) {
		preset = spec.presets.find((p) => p.id === presetId);
		if (!preset) {
			const known = spec.presets.map((p) => p.id).join(', ');
			notices.push(`Preset “${presetId}” is not one of ${known}; ignored.`);
		}
	}

	const raw: Record<string, unknown> = { ...defaultParams(spec.schema), ...preset?.params };
	for (const id of ids) {
		const v = query.get(id);
		if (v !== null) raw[id] = v;
	}
	const clamped = gate(spec, raw);
	notices.push(...clamped.notices);
	const base = baseParams(spec, preset?.id ?? null);
	const presetIntact = preset !== undefined && ids.every((id) => clamped.params[id] === base[id]);

	const seed = parseSeed(query.get('seed'), spec.defaultSeed ?? 1, notices);
	const cursor = parseCursor(query, notices);
	const pausedRaw = query.get('paused');
	const paused = pausedRaw !== null && pausedRaw !== 'false' && pausedRaw !== '0';

	const ours: readonly string[] = [...FIXED_KEYS, ...ids, ...(spec.otherKeys ?? [])];
	for (const key of new Set(query.keys())) {
		if (!ours.includes(key)) {
			notices.push(`Unknown URL parameter “${key}” ignored.`);
		}
	}
	return {
		state: { preset: preset?.id ?? null, params: clamped.params, seed, cursor, paused },
		notices,
		present,
		presetIntact
	};
}

/** The keys of `keep` this state does not own (another control's), carried over unchanged. */
export function othersOf(keep: URLSearchParams, spec: UrlSpec): URLSearchParams {
	const ours = new Set<string>([...FIXED_KEYS, ...spec.schema.map((p) => p.id)]);
	return new URLSearchParams([...keep].filter(([k]) => !ours.has(k)));
}

/**
 * The query for a state: the preset, only the parameters that differ from it (so a link stays
 * short and still exact), the seed always (a run is its seed), the cursor, `paused` if set.
 * Keys that are not ours in `keep` (another feature's) are carried over unchanged.
 */
export function serialiseUrlState(
	state: UrlState,
	spec: UrlSpec,
	keep: URLSearchParams = new URLSearchParams()
): URLSearchParams {
	const out = othersOf(keep, spec);
	if (state.preset !== null) out.set('preset', state.preset);
	const base = baseParams(spec, state.preset);
	for (const p of spec.schema) {
		const v = state.params[p.id];
		if (v !== undefined && v !== base[p.id]) out.set(p.id, String(v));
	}
	out.set('seed', String(state.seed));
	if (state.cursor?.kind === 'batch') out.set('batch', String(state.cursor.batchId));
	else if (state.cursor?.kind === 't') out.set('t', String(state.cursor.ms / 1000));
	if (state.paused) out.set('paused', '');
	return out;
}

function gate(spec: UrlSpec, raw: Readonly<Record<string, unknown>>): Clamped {
	return spec.constrain ? spec.constrain(raw) : clampParams(spec.schema, raw);
}

function parseSeed(raw: string | null, fallback: number, notices: string[]): number {
	if (raw === null) return fallback;
	const n = /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
	if (Number.isSafeInteger(n) && n >= 1 && n <= MAX_SEED) return n;
	const why =
		Number.isSafeInteger(n) && n > MAX_SEED
			? `is above ${MAX_SEED}`
			: 'is not a positive whole number';
	notices.push(`Seed “${raw}” ${why}; using seed ${fallback}.`);
	return fallback;
}

function parseCursor(query: URLSearchParams, notices: string[]): CursorRequest | null {
	const batch = query.get('batch');
	const t = query.get('t');
	if (batch !== null) {
		if (t !== null) notices.push(`Both “batch” and “t” are set; using batch ${batch}.`);
		if (/^\s*\d+\s*$/.test(batch)) return { kind: 'batch', batchId: Number(batch) };
		notices.push(`Batch “${batch}” is not a batch id (0, 1, 2, …); ignored.`);
		return null;
	}
	if (t === null) return null;
	const seconds = t.trim() === '' ? NaN : Number(t);
	if (Number.isFinite(seconds)) return { kind: 't', ms: Math.round(seconds * 1000) };
	notices.push(`Time “${t}” is not a number of seconds; ignored.`);
	return null;
}

/** What the cursor can stand on: each batch's end (where "step one batch" stops) and the run's. */
export interface CursorTimeline {
	readonly endMs: number;
	readonly batches: readonly { readonly batchId: number; readonly endMs: number }[];
}

export interface ResolvedCursor {
	readonly ms: number;
	readonly notice: string | null;
}

/** The cursor time a request names in this run, clamped into it (a notice says so). */
export function resolveCursor(req: CursorRequest, timeline: CursorTimeline): ResolvedCursor {
	const seconds = (ms: number) => `${ms / 1000} s`;
	if (req.kind === 't') {
		const ms = Math.max(0, Math.min(req.ms, timeline.endMs));
		if (ms === req.ms) return { ms, notice: null };
		const end = seconds(timeline.endMs);
		const why = req.ms < 0 ? 'before the run starts' : `past the run’s end (${end})`;
		return { ms, notice: `Time ${seconds(req.ms)} is ${why}; showing ${seconds(ms)}.` };
	}
	const exact = timeline.batches.find((b) => b.batchId === req.batchId);
	if (exact) return { ms: exact.endMs, notice: null };
	const last = timeline.batches.at(-1);
	if (!last) {
		const notice = `Batch ${req.batchId}: this run has no batches; showing its start.`;
		return { ms: 0, notice };
	}
	// A missing id inside the run (none today: ids are 0, 1, 2, …) falls back to the one before.
	const before =
		timeline.batches.findLast((b) => b.batchId < req.batchId) ?? timeline.batches[0] ?? last;
	const limit = req.batchId > last.batchId ? ` (the run ends with batch ${last.batchId})` : '';
	return {
		ms: before.endMs,
		notice: `Batch ${req.batchId} is not in this run${limit}; showing batch ${before.batchId}.`
	};
}

/** The request that restores cursor `ms`: a batch id when it stands exactly at a batch's end,
 *  else the time. Floors to whole ms: a batch's effects show at t ≥ its end, so flooring never
 *  moves the cursor across one. */
export function cursorAt(ms: number, timeline: CursorTimeline): CursorRequest {
	const whole = Math.floor(ms);
	const batch = timeline.batches.find((b) => b.endMs === whole);
	return batch ? { kind: 'batch', batchId: batch.batchId } : { kind: 't', ms: whole };
}
