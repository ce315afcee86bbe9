/**
 * The second side of "Compare": the page's program with ONE setting changed. Only parameters
 * that own a span of the program qualify (QUESTIONS.md §0.2): a simulation-only knob changes the
 * input, and Compare keeps the input identical so that every difference in the sink comes from
 * the program (an outputMode, a withWatermark delay, a window) as Spark would run it.
 */
import { markedParams, renderProgram } from '../core/template';
import type { SimQuestion } from './kind';
import type { ParamSpec, ParamValue, Params } from '../core/params';

/** The page's parameters that rewrite a span of its program, in schema order. */
export function comparableParams(scenario: SimQuestion): ParamSpec[] {
	const marked = new Set(markedParams(scenario.template));
	return scenario.schema.filter((p) => !p.simulationOnly && marked.has(p.id));
}

export interface Comparison {
	readonly id: string;
	readonly value: ParamValue;
}

/** A value other than `current`: the next option of a choice, a number doubled (or halved at the
 *  top of its range), so the two sides always differ. */
export function otherValue(p: ParamSpec, current: ParamValue | undefined): ParamValue {
	if (p.kind === 'choice') {
		const i = p.options.findIndex((o) => o.value === current);
		return p.options[(i + 1) % p.options.length]?.value ?? p.default;
	}
	const x = typeof current === 'number' ? current : p.default;
	const doubled = x === 0 ? p.step * 5 : x * 2;
	return doubled <= p.max ? doubled : Math.max(p.min, Math.floor(x / 2));
}

/** The first structural choice (outputMode before others), else the watermark delay doubled,
 *  else the first comparable parameter. */
export function defaultComparison(scenario: SimQuestion, params: Params): Comparison | null {
	const ps = comparableParams(scenario);
	const pick =
		ps.find((p) => p.id === 'outputMode') ??
		ps.find((p) => p.kind === 'choice') ??
		ps.find((p) => p.id === 'watermarkDelay') ??
		ps[0];
	return pick ? { id: pick.id, value: otherValue(pick, params[pick.id]) } : null;
}

export interface ComparedProgram {
	readonly params: Params;
	readonly code: string;
	/** What `constrain` corrected (a value Spark rejects in this combination, out of range). */
	readonly notices: readonly string[];
}

/**
 * Side B's parameters and program text. An unedited program is re-rendered from the template
 * (a choice can add or remove lines); an edited one keeps the user's text and rewrites only the
 * spans of the parameters that changed, as a parameter control does (bound-program.svelte.ts).
 */
export function comparedProgram(
	scenario: SimQuestion,
	leftCode: string,
	leftParams: Params,
	change: Comparison
): ComparedProgram {
	const { params, notices } = scenario.constrain({ ...leftParams, [change.id]: change.value });
	if (leftCode === scenario.program(leftParams)) {
		return { params, code: scenario.program(params), notices };
	}
	const all = scenario.rewrites(params);
	const changed = Object.keys(params).filter((k) => params[k] !== leftParams[k]);
	const only = Object.fromEntries(changed.flatMap((k) => (all[k] ? [[k, all[k]]] : [])));
	return { params, code: renderProgram(leftCode, only), notices };
}
