/**
 * SIM-1, the micro-batch timeline, for basic-01, basic-02 and basic-11 (QUESTIONS.md): each page's
 * parameter schema, presets, program template and the span rewrites of its parameters
 * (simulations/questions/<slug>/program.ts). The program is the source of truth: the kind's engine (engine.ts) reads the
 * source, trigger, output mode and query from it (run.ts); the parameters
 * marked simulation-only describe the simulated cluster and the socket's lines, unless a preset's
 * script types the lines of one of Spark's tests instead (micro-batches-replays.ts).
 */
import type { SimulatedCluster } from './program';
import type { MicroBatchRun } from './run';
import type { Trigger } from '../../structured/plan';
import {
	intervalString,
	renderProgram,
	replaceFirstLiteral,
	type SpanRewrite
} from '../../core/template';
import { socketReplay, typedTurns } from './replays';
import type { MicroBatchPreset } from './param-specs';
import type { SimQuestion } from '../kind';
import {
	clampParams,
	numberParam,
	type ParamSchema,
	type ParamValue,
	type Params
} from '../../core/params';

export type { MicroBatchPreset } from './param-specs';

export interface MicroBatchScenario extends SimQuestion {
	readonly kind: 'micro-batch';
	readonly slug: string;
	readonly schema: ParamSchema;
	readonly presets: readonly MicroBatchPreset[];
	/** Parameters that shape the generated socket lines: a preset's typed lines replace them, so
	 *  moving one goes back to generated lines. */
	readonly generatorParams: readonly string[];
	/** Which views the page shows under the timeline. */
	readonly views: { readonly resultTable: boolean; readonly boundedTable: boolean };
	/** The main program with its `# <- param` markers, at default parameters. */
	readonly template: string;
	/** Parameters whose values add or remove a line (the `.trigger(...)` line). */
	readonly structural: readonly string[];
	/** The span rewrites for these parameters. */
	rewrites(params: Params): Readonly<Record<string, SpanRewrite>>;
	/** The simulated cluster these parameters describe, that a program runs on (engine.ts);
	 *  `script` is a preset's (its typed socket lines replace the generated ones). */
	cluster(params: Params, seed: number, script: string | null): SimulatedCluster;
	/** The bounded table's range, when the page shows one (basic-01's `spark.range(0, 100)`). */
	readonly bounded: { readonly start: number; readonly end: number } | undefined;
	/**
	 * The parameters as the program that ran says them (an edited `rowsPerSecond`, trigger or
	 * output mode): each value the program sets that is valid for its control replaces the old
	 * one, so the controls show what runs. Simulation-only parameters are kept.
	 */
	paramsOf(run: MicroBatchRun, params: Params): Params;
	program(params: Params): string;
}

/** Virtual length of one run: long enough for the interesting shapes at the slowest trigger. */
export const RUN_LENGTH_MS = 60_000;

/** The cluster basic-01/02 run on: local[4] (the rate source's numPartitions defaults to it). */
const LOCAL_CORES = 4;
const FIXED_CLUSTER = {
	fixedOverheadMs: 300,
	perRowCostUs: 50,
	cores: LOCAL_CORES,
	linesPerSecond: 2,
	wordsPerLine: 3
};

/**
 * basic-01's table is `spark.range(0, 100)`. The reader runs that statement but does not hand its
 * bounds on (only the started streaming query), so the bounded side always uses 0 … 99.
 */
const BOUNDED_RANGE = { start: 0, end: 100 };

/** `.trigger(...)` spans: a processingTime interval, or a variant; null drops the line. */
const triggerCall = (kind: string, seconds: number): string | null => {
	if (kind === 'default' || (kind === 'processingTime' && seconds === 0)) return null;
	if (kind === 'once') return '.trigger(once=True)';
	if (kind === 'availableNow') return '.trigger(availableNow=True)';
	// The same control sets the epoch (checkpoint) interval: continuous="1 second" (R1.4.6).
	if (kind === 'continuous') return `.trigger(continuous="${intervalString(seconds)}")`;
	return `.trigger(processingTime="${intervalString(seconds)}")`;
};

export const rewriteTrigger =
	(kind: string, seconds: number): SpanRewrite =>
	(line) => {
		const call = triggerCall(kind, seconds);
		return call === null ? null : line.replace(/\.trigger\(.*\)/, call);
	};

export const literal =
	(value: string): SpanRewrite =>
	(line) =>
		replaceFirstLiteral(line, value);

/** `.option("rowsPerSecond", 5)`: the value is the last number on the line, not the option name. */
export const lastNumber =
	(value: number): SpanRewrite =>
	(line) =>
		line.replace(/\d+(?:\.\d+)?(?=\D*$)/, String(value));

const num = (params: Params, id: string, fallback: number): number =>
	id in params ? numberParam(params, id) : fallback;

const typedLinesOf = (script: string | null): string[][] | null => {
	const replay = socketReplay(script);
	return replay ? typedTurns(replay) : null;
};

/** The simulation-only parameters a page has; the others keep the fixed cluster's values. */
const clusterOf = (params: Params, seed: number, script: string | null): SimulatedCluster => ({
	fixedOverheadMs: num(params, 'fixedOverhead', FIXED_CLUSTER.fixedOverheadMs),
	perRowCostUs: num(params, 'perRowCost', FIXED_CLUSTER.perRowCostUs),
	cores: num(params, 'cores', FIXED_CLUSTER.cores),
	linesPerSecond: num(params, 'linesPerSecond', FIXED_CLUSTER.linesPerSecond),
	wordsPerLine: num(params, 'wordsPerLine', FIXED_CLUSTER.wordsPerLine),
	typedLines: typedLinesOf(script),
	untilMs: RUN_LENGTH_MS,
	seed,
	// 0 s on the control: no failure injected.
	failureAtMs: num(params, 'failureAt', 0) > 0 ? num(params, 'failureAt', 0) * 1000 : null
});

/** The trigger controls as the program's trigger sets them (R1.4). */
function triggerFacts(t: Trigger): Record<string, ParamValue> {
	switch (t.kind) {
		case 'processingTime':
			return t.intervalMs > 0
				? { triggerKind: 'processingTime', triggerInterval: t.intervalMs / 1000 }
				: { triggerKind: 'default', triggerInterval: 0 };
		case 'continuous':
			return { triggerKind: 'continuous', triggerInterval: t.intervalMs / 1000 };
		case 'default':
			return { triggerKind: 'default', triggerInterval: 0 };
		case 'once':
		case 'availableNow':
			return { triggerKind: t.kind };
	}
}

/** What a run's program says about the parameters a page may show (any may be absent). */
function programFacts(run: MicroBatchRun): Record<string, ParamValue> {
	const source = run.kind === 'continuous' ? run.source : run.trace.config.source;
	const query = run.kind === 'continuous' ? run.query : run.trace.query;
	const facts: Record<string, ParamValue> = {
		outputMode: query.outputMode,
		...triggerFacts(run.trigger)
	};
	if (source.kind === 'rate') {
		facts['eventRate'] = source.rowsPerSecond;
		if (source.numPartitionsOption) facts['numPartitions'] = source.numPartitions;
	}
	return facts;
}

function readBack(schema: ParamSchema, run: MicroBatchRun, params: Params): Params {
	const facts = programFacts(run);
	const next: Record<string, ParamValue> = { ...params };
	for (const p of schema) {
		const v = facts[p.id];
		if (v === undefined || p.simulationOnly) continue;
		// Only a value the control can show as is: a clamped one would misstate the program.
		const { params: one, notices } = clampParams([p], { [p.id]: v });
		if (notices.length === 0 && one[p.id] === v) next[p.id] = v;
	}
	return next;
}

/** A micro-batch question from its schema, presets, rewrites and main program. */
export function defineMicroBatch(
	def: Omit<
		MicroBatchScenario,
		'kind' | 'programId' | 'constrain' | 'cluster' | 'bounded' | 'program' | 'paramsOf'
	>
): MicroBatchScenario {
	const { template } = def;
	const s: MicroBatchScenario = {
		...def,
		kind: 'micro-batch',
		programId: 'main',
		// The page opens on its first preset (its parameters are the defaults).
		openingPreset: def.presets[0]?.id,
		constrain: (raw) => clampParams(def.schema, raw),
		paramsOf: (run, params) => readBack(def.schema, run, params),
		cluster: clusterOf,
		bounded: def.views.boundedTable ? BOUNDED_RANGE : undefined,
		program: (params) => renderProgram(template, def.rewrites(params))
	};
	return s;
}
