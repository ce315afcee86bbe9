/**
 * The contract every simulation kind fulfils (micro-batch, event time, DStream, and the kinds to
 * come). A kind is one folder, `kinds/<kind>/`, with the same files as every other kind:
 *
 *   kind.ts        the `SimulationKind` object below, built from the files beside it
 *   engine.ts      the `KindEngine`: `run` (and the generated input, with input edits), loaded
 *                  lazily by `kind.engine()`; the only file of the folder that imports run.ts
 *   run.ts         program + parameters + seed + input edits → a run (deterministic, serialisable)
 *   frames.ts      the run as seen at one processing time (`frameAt`), and its stops
 *   markers.ts     what happened, on the processing-time axis, each naming the Spark rule
 *   code-focus.ts  the program lines behind what happens at the cursor
 *   describe.ts    one sentence saying what a frame shows (the narration's live region, presenter notes)
 *   predict.ts     questions to answer before a batch plays, answered from the run (predict, then reveal)
 *   params.ts      the parameters as the program that ran says them (editor → controls)
 *   question.ts    what a question of this kind supplies (its input, its program's parameters)
 *   index.ts       the kind's public entry: the only module of the folder `src/` may import
 *
 * `run` is a pure function of its request: no clock, no randomness but the seed, no DOM, and a
 * result made of plain data, so it runs in a Web Worker. The engine (reader, analyzer, executor)
 * is a chunk of its own that a page's main thread never downloads: kind.ts reaches it only through
 * `engine: () => import('./engine').then((m) => m.engine)`, and nothing else the page loads (the
 * question's folder, frames, markers, describe, params, predict, the kind's views) imports run.ts
 * or the structured engine (tests/unit/boundary/main-thread.test.ts fails if one does).
 */
import type { Result, SourceError } from '../core/errors';
import type { Clamped, ParamSchema, Params, Preset } from '../core/params';
import type { SpanRewrite } from '../core/template';
import type { InputEdit } from './input-edits';
import type { EventTimeInput } from './event-time/question';
import type { SinkDiff } from './sink-diff';

export type KindId =
	| 'micro-batch'
	| 'event-time'
	| 'dstream'
	| 'cluster'
	| 'source-sink'
	| 'fault-tolerance'
	| 'keyed-state'
	| 'schema-evolution'
	| 'custom-protocol'
	| 'test-bench';

/** A preset of a question's simulation: parameters, and scripted input rows when it replays one
 *  of Spark's tests or places rows on purpose. */
export interface SimPreset extends Preset {
	readonly script?: string;
}

/**
 * One program of one question, run by one kind: the parameters and presets, the program they
 * rewrite (`# <- paramId` spans), and the gate every value passes. A kind extends it with what
 * its run needs (simulated input, cluster, views).
 */
export interface SimQuestion {
	readonly slug: string;
	readonly kind: KindId;
	/** The program tab this simulation runs (`main`, or `dstream` beside a Structured main). */
	readonly programId: string;
	readonly schema: ParamSchema;
	readonly presets: readonly SimPreset[];
	/** The program at default parameters, with its markers. */
	readonly template: string;
	/** Parameters whose values add or remove lines: they rewrite every marked span. */
	readonly structural: readonly string[];
	/** Parameters that shape generated input: moving one leaves a preset's scripted rows. */
	readonly generatorParams: readonly string[];
	/** URL keys another side of the page owns (an API switch, the other API's parameters). */
	readonly otherUrlKeys?: readonly string[];
	/** The API its program is written in, when a page runs one of each behind its API switch and
	 *  both are the same kind (advanced-10); otherwise the kind says it (dstream or not). */
	readonly api?: 'structured' | 'dstream';
	/** What the API switch says about this side's program. */
	readonly apiNote?: string;
	/** The preset marked when the page opens (its parameters are the defaults), if any. */
	readonly openingPreset?: string;
	/** The sink's rows are alerts (advanced-15): the kind's view lists them in an alert pane. */
	readonly alerts?: AlertPaneSpec;
	/** Clamps to the schema and to what the program can express, a notice per change. */
	constrain(raw: Readonly<Record<string, unknown>>): Clamped;
	rewrites(params: Params): Readonly<Record<string, SpanRewrite>>;
	/** `renderProgram(template, rewrites(constrain(params).params))`. */
	program(params: Params): string;
}

/** An alert pane's words; its rows are the ones the engine wrote to the sink. */
export interface AlertPaneSpec {
	readonly title: string;
	readonly note: string;
	/** The program's alert thresholds, each drawn against the alert column it bounds. */
	readonly limits?: readonly AlertLimit[];
}

/** An alert rule's limit: the program's constant (a parameter's span), compared with a column. */
export interface AlertLimit {
	/** The parameter whose span holds the value: the value comes from the program. */
	readonly param: string;
	/** The constant's name in the program (MAX_TXN_PER_WINDOW). */
	readonly name: string;
	/** The sink column the rule compares with it (a field of a JSON value column too). */
	readonly column: string;
	/** The rule compares the absolute value (a z-score beyond ±limit). */
	readonly absolute?: boolean;
}

/** Everything a run depends on. Same request, same run, event for event. */
export interface RunRequest {
	readonly code: string;
	readonly params: Params;
	readonly seed: number;
	/** The scripted rows of the active preset (null: generated input only). */
	readonly script: string | null;
	/** The reader's edits to the input records (kinds that declare `inputEdits`). */
	readonly edits: readonly InputEdit[];
}

/** A point "step" stops at: a batch's end (or an epoch's commit). `id` is what `batch=` names. */
export interface Stop {
	readonly id: number;
	readonly endMs: number;
}

/** Something that happened, placed where `frameAt` shows it, naming the Spark rule that fired. */
export interface SimMarker {
	/** Unique in the run. */
	readonly id: string;
	readonly atMs: number;
	/** Its lane on the scrubber. */
	readonly kind: string;
	/** What happened, with this run's numbers. */
	readonly label: string;
	/** The Spark rule, in Spark's words, with its SPARK-SEMANTICS.md section. */
	readonly rule: string;
}

/** Program lines (1-based, inclusive) behind what happens at the cursor. */
export interface CodeSpan {
	readonly kind: string;
	readonly line: number;
	readonly endLine: number;
	readonly label: string;
}

/** One answer a learner can give to a prediction. */
export interface PredictionChoice {
	readonly id: string;
	readonly label: string;
}

/**
 * Predict, then reveal: before a chosen batch plays, the page pauses at `askAtMs` and asks about
 * what is on screen; once answered the batch plays to `revealAtMs`, and `explanation` says what
 * the engine decided (its numbers, the Spark rule). Everything comes from the run, never typed.
 */
export interface Prediction {
	/** Unique in the run. */
	readonly id: string;
	/** Where the page pauses to ask (the end of the batch before). */
	readonly askAtMs: number;
	/** Where the answer is on screen (the end of the batch asked about). */
	readonly revealAtMs: number;
	readonly question: string;
	readonly choices: readonly PredictionChoice[];
	/** The id of the choice the engine's run makes true. */
	readonly answer: string;
	/** What the engine decided, and why, in words. */
	readonly explanation: string;
}

/** Optional features a kind declares; the controller offers each one it finds. */
export interface KindFeatures<R> {
	/** Compare: the same input under the program with one setting changed, side by side. */
	readonly compare?: {
		/** The sink rows that differ per batch (sink-diff.ts), when the kind can say its sinks' rows. */
		diff?(a: R, b: R, t: number): SinkDiff | null;
	};
	/** The reader may add, nudge, rekey and delete input records (`RunRequest.edits`); the
	 *  generated records they apply to come from the engine (`KindEngine.input`). */
	readonly inputEdits?: boolean;
	/** A parameter injects a failure (a task dies, the query restarts from its checkpoint). */
	readonly failureInjection?: boolean;
	/** Predict, then reveal: questions asked before chosen batches, in time order (predict.ts). */
	predictions?(run: R): readonly Prediction[];
}

/** A kind's engine: what runs a program (the reader, analyzer and executor come with it). */
export interface KindEngine<Q extends SimQuestion = SimQuestion, R = unknown> {
	/** Runs a program. Never throws: a program it cannot run is a located error. */
	run(question: Q, request: RunRequest): Result<R, SourceError>;
	/** The generated input records that input edits apply to (kinds that declare `inputEdits`). */
	input?(question: Q, params: Params, seed: number, script: string | null): EventTimeInput;
}

export interface SimulationKind<Q extends SimQuestion = SimQuestion, R = unknown, F = unknown> {
	readonly id: KindId;
	/** Loads the kind's engine (a chunk of its own: the engine worker, node and prerendering load
	 *  it; a page's main thread does not). */
	engine(): Promise<KindEngine<Q, R>>;
	/** A run that started but that Spark refused (an AnalysisException at start()), to mark in
	 *  the editor while the run (with no batch) stays on screen. */
	rejection(run: R): SourceError | null;
	/** The parameters as the program says them: each value the program sets that its control can
	 *  show replaces the old one (an edit in the editor moves the controls). `run` is null when
	 *  the program did not run: the controls still follow its text. */
	paramsOf(question: Q, code: string, run: R | null, params: Params): Params;
	frameAt(run: R, t: number): F;
	/** The run's last instant (virtual ms). */
	endMs(run: R): number;
	/** Where "step" stops and what `batch=` names, in time order. */
	stops(run: R): readonly Stop[];
	/** Which stop the page opens on (a few batches in, so the first frame shows the idea). */
	readonly openingStop: number;
	markers(run: R): readonly SimMarker[];
	codeFocus(run: R, t: number): readonly CodeSpan[];
	/** One sentence: what the frame at `t` shows, in words. */
	describe(run: R, t: number): string;
	readonly features: KindFeatures<R>;
}

/** A question's simulations: usually one; two when a page runs both APIs (basic-02). */
export interface QuestionModule {
	readonly slug: string;
	/** The simulations the page opens with (loaded before it hydrates). */
	readonly simulations: readonly QuestionSimulation[];
	/** Simulations shown behind a switch, loaded after first paint (each kind is a chunk the page
	 *  need not wait for: basic-02's DStream side). */
	readonly later?: () => Promise<readonly QuestionSimulation[]>;
	/** A switch between cases, one simulation each (advanced-15: fraud, IoT, anomaly), instead
	 *  of the API switch: each option's value is its simulation's program tab, kept in the URL
	 *  under `key`. */
	readonly cases?: {
		readonly key: string;
		readonly label: string;
		readonly options: readonly { readonly value: string; readonly label: string }[];
	};
}

/** A question's simulation bound to its kind (what the page's controller runs). */
export interface QuestionSimulation<Q extends SimQuestion = SimQuestion, R = unknown, F = unknown> {
	readonly question: Q;
	readonly kind: SimulationKind<Q, R, F>;
	/** A second program run on the same parameters and seed (basic-03's Structured Streaming
	 *  version beside its DStream one), shown by the kind's view. */
	readonly companion?: Companion<unknown>;
	/** The kind's engine, when loaded up front (node, prerendering: `withEngines`): runs happen
	 *  synchronously. A page in the browser leaves it out and runs in the engine worker. */
	readonly engine?: KindEngine<Q, R>;
	/** The companion's engine, loaded likewise. */
	readonly companionEngine?: CompanionEngine<unknown>;
}

export interface Companion<R> {
	readonly programId: string;
	readonly template: string;
	/** Loads what runs it (the engine's chunk, as `SimulationKind.engine`). */
	engine(): Promise<CompanionEngine<R>>;
}

export interface CompanionEngine<R> {
	run(question: SimQuestion, request: RunRequest): Result<R, SourceError>;
}
