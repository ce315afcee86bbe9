/**
 * What every cluster page (a query under load) builds the same way: its scenario from a schema,
 * presets, a program template and the span rewrites (the gate is the schema's clamp, the program
 * its template rewritten), and the world most of them run in, producers writing a base rate with
 * one spike and a per-record cost that sets what the cores can process. A page supplies only
 * what differs (its cluster, its timings).
 */
import {
	choiceParam,
	clampParams,
	numberParam,
	type Clamped,
	type ParamSpec,
	type Params
} from '../core/params';
import { renderProgram } from '../core/template';
import { DEFAULT_TASK_COST, type TaskCost } from '../cluster/task-cost';
import type { ClusterScenario, ClusterWorld } from '../kinds/cluster/question';

/** A scenario without the parts the builder derives (its gate, its program, its kind). */
export type ClusterScenarioSpec = Omit<
	ClusterScenario,
	'kind' | 'constrain' | 'program' | 'generatorParams'
>;

export function clusterScenario(spec: ClusterScenarioSpec): ClusterScenario {
	const constrain = (raw: Readonly<Record<string, unknown>>): Clamped =>
		clampParams(spec.schema, raw);
	return {
		...spec,
		kind: 'cluster',
		generatorParams: [],
		constrain,
		program: (params) => renderProgram(spec.template, spec.rewrites(constrain(params).params))
	};
}

/** Where a page's world differs from the others: its spike's timing and its cluster. */
export interface SpikeWorldSpec {
	readonly spikeAtMs: number;
	readonly spikeMs: number;
	readonly driverOverheadMs: number;
	readonly executors: number;
	readonly keys: number;
	readonly executorStartupMs: number;
	readonly executorAllocationMs: number;
	/** Topic partitions (4 unless the page says). */
	readonly partitions?: number;
	/** The cost's other terms (a UDF's kind), beside the per-record cost. */
	readonly cost?: Partial<TaskCost>;
	/** The parameter holding the per-record cost in µs (`perRecordCost` unless the page says). */
	readonly costParam?: string;
}

/**
 * Producers at `producerRate` records/s, ×`spikeFactor` for the spike, with 5 % seeded noise;
 * a task costs 10 ms plus `perRecordCost` (or `costParam`) µs per record; executors of 2 cores.
 */
export function spikeWorld(params: Params, w: SpikeWorldSpec): ClusterWorld {
	return {
		profile: {
			kind: 'spike',
			recordsPerSecond: numberParam(params, 'producerRate'),
			factor: numberParam(params, 'spikeFactor'),
			atMs: w.spikeAtMs,
			durationMs: w.spikeMs
		},
		jitter: 0.05,
		partitions: w.partitions ?? 4,
		cost: {
			...DEFAULT_TASK_COST,
			taskOverheadMs: 10,
			perRowMs: numberParam(params, w.costParam ?? 'perRecordCost') / 1000,
			...w.cost
		},
		driverOverheadMs: w.driverOverheadMs,
		executors: w.executors,
		coresPerExecutor: 2,
		keys: w.keys,
		executorStartupMs: w.executorStartupMs,
		executorAllocationMs: w.executorAllocationMs
	};
}

/** The spike world's two producer controls: the base rate (its range and default per page) and
 *  the multiplier, whose help says when the spike runs. */
export function spikeParams(
	rate: {
		readonly min: number;
		readonly max: number;
		readonly step: number;
		readonly default: number;
	},
	spike: { readonly default: number; readonly atMs: number; readonly durationMs: number }
): readonly ParamSpec[] {
	return [
		{
			id: 'producerRate',
			label: 'base records per second',
			unit: 'records/s',
			kind: 'number',
			...rate,
			simulationOnly: true,
			help: 'How fast the producers write before and after the spike.'
		},
		{
			id: 'spikeFactor',
			label: 'spike multiplier',
			unit: '×',
			kind: 'number',
			min: 1,
			max: 10,
			step: 0.5,
			default: spike.default,
			simulationOnly: true,
			help: `From ${spike.atMs / 1000} s to ${(spike.atMs + spike.durationMs) / 1000} s the producers write this many times the base rate.`
		}
	];
}

/** The cluster's size, a simulation-only control (executors of 2 cores, as spikeWorld's). */
export function executorsParam(dflt: number): ParamSpec {
	return {
		id: 'executors',
		label: 'executors (2 cores each)',
		unit: 'executors',
		kind: 'number',
		min: 1,
		max: 8,
		step: 1,
		default: dflt,
		simulationOnly: true,
		help: 'The cluster the query runs on.'
	};
}

/**
 * maxOffsetsPerTrigger as two controls, the way a page's program says it: whether the option is
 * there at all (`rateLimit`: off removes its line) and its value. Shared by the pages whose
 * Kafka query may set it (basic-12, basic-15, advanced-05, advanced-10).
 */
export function rateLimitParams(limit: {
	readonly max?: number;
	readonly step: number;
	readonly default: number;
	readonly help?: string;
	readonly offHelp?: string;
}): readonly ParamSpec[] {
	return [
		{
			id: 'rateLimit',
			label: 'maxOffsetsPerTrigger set',
			kind: 'choice',
			options: [
				{ value: 'on', label: 'on' },
				{ value: 'off', label: 'off' }
			],
			default: 'on',
			help:
				limit.offHelp ??
				'Off removes the option: each trigger then reads everything up to the latest offset.'
		},
		{
			id: 'maxOffsetsPerTrigger',
			label: 'max offsets per batch',
			unit: 'offsets',
			kind: 'number',
			min: 1000,
			max: limit.max ?? 100000,
			step: limit.step,
			default: limit.default,
			help:
				limit.help ??
				'The Kafka source reads at most this many offsets per trigger, split over partitions by their lag.'
		}
	];
}

/** The `.option("maxOffsetsPerTrigger", n)` line at the page's parameters (null: removed). */
export const rateLimitRewrite =
	(params: Params) =>
	(line: string): string | null =>
		choiceParam(params, 'rateLimit') === 'off'
			? null
			: line.replace(/\d+(?=[^\d]*$)/, String(numberParam(params, 'maxOffsetsPerTrigger')));

/** The two controls as a program's setting says them (null: the option is not set). */
export const rateLimitFromSetting = (limit: number | null): Params => ({
	rateLimit: limit === null ? 'off' : 'on',
	...(limit !== null ? { maxOffsetsPerTrigger: limit } : {})
});
