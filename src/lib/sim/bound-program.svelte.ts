/**
 * The binding between a page's program and its simulation: the program text is the source of
 * truth. Editing it re-runs the simulation (debounced); a parameter control rewrites only its
 * marked span of the current text (never the user's other edits) and re-runs; a program the
 * engine cannot run (or Spark would refuse to start) yields diagnostics for the editor and no
 * run: nothing plays that the program on screen would not do.
 */
import type { SourceError } from '$sim';
import { markedLines, markedParams, renderProgram, type SpanRewrite } from '$sim';
import type { Params } from '$sim';
import type { Diagnostic } from '$lib/editor/types';

export type RunResult<T> = { ok: true; value: T } | { ok: false; error: SourceError };

export interface BindingSpec<T> {
	readonly initialCode: string;
	/** The page's program at default parameters, with its markers. */
	readonly template: string;
	/** Parameters whose variants add or remove lines or change other spans (window type, join
	 *  type): changing one rewrites every marked span of the current text; only when a line it
	 *  needs was removed earlier (no marker left) is the program re-rendered from the template.
	 *  Other parameters rewrite only their own span. Unmarked lines the user edited stay. */
	readonly structural?: readonly string[];
	readonly initialParams: Params;
	readonly seed: number;
	/** Runs the engine on a program here, synchronously, when it is loaded on this thread (node,
	 *  prerendering); never throws (errors are values). `script` names scripted input rows a
	 *  preset adds, if any. Without it every run goes through `runRemote`. */
	run?(code: string, params: Params, seed: number, script: string | null): RunResult<T>;
	/** The span rewrites for these parameters (QUESTIONS.md §0.2). */
	rewrites(params: Params): Readonly<Record<string, SpanRewrite>>;
	/** Runs a program off the main thread (the engine worker), when the page can: resolves to
	 *  the run, `'superseded'` when a newer run took its place, or null to run it here instead.
	 *  With it every run goes there (the first, a control, a preset, a link, an edit), so no
	 *  program holds the page. */
	runRemote?(
		code: string,
		params: Params,
		seed: number,
		script: string | null
	): Promise<RunResult<T> | 'superseded' | null>;
}

const EDIT_DEBOUNCE_MS = 350;

export class BoundProgram<T> {
	code = $state('');
	params = $state.raw<Params>({});
	seed = $state(1);
	/** Scripted input rows of the active preset (null: generated input only). */
	script = $state<string | null>(null);
	/** The run of the program on screen: what the views draw (null while it cannot run). */
	run = $state.raw<T | null>(null);
	/** The error of the latest attempt, if it failed. */
	error = $state.raw<SourceError | null>(null);
	readonly diagnostics: Diagnostic[] = $derived(this.error ? [toDiagnostic(this.error)] : []);
	/** A run is in flight in the engine worker (the last good run stays on screen meanwhile). */
	running = $state(false);
	/** An edit waits for the user to pause before it re-runs: what is on screen is not yet its run. */
	pending = $state(false);

	readonly #spec: BindingSpec<T>;
	#timer: ReturnType<typeof setTimeout> | null = null;
	/** What waits for the run in flight to land (see `afterRun`). */
	#waiting: (() => void)[] = [];

	constructor(spec: BindingSpec<T>) {
		this.#spec = spec;
		this.code = spec.initialCode;
		this.params = spec.initialParams;
		this.seed = spec.seed;
		this.#rerun();
	}

	/** Calls `then` once the latest run has landed: now when none is in flight (always, without
	 *  a worker), else after it (a newer run in flight defers it again). */
	afterRun(then: () => void): void {
		if (this.running) this.#waiting.push(then);
		else then();
	}

	/** The user typed: re-run once they pause. */
	edit(code: string): void {
		this.code = code;
		if (this.#timer) clearTimeout(this.#timer);
		this.pending = true;
		this.#timer = setTimeout(() => {
			this.#timer = null;
			this.pending = false;
			this.#rerun();
		}, EDIT_DEBOUNCE_MS);
	}

	/** A control moved: rewrite that parameter's span in the current text and re-run now. */
	setParams(next: Params): void {
		const changed = Object.keys(next).filter((k) => next[k] !== this.params[k]);
		if (changed.length === 0) return;
		this.params = next;
		const all = this.#spec.rewrites(next);
		if (changed.some((k) => this.#spec.structural?.includes(k))) {
			// A value that removed some of a parameter's lines (advanced-08's NoTimeout drops the
			// watermark and the deadline call) cannot bring them back from the current text.
			const tpl = this.#spec.template;
			const lost = markedParams(tpl).some(
				(id) => markedLines(this.code, id).length < markedLines(tpl, id).length
			);
			this.code = renderProgram(lost ? this.#spec.template : this.code, all);
		} else {
			const only = Object.fromEntries(changed.flatMap((k) => (all[k] ? [[k, all[k]]] : [])));
			this.code = renderProgram(this.code, only);
		}
		this.#rerun();
	}

	/** A preset: its parameters and its scripted rows together, one re-run. */
	applyPreset(params: Params, script: string | null): void {
		this.script = script;
		const before = this.params;
		this.setParams(params);
		if (before === this.params) this.#rerun();
	}

	/**
	 * Start over from a whole state: this program text, parameters, seed and scripted rows, one
	 * re-run. A pending edit is dropped (its debounce would otherwise overwrite the new program),
	 * and so is a worker run still on its way.
	 */
	reset(code: string, params: Params, seed: number, script: string | null): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		this.pending = false;
		this.code = code;
		this.params = params;
		this.seed = seed;
		this.script = script;
		this.#rerun();
	}

	reseed(seed: number): void {
		this.seed = seed;
		this.#rerun();
	}

	dispose(): void {
		if (this.#timer) clearTimeout(this.#timer);
	}

	/** Bumped by every run: a remote result older than the latest run is dropped. */
	#generation = 0;

	/** Runs the program: in the engine worker when there is one (the page stays responsive, and
	 *  a newer run cancels the one in flight), else here. The last good run stays on screen
	 *  meanwhile. */
	#rerun(): void {
		const generation = ++this.#generation;
		const remote = this.#spec.runRemote;
		if (!remote) return this.#runHere();
		this.running = true;
		void remote(this.code, this.params, this.seed, this.script).then((result) => {
			if (generation !== this.#generation || result === 'superseded') return;
			if (result === null) this.#runHere();
			else this.#apply(result);
			this.running = false;
			const waiting = this.#waiting;
			this.#waiting = [];
			for (const then of waiting) then();
		});
	}

	#runHere(): void {
		const run = this.#spec.run;
		if (run) this.#apply(run(this.code, this.params, this.seed, this.script));
	}

	#apply(result: RunResult<T>): void {
		if (result.ok) {
			this.run = result.value;
			this.error = null;
		} else {
			// No stale run: a query Spark would not start shows its error, not an older query.
			this.run = null;
			this.error = result.error;
		}
	}
}

export function toDiagnostic(e: SourceError): Diagnostic {
	const supported = e.supported ? `\n${e.supported}` : '';
	return {
		line: Math.max(1, e.line),
		column: Math.max(1, e.column),
		endLine: e.endLine,
		endColumn: e.endColumn,
		message: e.message + supported
	};
}
