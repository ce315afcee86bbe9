/**
 * The controller of one SIM-1 page: the bound program (the source of truth; parameters rewrite
 * its marked spans), the preset and notices, and the playback cursor over the run the program
 * gives. Components stay thin and read from here.
 */
import { untrack } from 'svelte';
import {
	clampParams,
	committedCount,
	defaultParams,
	nextCommitAfter,
	previousCommitBefore,
	normaliseSeed,
	type MicroBatchPreset,
	type MicroBatchScenario,
	type ParamValue,
	type Params,
	type Preset,
	type Trace
} from '$sim';
import type { MicroBatchRun } from '$sim/frames/micro-batch-run';
import { microBatchMarkers } from '$sim/frames/micro-batch-markers';
import { continuousMarkers, epochCommitTimes } from '$sim/frames/continuous-markers';
import type { ContinuousTrace } from '$sim/microbatch/continuous';
import { microBatchSession, type MicroBatchSession } from '$lib/binding/micro-batch-session.svelte';
import { Playback } from './playback.svelte';
import {
	baseParams,
	cursorAt,
	parseUrlState,
	resolveCursor,
	serialiseUrlState,
	type CursorTimeline,
	type UrlSpec,
	type UrlState
} from './url-state';
import { CODE_KEY, readProgram, writeProgram } from './program-url';

/** How many committed batches the first frame shows. */
const OPENING_BATCHES = 4;

/** Query keys another side of a page owns: basic-02's DStream half (the lead mounts it). */
const OTHER_URL_KEYS: Readonly<Record<string, readonly string[]>> = {
	'basic-02-pyspark-streaming-support': ['api', 'totals']
};

export class MicroBatchController {
	readonly scenario: MicroBatchScenario;
	readonly session: MicroBatchSession;
	preset = $state<string | null>(null);
	notices = $state.raw<readonly string[]>([]);
	/** The run on screen: the last program that ran (an edit the engine cannot run keeps it). */
	readonly run: MicroBatchRun = $derived.by(() => this.session.run ?? this.#opening);
	/** SIM-1's micro-batches or, under `.trigger(continuous=...)`, the continuous run's epochs. */
	readonly trace: Trace | ContinuousTrace = $derived(this.run.trace);
	readonly markers = $derived(
		this.run.kind === 'continuous' ? continuousMarkers(this.run.trace) : microBatchMarkers(this.run.trace)
	);
	/** Continuous runs: each epoch commit, where "step" stops and what `batch=` names. */
	readonly #epochCommits: readonly number[] = $derived(
		this.run.kind === 'continuous' ? epochCommitTimes(this.run.trace) : []
	);
	readonly playback = new Playback(() => ({
		endMs: this.trace.endMs,
		nextStop: (t) => this.#nextStop(t),
		previousStop: (t) => this.#previousStop(t) ?? 0
	}));
	/** Batches committed by the cursor; epochs committed, for a continuous run. */
	readonly batchCount: number = $derived(
		this.run.kind === 'continuous'
			? this.#epochCommits.filter((c) => c <= this.playback.now).length
			: committedCount(this.run.trace, this.playback.now)
	);
	readonly #opening: MicroBatchRun;

	constructor(scenario: MicroBatchScenario, session: MicroBatchSession = microBatchSession(scenario)) {
		this.scenario = scenario;
		this.session = session;
		// The page's own program always runs; a run-less session would be a bug in the scenario.
		if (!session.run) throw new Error(`${scenario.slug}: the page's program did not run: ${session.error?.message}`);
		this.#opening = session.run;
		this.preset = scenario.presets[0]?.id ?? null;
		// Open a few batches in, paused: the prerendered page (and a reader without JavaScript)
		// sees a timeline with batches on it, not an empty axis.
		const opening = session.run.kind === 'microBatch' ? session.run.trace.batches[OPENING_BATCHES - 1]?.commitAt : undefined;
		this.playback.seek(opening ?? 0);
	}

	#nextStop(t: number): number | undefined {
		if (this.run.kind === 'microBatch') return nextCommitAfter(this.run.trace, t);
		return this.#epochCommits.find((c) => c > t);
	}

	#previousStop(t: number): number | undefined {
		if (this.run.kind === 'microBatch') return previousCommitBefore(this.run.trace, t);
		return this.#epochCommits.findLast((c) => c < t);
	}

	/** The program in the editor: what runs. */
	get program(): string {
		return this.session.code;
	}

	/** The program differs from the one the parameters alone would give (a share link omits it). */
	get programEdited(): boolean {
		return this.session.code !== this.scenario.program(this.session.params);
	}

	get params() {
		return this.session.params;
	}

	get seed() {
		return this.session.seed;
	}

	/**
	 * A control changed one value: validate, rewrite its span of the program and re-run. The
	 * cursor keeps its time, so the new run is seen at the same instant as the old one.
	 */
	set(id: string, raw: ParamValue) {
		const { params, notices } = clampParams(this.scenario.schema, { ...this.session.params, [id]: raw });
		const typed = this.#scripted();
		// The rate and length of generated lines mean nothing for lines typed by hand.
		const leaving = typed !== undefined && this.scenario.generatorParams.includes(id);
		this.notices = leaving
			? [...notices, `The socket now receives generated lines; pick “${typed.label}” again for its typed lines.`]
			: notices;
		this.preset = null;
		const at = this.playback.now;
		// applyPreset re-runs even when the value did not change: the lines did.
		if (leaving) this.session.applyPreset(params, null);
		else this.session.setParams(params);
		this.#reseek(at);
	}

	pick(preset: Preset) {
		const { params, notices } = clampParams(this.scenario.schema, {
			...defaultParams(this.scenario.schema),
			...preset.params
		});
		this.notices = notices;
		this.preset = preset.id;
		const at = this.playback.now;
		const script = this.scenario.presets.find((p) => p.id === preset.id)?.script ?? null;
		this.session.applyPreset(params, script);
		// A replay of a test starts where the test does, so "step" walks through its batches.
		if (script) this.playback.restart();
		else this.#reseek(at);
	}

	/** The preset whose typed lines the socket receives, if any (kept while other controls move). */
	#scripted(): MicroBatchPreset | undefined {
		const script = this.session.script;
		return script === null ? undefined : this.scenario.presets.find((p) => p.script === script);
	}

	/**
	 * After a run, the controls show what its program says (an edited rowsPerSecond, trigger or
	 * output mode), so moving a control starts from the value that runs. Call from an $effect:
	 * it depends on the run only.
	 */
	syncParams(): void {
		const run = this.session.run;
		if (!run) return;
		untrack(() => {
			const current = this.session.params;
			const next = this.scenario.paramsOf(run, current);
			if (Object.keys(next).some((k) => next[k] !== current[k])) {
				this.session.params = next;
				this.preset = null;
			}
		});
	}

	/** Where the cursor stood when a run without batches (a rejected query) sent it to 0. */
	#resumeAt = 0;

	/** Keep the cursor's time in the new run; after a rejected query, go back where it was. */
	#reseek(at: number) {
		if (this.run.kind === 'microBatch' && this.run.trace.batches.length === 0) {
			if (at > 0) this.#resumeAt = at;
			this.playback.seek(at);
			return;
		}
		this.playback.seek(at === 0 && this.#resumeAt > 0 ? this.#resumeAt : at);
		this.#resumeAt = 0;
	}

	/** What a URL may set on this page (src/lib/sim/url-state.ts). */
	get urlSpec(): UrlSpec {
		const otherKeys = [CODE_KEY, ...(OTHER_URL_KEYS[this.scenario.slug] ?? [])];
		return { schema: this.scenario.schema, presets: this.scenario.presets, otherKeys };
	}

	/**
	 * Batches end at their commit: where "step one batch" stops, and what `batch=` names. In a
	 * continuous run the committed epochs play that part (an epoch's id commits at most once).
	 */
	get timeline(): CursorTimeline {
		if (this.run.kind === 'continuous') {
			const done = this.run.trace.epochs.filter((e) => e.commitMs !== null);
			return {
				endMs: this.trace.endMs,
				batches: done.map((e) => ({ batchId: e.epoch, endMs: e.commitMs! })).sort((a, z) => a.endMs - z.endMs)
			};
		}
		return {
			endMs: this.trace.endMs,
			batches: this.run.trace.batches.map((b) => ({ batchId: b.batchId, endMs: b.commitAt }))
		};
	}

	/**
	 * Starting state from a URL: `?preset=overrun&eventRate=500&seed=7&t=12.5&paused` (or
	 * `batch=3`). Every value goes through clampParams; anything refused becomes a notice, never
	 * an exception.
	 */
	applyQuery(query: URLSearchParams) {
		const parsed = parseUrlState(query, this.urlSpec);
		this.notices = parsed.notices;
		if (!parsed.present) {
			this.#readProgram(query);
			return;
		}
		const { state } = parsed;
		const touched = this.scenario.schema.some((p) => query.has(p.id));
		// Set before applyPreset, whose one re-run then uses it (reseed would run the engine twice).
		this.session.seed = state.seed;
		const script = this.#scriptOf(state.preset, state.params);
		const typed = this.scenario.presets.find((p) => p.id === state.preset && p.script);
		if (typed && !script) {
			const named = this.scenario.generatorParams.filter((id) => query.has(id)).join(', ');
			this.notices = [...this.notices, `The link sets ${named}, so the socket receives generated lines, not the typed lines of “${typed.label}”.`];
		}
		this.session.applyPreset(state.params, script);
		this.#readProgram(query);
		// No preset and no parameter named: the page's opening preset stays marked.
		if (parsed.presetIntact) this.preset = state.preset;
		else if (touched || state.preset) this.preset = null;
		if (state.cursor) {
			const at = resolveCursor(state.cursor, this.timeline);
			this.playback.seek(at.ms);
			if (at.notice) this.notices = [...this.notices, at.notice];
		} else if (script) {
			// As picking it does: a replay opens where the test starts.
			this.playback.restart();
		}
		if (state.paused) this.playback.playing = false;
	}

	/** A link's edited program (after its parameters, whose rewrites must not touch it). */
	#readProgram(query: URLSearchParams) {
		const notice = readProgram(query, this.session);
		if (notice) this.notices = [...this.notices, notice];
	}

	/** The query for what is on screen: the URL state, and the program when it was edited. */
	shareQuery(now: number, keep: URLSearchParams): URLSearchParams {
		const query = serialiseUrlState(this.urlState(now), this.urlSpec, keep);
		writeProgram(query, this.session.code, this.scenario.program(this.session.params));
		return query;
	}

	/**
	 * The typed lines a link's preset replays: its script, unless the link moves a parameter of
	 * generated lines (the page drops the script when that control moves, so such a link came
	 * from generated lines).
	 */
	#scriptOf(presetId: string | null, params: Params): string | null {
		const preset = this.scenario.presets.find((p) => p.id === presetId);
		if (!preset?.script) return null;
		const base = baseParams(this.urlSpec, preset.id);
		return this.scenario.generatorParams.every((id) => params[id] === base[id]) ? preset.script : null;
	}

	/** What is on screen, as a URL state (for the address bar and "Copy link"). */
	urlState(now = this.playback.now): UrlState {
		return {
			// After a control moved, the preset is no longer marked, but its typed lines still
			// run: the link names it so it replays them.
			preset: this.preset ?? this.#scripted()?.id ?? null,
			params: this.session.params,
			seed: this.session.seed,
			cursor: cursorAt(now, this.timeline),
			paused: false
		};
	}

	/** Same parameters, different random draws (query start phase, socket lines). */
	newSeed() {
		// Deterministic successor, so "new seed" sequences are reproducible too.
		this.session.reseed(normaliseSeed(Math.imul(this.session.seed, 48271)));
		this.playback.restart();
	}
}
