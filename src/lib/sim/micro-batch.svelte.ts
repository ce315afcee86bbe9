/**
 * The controller of one SIM-1 page: parameters (through clampParams), seed, the run they build,
 * and the playback cursor over it. Components stay thin and read from here.
 */
import {
	clampParams,
	committedCount,
	defaultParams,
	nextCommitAfter,
	previousCommitBefore,
	normaliseSeed,
	type MicroBatchScenario,
	type ParamValue,
	type Params,
	type Preset,
	type Trace
} from '$sim';
import { Playback } from './playback.svelte';
import {
	cursorAt,
	parseUrlState,
	resolveCursor,
	type CursorTimeline,
	type UrlSpec,
	type UrlState
} from './url-state';

/** How many committed batches the first frame shows. */
const OPENING_BATCHES = 4;

export class MicroBatchController {
	readonly scenario: MicroBatchScenario;
	params = $state.raw<Params>({});
	seed = $state(1);
	preset = $state<string | null>(null);
	notices = $state.raw<readonly string[]>([]);
	readonly trace: Trace = $derived.by(() => this.#build());
	readonly program: string = $derived.by(() => this.#program());
	readonly playback = new Playback(() => ({
		endMs: this.trace.endMs,
		nextStop: (t) => nextCommitAfter(this.trace, t),
		previousStop: (t) => previousCommitBefore(this.trace, t) ?? 0
	}));
	readonly batchCount: number = $derived(committedCount(this.trace, this.playback.now));

	constructor(scenario: MicroBatchScenario) {
		this.scenario = scenario;
		this.params = defaultParams(scenario.schema);
		this.preset = scenario.presets[0]?.id ?? null;
		// Open a few batches in, paused: the prerendered page (and a reader without JavaScript)
		// sees a timeline with batches on it, not an empty axis.
		this.playback.seek(this.trace.batches[OPENING_BATCHES - 1]?.commitAt ?? 0);
	}

	#build(): Trace {
		return this.scenario.build(this.params, this.seed);
	}

	#program(): string {
		return this.scenario.program(this.params);
	}

	/**
	 * A control changed one value: validate and rebuild. The cursor keeps its time, so the new
	 * run is seen at the same instant as the old one (a parameter's effect shows at once).
	 */
	set(id: string, raw: ParamValue) {
		const { params, notices } = clampParams(this.scenario.schema, { ...this.params, [id]: raw });
		this.params = params;
		this.notices = notices;
		this.preset = null;
		this.playback.seek(this.playback.now);
	}

	pick(preset: Preset) {
		const { params, notices } = clampParams(this.scenario.schema, {
			...defaultParams(this.scenario.schema),
			...preset.params
		});
		this.params = params;
		this.notices = notices;
		this.preset = preset.id;
		this.playback.seek(this.playback.now);
	}

	/** What a URL may set on this page (src/lib/sim/url-state.ts). */
	get urlSpec(): UrlSpec {
		return { schema: this.scenario.schema, presets: this.scenario.presets };
	}

	/** Batches end at their commit: where "step one batch" stops, and what `batch=` names. */
	get timeline(): CursorTimeline {
		return {
			endMs: this.trace.endMs,
			batches: this.trace.batches.map((b) => ({ batchId: b.batchId, endMs: b.commitAt }))
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
		if (!parsed.present) return;
		const { state } = parsed;
		const touched = this.scenario.schema.some((p) => query.has(p.id));
		this.params = state.params;
		// No preset and no parameter named: the page's opening preset stays marked.
		if (parsed.presetIntact) this.preset = state.preset;
		else if (touched || state.preset) this.preset = null;
		this.seed = state.seed;
		if (state.cursor) {
			const at = resolveCursor(state.cursor, this.timeline);
			this.playback.seek(at.ms);
			if (at.notice) this.notices = [...this.notices, at.notice];
		}
		if (state.paused) this.playback.playing = false;
	}

	/** What is on screen, as a URL state (for the address bar and "Copy link"). */
	urlState(now = this.playback.now): UrlState {
		return {
			preset: this.preset,
			params: this.params,
			seed: this.seed,
			cursor: cursorAt(now, this.timeline),
			paused: false
		};
	}

	/** Same parameters, different random draws (query start phase, socket lines). */
	newSeed() {
		// Deterministic successor, so "new seed" sequences are reproducible too.
		this.seed = normaliseSeed(Math.imul(this.seed, 48271));
		this.playback.restart();
	}
}
