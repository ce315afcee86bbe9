/**
 * The one controller of a page's simulation, whatever its kind: the program in the editor is the
 * single truth (a control rewrites its marked span; an edit in the editor moves the controls to
 * what the program says), the preset and notices, playback over the run (step, step back,
 * scrubber), the code behind the cursor, a deterministic new seed, URL read and write and the
 * share link, and the optional features a kind declares: Compare, input edits, a companion
 * program run beside it. Components stay thin and read from here; the kind (simulations/kinds)
 * does everything that is Spark's.
 */
import { untrack } from 'svelte';
import {
	defaultParams,
	normaliseSeed,
	type CodeSpan,
	type Comparison,
	type ParamValue,
	type Params,
	type QuestionSimulation,
	type SimMarker,
	type SimPreset,
	type SimQuestion,
	type SimulationKind,
	type Stop,
	comparedProgram,
	defaultComparison,
	type CompanionEngine,
	type EventTimeInput,
	type KindEngine,
	type RunRequest,
	type Result,
	type SourceError
} from '$sim';
import { BoundProgram, toDiagnostic } from './bound-program.svelte';
import type { Diagnostic } from '$lib/editor/types';
import { EngineClient, type RemoteResult } from './engine-client';
import { InputEditor } from './input-edits.svelte';
import { Playback } from './playback.svelte';
import { CODE_KEY, readProgram, writeProgram } from './program-url';
import { COMPARE_KEY, decodeComparison, encodeComparison } from './compare-url';
import { decodeInputEdits, EDITS_KEY, encodeInputEdits } from './input-edits-url';
import {
	baseParams,
	cursorAt,
	othersOf,
	parseUrlState,
	resolveCursor,
	serialiseUrlState,
	type CursorTimeline,
	type UrlSpec,
	type UrlState
} from './url-state';

/** The seed a page opens with (and a preset or Reset returns to). */
const DEFAULT_SEED = 1;

/** The key of the companion program's toggle (basic-03's Structured Streaming version). */
export const SIDE_BY_SIDE_KEY = 'structured';

export interface ShareQuery {
	readonly query: URLSearchParams;
	/** What the link cannot carry (a program or an edit list too long for a URL), if anything. */
	readonly caveat: string | null;
}

export interface ControllerOptions {
	/** URL keys another control of the page owns (basic-02's API switch): kept, not refused. */
	readonly otherUrlKeys?: readonly string[];
}

export class SimController<R = unknown, F = unknown> {
	readonly sim: QuestionSimulation;
	readonly question: SimQuestion;
	readonly kind: SimulationKind<SimQuestion, R, F>;
	/** The reader's edits to the input records, when the kind declares them. */
	readonly inputEdits: InputEditor | null;
	/** The program the page runs: its text is what the engine reads. */
	readonly program: BoundProgram<R>;
	/** A second program on the same parameters and seed, when the question has one. */
	readonly companion: BoundProgram<unknown> | null;
	preset = $state<string | null>(null);
	notices = $state.raw<readonly string[]>([]);
	/** Compare is open: two runs side by side at one cursor. */
	comparing = $state(false);
	/** B's setting as the reader picked it (null: the default comparison for the parameters). */
	comparePick = $state<Comparison | null>(null);
	/** The companion program's view is open beside the main one. */
	sideBySide = $state(false);

	readonly run: R | null = $derived.by(() => this.program.run);
	readonly stops: readonly Stop[] = $derived.by(() => (this.run ? this.kind.stops(this.run) : []));
	readonly endMs: number = $derived.by(() => (this.run ? this.kind.endMs(this.run) : 0));
	readonly playback: Playback = new Playback(
		() => ({
			endMs: this.endMs,
			nextStop: (t) => this.stops.find((s) => s.endMs > t)?.endMs ?? this.endMs,
			previousStop: (t) => this.stops.findLast((s) => s.endMs < t)?.endMs ?? 0
		}),
		(then) => this.program.afterRun(then)
	);
	readonly frame: F | null = $derived.by(() =>
		this.run ? this.kind.frameAt(this.run, this.playback.now) : null
	);
	readonly markers: readonly SimMarker[] = $derived.by(() =>
		this.run ? this.kind.markers(this.run) : []
	);
	/** Stops passed by the cursor: batches committed (epochs, in continuous processing). */
	readonly stopCount: number = $derived.by(
		() => this.stops.filter((s) => s.endMs <= this.playback.now).length
	);
	/** The frame in one sentence (the panel's live region). */
	readonly description: string = $derived.by(() =>
		this.run ? this.kind.describe(this.run, this.playback.now) : ''
	);
	/** The editor's markers: a program the engine cannot run, else a start the engine refused. */
	readonly diagnostics: Diagnostic[] = $derived.by(() => {
		if (this.program.error) return this.program.diagnostics;
		const refused = this.run ? this.kind.rejection(this.run) : null;
		return refused ? [toDiagnostic(refused)] : [];
	});
	/** The setting Compare runs B with (null: the kind has no Compare, or nothing to compare). */
	readonly comparison: Comparison | null = $derived.by(() =>
		this.kind.features.compare
			? (this.comparePick ?? defaultComparison(this.question, this.program.params))
			: null
	);
	/** Compare's side B: the program with the one setting changed, run on A's input. */
	readonly compared = $derived.by(() => this.#comparedRun());

	/** Where the cursor stood when a run without stops (a refused query) sent it to 0. */
	#resumeAt = 0;
	readonly #otherUrlKeys: readonly string[];

	constructor(sim: QuestionSimulation, options: ControllerOptions = {}) {
		this.sim = sim;
		this.question = sim.question;
		this.kind = sim.kind as SimulationKind<SimQuestion, R, F>;
		this.inputEdits = this.kind.features.inputEdits ? new InputEditor() : null;
		this.program = this.#bindProgram();
		this.companion = this.#bindCompanion();
		this.#otherUrlKeys = [...(sim.question.otherUrlKeys ?? []), ...(options.otherUrlKeys ?? [])];
		this.inputEdits?.attach(() => this.program.reseed(this.program.seed));
		this.preset = sim.question.openingPreset ?? null;
		// Open a few stops in, paused: the prerendered page (and a reader without JavaScript) sees
		// the idea, not an empty axis. In the browser the first run comes from the engine worker.
		this.program.afterRun(() => this.playback.seek(untrack(() => this.#openingMs())));
	}

	/** The kind's engine on this thread: loaded up front (node, prerendering), or its chunk loaded
	 *  now because the worker cannot run (a browser without one, a script that never loaded). */
	#engine(): Promise<KindEngine<SimQuestion, R>> {
		const loaded = this.sim.engine as KindEngine<SimQuestion, R> | undefined;
		return loaded ? Promise.resolve(loaded) : this.kind.engine();
	}

	/** A run and its generated input (learnt by the input editor): in `client`'s worker when
	 *  there is one, else here (the engine's chunk is loaded first). */
	async #runAway(client: EngineClient | null, request: RunRequest): Promise<RemoteResult<R>> {
		const { question: q, inputEdits: editor } = this;
		const want = editor ? 'both' : 'run';
		const answer = client ? await client.run<R>(q.slug, q.programId, request, want) : null;
		if (answer !== null) return answer;
		const engine = await this.#engine();
		return {
			result: engine.run(q, request),
			...(editor ? { input: engine.input?.(q, request.params, request.seed, request.script) } : {})
		};
	}

	#bindProgram(): BoundProgram<R> {
		const { question: q, inputEdits: editor } = this;
		const params = q.constrain(defaultParams(q.schema)).params;
		const request = (code: string, p: Params, seed: number, script: string | null): RunRequest => ({
			code,
			params: p,
			seed,
			script,
			edits: editor ? editor.observe() : []
		});
		const learn = (input: EventTimeInput | undefined) => {
			if (input && editor) editor.apply(input);
		};
		const loaded = this.sim.engine as KindEngine<SimQuestion, R> | undefined;
		const client = EngineClient.available ? new EngineClient() : null;
		return new BoundProgram<R>({
			initialCode: q.program(params),
			template: q.template,
			initialParams: params,
			seed: DEFAULT_SEED,
			structural: q.structural,
			rewrites: (p) => q.rewrites(p),
			// Node and prerendering: the engine loaded up front runs here, synchronously.
			...(loaded && !client
				? {
						run: (code, p, seed, script) => {
							learn(loaded.input?.(q, p, seed, script));
							return loaded.run(q, request(code, p, seed, script));
						}
					}
				: {
						// The browser: every run (first, control, preset, link, edit) goes to the
						// engine worker, so no program can freeze the page and the main thread never
						// downloads the engine.
						runRemote: async (code, p, seed, script) => {
							const answer = await this.#runAway(client, request(code, p, seed, script));
							if (answer === 'superseded' || answer === null) return answer;
							learn(answer.input);
							return answer.result ?? null;
						}
					})
		});
	}

	#bindCompanion(): BoundProgram<unknown> | null {
		const { question: q, sim } = this;
		const companion = sim.companion;
		if (!companion) return null;
		const loaded = sim.companionEngine;
		const client = EngineClient.available ? new EngineClient() : null;
		const request = (code: string, p: Params, seed: number): RunRequest => ({
			code,
			params: p,
			seed,
			script: null,
			edits: []
		});
		const here = async (): Promise<CompanionEngine<unknown>> => loaded ?? companion.engine();
		return new BoundProgram<unknown>({
			initialCode: companion.template,
			template: companion.template,
			initialParams: this.program.params,
			seed: DEFAULT_SEED,
			...(loaded && !client
				? { run: (code, p, seed) => loaded.run(q, request(code, p, seed)) }
				: {
						runRemote: async (code, p, seed) => {
							const req = request(code, p, seed);
							const answer = client
								? await client.run<unknown>(q.slug, companion.programId, req)
								: null;
							if (answer === 'superseded') return answer;
							if (answer?.result) return answer.result;
							return (await here()).run(q, req);
						}
					}),
			// Its template marks no spans: parameters change only the simulated input.
			rewrites: () => ({})
		});
	}

	get params(): Params {
		return this.program.params;
	}

	get seed(): number {
		return this.program.seed;
	}

	/** The code behind what happens at the cursor (none while the editor's program fails: the
	 *  run on screen is the last good one, whose lines no longer match). */
	codeFocus(): readonly CodeSpan[] {
		const run = this.run;
		return run && !this.program.error ? this.kind.codeFocus(run, this.playback.now) : [];
	}

	/**
	 * A control changed one value: through the question's gate, rewrite its span of the program
	 * and re-run. The cursor keeps its time, so the new run is seen at the same instant.
	 */
	set(id: string, raw: ParamValue): void {
		const { params, notices } = this.question.constrain({ ...this.program.params, [id]: raw });
		const typed = this.#scripted();
		// A generated-input parameter means nothing for rows a preset scripted.
		const leaving = typed !== undefined && this.question.generatorParams.includes(id);
		this.notices = leaving
			? [
					...notices,
					`The socket now receives generated lines; pick “${typed.label}” again for its typed lines.`
				]
			: notices;
		this.preset = null;
		const at = this.playback.now;
		// applyPreset re-runs even when the value did not change: the input did.
		if (leaving) this.program.applyPreset(params, null);
		else this.program.setParams(params);
		this.companion?.setParams(params);
		this.program.afterRun(() => this.#reseek(at));
	}

	/**
	 * A preset is a whole state: whatever was on screen (an edited program, moved controls, a new
	 * seed, input edits, a Compare setting), the page starts over from the question's program at
	 * its defaults, then applies the preset's parameters and scripted rows. So the program after
	 * any sequence of picks is the program of the last pick alone.
	 */
	pick(preset: SimPreset): void {
		const at = this.playback.now;
		const script = this.question.presets.find((p) => p.id === preset.id)?.script ?? null;
		this.#startOver(preset.params, script);
		this.preset = preset.id;
		// A replay of a test starts where the test does, so "step" walks through its batches.
		this.program.afterRun(() => (script ? this.playback.restart() : this.#reseek(at)));
	}

	/** Back to the page as it opens: the default program, parameters, seed and input, the
	 *  opening preset marked, Compare closed, the cursor on the opening stop (and so a bare URL). */
	reset(): void {
		this.#startOver({}, null);
		this.preset = this.question.openingPreset ?? null;
		this.comparing = false;
		this.sideBySide = false;
		this.playback.playing = false;
		this.#resumeAt = 0;
		this.program.afterRun(() => this.playback.seek(this.#openingMs()));
	}

	/** The page is as it opens (Reset would change nothing but the cursor). */
	get atDefaults(): boolean {
		const defaults = this.#defaults({}).params;
		return (
			this.program.seed === DEFAULT_SEED &&
			this.program.script === null &&
			!this.comparing &&
			(this.inputEdits?.edits.length ?? 0) === 0 &&
			this.question.schema.every((p) => this.program.params[p.id] === defaults[p.id]) &&
			this.program.code === this.question.program(defaults) &&
			(this.companion === null || this.companion.code === this.sim.companion?.template)
		);
	}

	/** What a fresh load shows: the defaults, the opening preset, the cursor on the opening stop. */
	#opening(now: number): boolean {
		return (
			!this.sideBySide &&
			this.preset === (this.question.openingPreset ?? null) &&
			now === this.#openingMs() &&
			this.atDefaults
		);
	}

	#defaults(overrides: Params) {
		return this.question.constrain({ ...defaultParams(this.question.schema), ...overrides });
	}

	/** The question's defaults with `overrides` on top, in one engine run: the program rendered
	 *  afresh from the template (no earlier edit or variant survives), seed 1, no input edits. */
	#startOver(overrides: Params, script: string | null): void {
		const { params, notices } = this.#defaults(overrides);
		this.notices = notices;
		this.comparePick = null;
		// Loaded, not reset: reset() would run the engine once more before the program changes.
		this.inputEdits?.load([]);
		this.program.reset(this.question.program(params), params, DEFAULT_SEED, script);
		const companion = this.sim.companion;
		if (this.companion && companion)
			this.companion.reset(companion.template, params, DEFAULT_SEED, null);
	}

	/** Where the page opens: a few stops in, so the first frame shows the idea. */
	#openingMs(): number {
		const stops = this.stops;
		return stops[Math.min(this.kind.openingStop, stops.length - 1)]?.endMs ?? 0;
	}

	/** Same parameters, other random draws; a deterministic successor, so a sequence of new seeds
	 *  is reproducible too. */
	newSeed(): void {
		const seed = normaliseSeed(Math.imul(this.program.seed, 48271));
		this.program.reseed(seed);
		this.companion?.reseed(seed);
		this.playback.restart();
	}

	/**
	 * The controls show what the program on screen says, so moving a control starts from the
	 * value that runs; a program that does not run (Spark refuses it) still moves them. Call from
	 * an $effect: it depends on the program and its run only.
	 */
	syncParams(): void {
		const run = this.program.run;
		const code = this.program.code;
		// While a newer program's run is in flight or an edit waits for its debounce, the run on
		// screen belongs to the program before: a kind that reads its controls from the run (the
		// cluster pages read the settings the reader found) would put the old values back and
		// unmark the preset just picked. The effect runs again when the run lands.
		if (this.program.running || this.program.pending) return;
		untrack(() => {
			const current = this.program.params;
			const next = this.kind.paramsOf(this.question, code, run, current);
			if (Object.keys(next).some((k) => next[k] !== current[k])) {
				this.program.params = next;
				this.companion?.setParams(next);
				this.preset = null;
			}
		});
	}

	/** The preset whose scripted rows the run reads, if any (kept while other controls move). */
	#scripted(): SimPreset | undefined {
		const script = this.program.script;
		return script === null ? undefined : this.question.presets.find((p) => p.script === script);
	}

	/** Keep the cursor's time in the new run; after a refused query, go back where it was. */
	#reseek(at: number): void {
		if (this.stops.length === 0) {
			if (at > 0) this.#resumeAt = at;
			this.playback.seek(at);
			return;
		}
		this.playback.seek(at === 0 && this.#resumeAt > 0 ? this.#resumeAt : at);
		this.#resumeAt = 0;
	}

	/** Side B's engine: a worker of its own, so A's runs and B's do not cancel each other. */
	readonly #compareEngine = EngineClient.available ? new EngineClient() : null;
	/** B's latest landed run, with the request it answers (written when the worker replies). */
	#comparedLanded = $state.raw<{
		readonly key: string;
		readonly result: Result<R, SourceError>;
	} | null>(null);
	#comparedAsked = '';

	#comparedRun() {
		const comparison = this.comparison;
		if (!this.comparing || !comparison) return null;
		const p = this.program;
		const b = comparedProgram(this.question, p.code, p.params, comparison);
		// Side A's input, not B's: a setting such as the delay also places a preset's scripted
		// rows, and Compare must change the program only. Input edits apply to both sides.
		const edits = this.inputEdits?.edits ?? [];
		const request: RunRequest = {
			code: b.code,
			params: p.params,
			seed: p.seed,
			script: p.script,
			edits
		};
		const result = this.#comparedResult(request);
		return {
			params: b.params,
			code: b.code,
			notices: b.notices,
			run: result?.ok ? result.value : null,
			error: result && !result.ok ? result.error : null
		};
	}

	/** B's run for this request: here when the engine is loaded up front (node); else the
	 *  worker's answer once it lands (until then the last one B had, so no program freezes the
	 *  page from side B either). */
	#comparedResult(request: RunRequest): Result<R, SourceError> | null {
		const client = this.#compareEngine;
		const loaded = this.sim.engine as KindEngine<SimQuestion, R> | undefined;
		if (loaded && !client) return loaded.run(this.question, request);
		const key = JSON.stringify(request);
		const landed = this.#comparedLanded;
		if (landed?.key === key) return landed.result;
		if (this.#comparedAsked !== key) {
			this.#comparedAsked = key;
			const { slug, programId } = this.question;
			const ask = client ? client.run<R>(slug, programId, request) : Promise.resolve(null);
			void ask.then(async (r) => {
				if (r === 'superseded' || this.#comparedAsked !== key) return;
				const result = r?.result ?? (await this.#engine()).run(this.question, request);
				if (this.#comparedAsked === key) this.#comparedLanded = { key, result };
			});
		}
		return landed?.result ?? null;
	}

	// ---- URL state: a link restores everything on screen ----

	#featureKeys(): string[] {
		const keys = [CODE_KEY];
		if (this.kind.features.compare) keys.push(COMPARE_KEY);
		if (this.inputEdits) keys.push(EDITS_KEY);
		if (this.companion) keys.push(SIDE_BY_SIDE_KEY);
		return keys;
	}

	/** A DStream page without a companion names the side-by-side request it cannot honour. */
	#refusesSideBySide(): boolean {
		return !this.companion && this.kind.id === 'dstream';
	}

	get urlSpec(): UrlSpec {
		return {
			schema: this.question.schema,
			presets: this.question.presets,
			constrain: (raw) => this.question.constrain(raw),
			otherKeys: [
				...this.#featureKeys(),
				...(this.#refusesSideBySide() ? [SIDE_BY_SIDE_KEY] : []),
				...this.#otherUrlKeys
			]
		};
	}

	get timeline(): CursorTimeline {
		return {
			endMs: this.endMs,
			batches: this.stops.map((s) => ({ batchId: s.id, endMs: s.endMs }))
		};
	}

	/**
	 * Puts a link's state on the page: seed, preset (its scripted rows too), parameters and input
	 * edits in one engine run; then an edited program, run as the editor would run it; then
	 * Compare and the cursor, resolved in the final run. Every value passes the question's gate;
	 * whatever is refused becomes a notice, never an exception.
	 */
	applyQuery(query: URLSearchParams): void {
		const parsed = parseUrlState(query, this.urlSpec);
		const notices = [...parsed.notices];
		const sideBySide = query.get(SIDE_BY_SIDE_KEY);
		if (this.companion)
			this.sideBySide = sideBySide !== null && sideBySide !== '0' && sideBySide !== 'false';
		else if (sideBySide !== null && this.#refusesSideBySide()) {
			notices.push(
				`This page has no Structured Streaming version beside the DStream one; “${SIDE_BY_SIDE_KEY}” ignored.`
			);
		}
		const features = [COMPARE_KEY, EDITS_KEY].filter((k) => this.#featureKeys().includes(k));
		if (!parsed.present && !features.some((k) => query.has(k))) {
			this.notices = notices;
			this.#readProgram(query);
			return;
		}
		const { state } = parsed;
		const touched = this.question.schema.some((p) => query.has(p.id));
		const script = this.#scriptOf(state.preset, state.params);
		const typed = this.question.presets.find((p) => p.id === state.preset && p.script);
		if (typed && !script) {
			const named = this.question.generatorParams.filter((id) => query.has(id)).join(', ');
			notices.push(
				`The link sets ${named}, so the socket receives generated lines, not the typed lines of “${typed.label}”.`
			);
		}
		const editsRaw = query.get(EDITS_KEY);
		const linkEdits = editsRaw !== null && this.inputEdits !== null;
		const loaded = this.sim.engine;
		if (linkEdits && loaded) {
			// Ids are checked against the input these settings generate, before anything runs.
			const input = loaded.input?.(this.question, state.params, state.seed, script);
			if (input) notices.push(...this.#loadLinkEdits(editsRaw, input));
		}
		// Set before applyPreset, whose one re-run then uses it (reseed would run twice).
		this.program.seed = state.seed;
		this.program.applyPreset(state.params, script);
		if (this.companion) {
			this.companion.seed = state.seed;
			this.companion.applyPreset(state.params, null);
		}
		const programNotice = readProgram(query, this.program);
		if (programNotice) notices.push(programNotice);
		const compareRaw = query.get(COMPARE_KEY);
		if (compareRaw !== null && this.kind.features.compare) {
			const decoded = decodeComparison(compareRaw, this.question, this.program.params);
			notices.push(...decoded.notices);
			if (decoded.comparison) {
				this.comparePick = decoded.comparison;
				this.comparing = true;
			}
		}
		// No preset and no parameter named: the page's opening preset stays marked.
		if (parsed.presetIntact) this.preset = state.preset;
		else if (touched || state.preset || !this.question.openingPreset) this.preset = null;
		if (state.paused) this.playback.playing = false;
		this.notices = notices;
		// In the browser the input the edits name comes from the engine worker: the edits load,
		// and run, once it answers.
		if (linkEdits && !loaded) void this.#awaitLinkEdits(editsRaw, state.params, state.seed, script);
		// The cursor is resolved in the link's run, which the engine worker may still be making.
		this.program.afterRun(() => {
			if (state.cursor) {
				const at = resolveCursor(state.cursor, this.timeline);
				this.playback.seek(at.ms);
				if (at.notice) this.notices = [...this.notices, at.notice];
			} else if (script) {
				// As picking it does: a replay opens where the test starts.
				this.playback.restart();
			}
		});
	}

	/** Checks a link's edits against the input they apply to and loads what passes: notices. */
	#loadLinkEdits(raw: string, input: EventTimeInput): readonly string[] {
		const decoded = decodeInputEdits(raw, input);
		this.inputEdits?.load(decoded.edits);
		return decoded.notices;
	}

	async #awaitLinkEdits(
		raw: string,
		params: Params,
		seed: number,
		script: string | null
	): Promise<void> {
		const request: RunRequest = { code: this.program.code, params, seed, script, edits: [] };
		const client = EngineClient.available ? new EngineClient() : null;
		const { slug, programId } = this.question;
		const answer = client ? await client.run<R>(slug, programId, request, 'input') : null;
		client?.dispose();
		const input =
			answer && answer !== 'superseded'
				? answer.input
				: (await this.#engine()).input?.(this.question, params, seed, script);
		if (!input) return;
		const notices = this.#loadLinkEdits(raw, input);
		this.notices = [...this.notices, ...notices];
		// The link's run went without them: once more, with them (the cursor stays).
		if (this.inputEdits?.edits.length) this.program.reseed(this.program.seed);
	}

	#readProgram(query: URLSearchParams): void {
		const notice = readProgram(query, this.program);
		if (notice) this.notices = [...this.notices, notice];
	}

	/** The scripted rows a link's preset replays: its script, unless the link moves a parameter
	 *  of generated input (moving that control drops the script, so such a link had none). */
	#scriptOf(presetId: string | null, params: Params): string | null {
		const preset = this.question.presets.find((p) => p.id === presetId);
		if (!preset?.script) return null;
		const base = baseParams(this.urlSpec, preset.id);
		return this.question.generatorParams.every((id) => params[id] === base[id])
			? preset.script
			: null;
	}

	/** The query for what is on screen with the cursor at `now`; keys of `keep` that are not
	 *  ours (another control's) are carried over. */
	shareQuery(now: number, keep: URLSearchParams = new URLSearchParams()): ShareQuery {
		const mine = this.#featureKeys();
		const others = new URLSearchParams([...keep].filter(([k]) => !mine.includes(k)));
		// The page as it opens has a bare address (so Reset clears the address bar too).
		if (this.#opening(now)) return { query: othersOf(others, this.urlSpec), caveat: null };
		const query = serialiseUrlState(this.urlState(now), this.urlSpec, others);
		const left: string[] = [];
		if (this.comparing && this.comparison)
			query.set(COMPARE_KEY, encodeComparison(this.comparison));
		const edits = this.inputEdits?.edits ?? [];
		if (edits.length > 0) {
			const encoded = encodeInputEdits(edits);
			if (encoded.ok) query.set(EDITS_KEY, encoded.value);
			else left.push(`${encoded.reason}, so your input edits are not in it`);
		}
		if (this.companion && this.sideBySide) query.set(SIDE_BY_SIDE_KEY, '1');
		const programLeft = writeProgram(
			query,
			this.program.code,
			this.question.program(this.program.params)
		);
		if (programLeft) left.push(programLeft);
		return { query, caveat: left.length ? `Not everything fits: ${left.join('; ')}.` : null };
	}

	/** What is on screen, as a URL state (for the address bar and "Copy link"). */
	urlState(now = this.playback.now): UrlState {
		return {
			// After a control moved the preset is no longer marked, but its scripted rows still
			// run: the link names it so it replays them.
			preset: this.preset ?? this.#scripted()?.id ?? null,
			params: this.program.params,
			seed: this.program.seed,
			cursor: cursorAt(now, this.timeline),
			paused: false
		};
	}

	/** The program differs from the one the parameters alone would give (a link carries it). */
	get programEdited(): boolean {
		return this.program.code !== this.question.program(this.program.params);
	}

	/** What a Copy link button warns about, whatever the cursor (the program, the edits). */
	get caveat(): string | null {
		return untrack(() => this.shareQuery(0).caveat);
	}
}
