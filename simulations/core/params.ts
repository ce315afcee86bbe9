/**
 * Parameter schemas shared by every simulation: what a control shows (label, unit, range, help)
 * and what a URL or an input may set. `clampParams` is the single gate: it clamps numbers into
 * range, snaps them to the step, refuses unknown choices and names, and says what it changed.
 */

export type ParamValue = number | string;
export type Params = Readonly<Record<string, ParamValue>>;

interface ParamBase {
	readonly id: string;
	readonly label: string;
	readonly help: string;
	/** Drives the simulated world only; the program has no span for it (QUESTIONS.md §0.2). */
	readonly simulationOnly?: boolean;
}

export interface NumberParam extends ParamBase {
	readonly kind: 'number';
	readonly unit: string;
	readonly min: number;
	readonly max: number;
	readonly step: number;
	readonly default: number;
}

export interface ChoiceOption {
	readonly value: string;
	readonly label: string;
}

export interface ChoiceParam extends ParamBase {
	readonly kind: 'choice';
	readonly unit?: undefined;
	readonly options: readonly ChoiceOption[];
	readonly default: string;
}

export type ParamSpec = NumberParam | ChoiceParam;

/** A choice parameter from its options as [value, label] pairs; the first option is the default. */
export const choiceSpec = (
	id: string,
	label: string,
	options: readonly (readonly [string, string])[],
	help: string
): ChoiceParam => ({
	id,
	label,
	kind: 'choice',
	options: options.map(([value, text]) => ({ value, label: text })),
	default: options[0]?.[0] ?? '',
	help
});
export type ParamSchema = readonly ParamSpec[];

/** A conformance scenario (tests/conformance/spark) a preset replays, and the Spark test it is
 *  taken from: the page's program at the preset's parameters gives the test's answers. */
export interface SparkReproduction {
	/** The part of the test's origin that names it (suite file and test): the conformance
	 *  scenario whose `origin` contains it is the one reproduced. Not the scenario's id: engine and
	 *  UI code never name scenarios (a test finds the JSON by this). */
	readonly origin: string;
	/** Suite and test name, e.g. `EventTimeWatermarkSuite "update mode"`. */
	readonly test: string;
	/** How the page's run maps onto the test (columns, time shift, a part left out). */
	readonly note?: string;
}

export interface Preset {
	readonly id: string;
	readonly label: string;
	readonly description: string;
	readonly params: Params;
	/** Set when the preset reproduces one of Spark's own tests (the page shows a badge). */
	readonly reproduces?: SparkReproduction;
}

export interface Clamped {
	readonly params: Params;
	/** One sentence per value that was changed or refused, for the page to show. */
	readonly notices: readonly string[];
}

export function defaultParams(schema: ParamSchema): Params {
	return Object.fromEntries(schema.map((p) => [p.id, p.default]));
}

/** Snap to min + k·step, avoiding binary-fraction noise (0.1 + 0.2). */
function snap(p: NumberParam, x: number): number {
	const k = Math.round((x - p.min) / p.step);
	const decimals = (String(p.step).split('.')[1] ?? '').length;
	return Number((p.min + k * p.step).toFixed(decimals));
}

function clampOne(p: ParamSpec, raw: unknown, notices: string[]): ParamValue {
	if (raw === undefined) return p.default;
	if (p.kind === 'choice') {
		const value = String(raw);
		if (p.options.some((o) => o.value === value)) return value;
		const allowed = p.options.map((o) => o.value).join(', ');
		notices.push(`${p.label}: “${value}” is not one of ${allowed}; using ${p.default}.`);
		return p.default;
	}
	const x =
		typeof raw === 'number'
			? raw
			: typeof raw === 'string' && raw.trim() !== ''
				? Number(raw)
				: NaN;
	if (!Number.isFinite(x)) {
		notices.push(`${p.label}: “${String(raw)}” is not a number; using ${p.default}.`);
		return p.default;
	}
	const clamped = Math.min(p.max, Math.max(p.min, x));
	const value = snap(p, clamped);
	if (clamped !== x) {
		notices.push(`${p.label}: ${x} is outside ${p.min}–${p.max} ${p.unit}; using ${value}.`);
	} else if (Math.abs(value - x) > 1e-9) {
		notices.push(`${p.label}: ${x} moved to ${value} (steps of ${p.step}).`);
	}
	return value;
}

/** Valid parameters from untrusted input (a URL, a form), with a notice for each correction. */
export function clampParams(schema: ParamSchema, raw: Readonly<Record<string, unknown>>): Clamped {
	const notices: string[] = [];
	const params: Record<string, ParamValue> = {};
	for (const p of schema) params[p.id] = clampOne(p, raw[p.id], notices);
	for (const key of Object.keys(raw)) {
		if (!schema.some((p) => p.id === key)) notices.push(`Unknown parameter “${key}” ignored.`);
	}
	return { params, notices };
}

export const numberParam = (params: Params, id: string): number => {
	const v = params[id];
	if (typeof v !== 'number') throw new Error(`parameter ${id} is not a number`);
	return v;
};

export const choiceParam = (params: Params, id: string): string => {
	const v = params[id];
	if (typeof v !== 'string') throw new Error(`parameter ${id} is not a choice`);
	return v;
};
