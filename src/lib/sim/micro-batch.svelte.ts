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

	/**
	 * Starting state from a URL: `?preset=overrun&eventRate=500&seed=7&t=12.5&paused`. Every value
	 * goes through clampParams; anything refused becomes a notice, never an exception.
	 */
	applyQuery(query: URLSearchParams) {
		const known = ['preset', 'seed', 't', 'paused', ...this.scenario.schema.map((p) => p.id)];
		if (!known.some((k) => query.has(k))) return;
		const preset = this.scenario.presets.find((p) => p.id === query.get('preset'));
		const raw: Record<string, unknown> = { ...defaultParams(this.scenario.schema), ...preset?.params };
		let touched = false;
		for (const p of this.scenario.schema) {
			const v = query.get(p.id);
			if (v !== null) {
				raw[p.id] = v;
				touched = true;
			}
		}
		const { params, notices } = clampParams(this.scenario.schema, raw);
		this.params = params;
		this.notices = notices;
		this.preset = touched ? null : (preset?.id ?? this.preset);
		const seed = Number(query.get('seed'));
		if (query.has('seed')) this.seed = normaliseSeed(seed);
		const t = Number(query.get('t'));
		if (query.has('t') && Number.isFinite(t)) this.playback.seek(t * 1000);
		if (query.has('paused')) this.playback.playing = false;
	}

	/** Same parameters, different random draws (query start phase, socket lines). */
	newSeed() {
		// Deterministic successor, so "new seed" sequences are reproducible too.
		this.seed = normaliseSeed(Math.imul(this.seed, 48271));
		this.playback.restart();
	}
}
