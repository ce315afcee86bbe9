/**
 * SIM-1, the micro-batch timeline, for basic-01, basic-02 and basic-11 (QUESTIONS.md): each page's
 * parameter schema, presets, `build(params, seed)` → Trace, and `program(params)`, which rewrites
 * only the marked spans of the page's PySpark program (simulations/programs/).
 */
import type { OutputMode, QuerySpec } from '../microbatch/aggregate';
import type { CostModel } from '../microbatch/cost';
import { buildTrace } from '../microbatch/run';
import type { RunConfig, SourceSpec, Trace } from '../microbatch/trace';
import type { TriggerSpec } from '../microbatch/trigger';
import { PROGRAMS } from '../programs/index';
import { intervalString, renderProgram, replaceFirstLiteral, type SpanRewrite } from '../programs/template';
import { BASIC_01, BASIC_02, BASIC_11 } from './micro-batches-schemas';
import { choiceParam, numberParam, type ParamSchema, type Params, type Preset } from './types';

export interface MicroBatchScenario {
	readonly slug: string;
	readonly schema: ParamSchema;
	readonly presets: readonly Preset[];
	/** Which views the page shows under the timeline. */
	readonly views: { readonly resultTable: boolean; readonly boundedTable: boolean };
	build(params: Params, seed: number): Trace;
	program(params: Params): string;
}

/** Virtual length of one run: long enough for the interesting shapes at the slowest trigger. */
export const RUN_LENGTH_MS = 60_000;

/** The cluster basic-01/02 run on: local[4] (the rate source's numPartitions defaults to it). */
const LOCAL_CORES = 4;
const FIXED_COST: Omit<CostModel, 'numPartitions'> = {
	fixedOverheadMs: 300,
	perRowCostUs: 50,
	cores: LOCAL_CORES
};

const intervalTrigger = (seconds: number): TriggerSpec =>
	seconds === 0
		? { kind: 'default', intervalMs: 0 }
		: { kind: 'processingTime', intervalMs: Math.round(seconds * 1000) };

const config = (
	source: SourceSpec,
	trigger: TriggerSpec,
	cost: CostModel,
	query: QuerySpec,
	seed: number
): RunConfig => ({ source, trigger, cost, query, untilMs: RUN_LENGTH_MS, seed });

/** `.trigger(...)` spans: a processingTime interval, or a variant; null drops the line. */
const triggerCall = (kind: string, seconds: number): string | null => {
	if (kind === 'default' || seconds === 0) return null;
	if (kind === 'once') return '.trigger(once=True)';
	if (kind === 'availableNow') return '.trigger(availableNow=True)';
	if (kind === 'continuous') return '.trigger(continuous="1 second")';
	return `.trigger(processingTime="${intervalString(seconds)}")`;
};

const rewriteTrigger =
	(kind: string, seconds: number): SpanRewrite =>
	(line) => {
		const call = triggerCall(kind, seconds);
		return call === null ? null : line.replace(/\.trigger\(.*\)/, call);
	};

const literal =
	(value: string): SpanRewrite =>
	(line) =>
		replaceFirstLiteral(line, value);

/** `.option("rowsPerSecond", 5)`: the value is the last number on the line, not the option name. */
const lastNumber =
	(value: number): SpanRewrite =>
	(line) =>
		line.replace(/\d+(?:\.\d+)?(?=\D*$)/, String(value));

function render(slug: string, rewrites: Readonly<Record<string, SpanRewrite>>): string {
	const main = PROGRAMS[slug]?.find((p) => p.id === 'main');
	if (!main) throw new Error(`no main program for ${slug}`);
	return renderProgram(main.template, rewrites);
}

const basic01: MicroBatchScenario = {
	slug: 'basic-01-stream-processing',
	schema: BASIC_01.schema,
	presets: BASIC_01.presets,
	views: { resultTable: true, boundedTable: true },
	build(params, seed) {
		const numPartitions = LOCAL_CORES;
		return buildTrace(
			config(
				{ kind: 'rate', rowsPerSecond: numberParam(params, 'eventRate'), numPartitions },
				intervalTrigger(numberParam(params, 'triggerInterval')),
				{ ...FIXED_COST, numPartitions },
				{
					kind: 'countByKey',
					numKeys: numberParam(params, 'numKeys'),
					outputMode: choiceParam(params, 'outputMode') as OutputMode
				},
				seed
			)
		);
	},
	program(params) {
		return render(this.slug, {
			numKeys: lastNumber(numberParam(params, 'numKeys')),
			eventRate: lastNumber(numberParam(params, 'eventRate')),
			outputMode: literal(`"${choiceParam(params, 'outputMode')}"`),
			triggerInterval: rewriteTrigger('processingTime', numberParam(params, 'triggerInterval'))
		});
	}
};

const basic02: MicroBatchScenario = {
	slug: 'basic-02-pyspark-streaming-support',
	schema: BASIC_02.schema,
	presets: BASIC_02.presets,
	views: { resultTable: true, boundedTable: false },
	build(params, seed) {
		return buildTrace(
			config(
				{
					kind: 'socket',
					linesPerSecond: numberParam(params, 'linesPerSecond'),
					wordsPerLine: numberParam(params, 'wordsPerLine')
				},
				intervalTrigger(numberParam(params, 'triggerInterval')),
				// The socket source has one partition: its lines sit in the driver's buffer.
				{ ...FIXED_COST, numPartitions: 1 },
				{ kind: 'wordCount', outputMode: choiceParam(params, 'outputMode') as OutputMode },
				seed
			)
		);
	},
	program(params) {
		return render(this.slug, {
			outputMode: literal(`"${choiceParam(params, 'outputMode')}"`),
			triggerInterval: rewriteTrigger('processingTime', numberParam(params, 'triggerInterval'))
		});
	}
};

const basic11: MicroBatchScenario = {
	slug: 'basic-11-micro-batches',
	schema: BASIC_11.schema,
	presets: BASIC_11.presets,
	views: { resultTable: false, boundedTable: false },
	build(params, seed) {
		const kind = choiceParam(params, 'triggerKind');
		const numPartitions = numberParam(params, 'numPartitions');
		const seconds = numberParam(params, 'triggerInterval');
		const trigger: TriggerSpec =
			kind === 'processingTime'
				? intervalTrigger(seconds)
				: { kind: kind === 'continuous' ? 'default' : (kind as TriggerSpec['kind']), intervalMs: 0 };
		const trace = buildTrace(
			config(
				{
					kind: 'rate',
					rowsPerSecond: numberParam(params, 'eventRate'),
					numPartitions,
					numPartitionsOption: true
				},
				trigger,
				{
					fixedOverheadMs: numberParam(params, 'fixedOverhead'),
					perRowCostUs: numberParam(params, 'perRowCost'),
					numPartitions,
					cores: numberParam(params, 'cores')
				},
				{ kind: 'select', outputMode: 'append' },
				seed
			)
		);
		if (kind !== 'continuous') return trace;
		// TODO(SIM-1 continuous contrast): not simulated yet; say so instead of drawing micro-batches.
		return {
			...trace,
			batches: [],
			idleTriggers: [],
			idlePolls: 0,
			log: [],
			unsupported:
				'Continuous processing is not simulated yet: its long-running tasks process each row as ' +
				'it arrives, and the trigger value is only the epoch (checkpoint) interval. Pick another ' +
				'trigger to see micro-batches.'
		};
	},
	program(params) {
		return render(this.slug, {
			eventRate: lastNumber(numberParam(params, 'eventRate')),
			numPartitions: lastNumber(numberParam(params, 'numPartitions')),
			triggerInterval: rewriteTrigger(
				choiceParam(params, 'triggerKind'),
				numberParam(params, 'triggerInterval')
			)
		});
	}
};

export const MICRO_BATCH_SCENARIOS: Readonly<Record<string, MicroBatchScenario>> = {
	[basic01.slug]: basic01,
	[basic02.slug]: basic02,
	[basic11.slug]: basic11
};

export function microBatchScenario(slug: string): MicroBatchScenario | undefined {
	return MICRO_BATCH_SCENARIOS[slug];
}

/** The page's program at these parameters (the page shows it in the editor). */
export function program(slug: string, params: Params): string {
	const scenario = MICRO_BATCH_SCENARIOS[slug];
	if (!scenario) throw new Error(`no micro-batch simulation for ${slug}`);
	return scenario.program(params);
}
