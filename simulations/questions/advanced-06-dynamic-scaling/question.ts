/**
 * advanced-06 (dynamic scaling): a producer spike against core dynamic allocation (the page's
 * Structured Streaming program: executors requested after the backlog timeout in rounds of 1, 2,
 * 4, …, each arriving only after its start-up time, released after the idle timeout) and, behind
 * the API switch, DStreams' streaming dynamic allocation (every scalingInterval the ratio of
 * processing time to batch interval adds round(ratio) executors or removes one).
 * QUESTIONS.md advanced-06-dynamic-scaling; SPARK-SEMANTICS R8.8; ExecutorAllocationManager.
 *
 * The world (no program says it): producers at `producerRate` records/s, ×`spikeFactor` from 30 s
 * for 3 minutes; executors of 2 cores; a record costs `perRecordCost` µs in each stage. At the
 * defaults one executor runs a 10 s trigger's 16 + 16 tasks in ≈ 2.2 s, the spike needs ≈ 5.
 */
import type { ParamSchema, ParamSpec, Params, Preset } from '../../core/params';
import { numberParam } from '../../core/params';
import type { SpanRewrite } from '../../core/template';
import type { ClusterScenario, ClusterWorld } from '../../kinds/cluster/question';
import { clusterScenario, spikeParams, spikeWorld } from '../cluster-scenario';
import type { ProgramSettings } from '../../kinds/cluster/settings';
import { programs } from './program';

export const SLUG = 'advanced-06-dynamic-scaling';
export const RUN_MS = 300_000;
export const SPIKE_AT_MS = 30_000;
export const SPIKE_MS = 180_000;
const START_EPOCH_MS = Date.UTC(2026, 0, 1, 10, 0, 0);

const executors = (
	id: string,
	label: string,
	min: number,
	max: number,
	def: number,
	help: string
): ParamSpec => ({
	id,
	label,
	unit: 'executors',
	kind: 'number',
	min,
	max,
	step: 1,
	default: def,
	help
});

const world = (params: Params): ClusterWorld =>
	spikeWorld(params, {
		spikeAtMs: SPIKE_AT_MS,
		spikeMs: SPIKE_MS,
		driverOverheadMs: 100,
		executors: 1,
		keys: 200,
		executorStartupMs: numberParam(params, 'executorStartupDelay') * 1000,
		// The cluster manager grants a container within 2 s; after that the executor launches and
		// registers even if Spark no longer wants it (YARN cancels only ungranted requests).
		executorAllocationMs: 2000
	});

const WORLD_PARAMS = (cost: number): readonly ParamSpec[] => [
	{
		id: 'executorStartupDelay',
		label: 'executor start-up time',
		unit: 's',
		kind: 'number',
		min: 5,
		max: 120,
		step: 5,
		default: 20,
		simulationOnly: true,
		help: 'From a request to a registered executor: the container or pod is scheduled and the JVM starts.'
	},
	...spikeParams(
		{ min: 500, max: 20000, step: 500, default: 2000 },
		{ default: 5, atMs: SPIKE_AT_MS, durationMs: SPIKE_MS }
	),
	{
		id: 'perRecordCost',
		label: 'processing cost per record',
		unit: 'µs',
		kind: 'number',
		min: 10,
		max: 2000,
		step: 10,
		default: cost,
		simulationOnly: true,
		help: 'Task time per record in each stage: with the cores, it sets what the cluster can process.'
	}
];

const structuredSchema: ParamSchema = [
	executors(
		'minExecutors',
		'minimum executors',
		0,
		4,
		1,
		'spark.dynamicAllocation.minExecutors: never fewer, even when idle.'
	),
	executors(
		'maxExecutors',
		'maximum executors',
		1,
		16,
		8,
		'spark.dynamicAllocation.maxExecutors: never more, however many tasks wait.'
	),
	{
		id: 'executorIdleTimeout',
		label: 'idle timeout',
		unit: 's',
		kind: 'number',
		min: 10,
		max: 300,
		step: 10,
		default: 60,
		help: 'spark.dynamicAllocation.executorIdleTimeout: an executor with no task for this long is released.'
	},
	{
		id: 'schedulerBacklogTimeout',
		label: 'backlog timeout',
		unit: 's',
		kind: 'number',
		min: 1,
		max: 30,
		step: 1,
		default: 1,
		help: 'spark.dynamicAllocation.schedulerBacklogTimeout: tasks pending this long trigger a request, then again every sustained timeout, 1, 2, 4, … executors per round.'
	},
	{
		id: 'maxOffsetsPerTrigger',
		label: 'max offsets per batch',
		unit: 'offsets',
		kind: 'number',
		min: 10000,
		max: 1000000,
		step: 10000,
		default: 200000,
		help: 'The Kafka source reads at most this many offsets per trigger: batches stay bounded while executors arrive.'
	},
	...WORLD_PARAMS(100)
];

const dstreamSchema: ParamSchema = [
	executors(
		'minExecutors',
		'minimum executors',
		1,
		4,
		1,
		'spark.streaming.dynamicAllocation.minExecutors.'
	),
	executors(
		'maxExecutors',
		'maximum executors',
		1,
		16,
		8,
		'spark.streaming.dynamicAllocation.maxExecutors.'
	),
	...WORLD_PARAMS(200)
];

const structuredPresets: readonly Preset[] = [
	{
		id: 'spike-scaling',
		label: 'Spike',
		description:
			'Tasks wait 1 s, Spark asks for 1, 2, 4 executors; each arrives 20 s later, and with a batch every 10 s none is ever idle for 60 s again.',
		params: {}
	},
	{
		id: 'capped-by-partitions',
		label: 'Capped by partitions',
		description:
			'maxExecutors 16 is never reached: 16 tasks per stage on 2-core executors need at most 8, and Spark asks only for what pending tasks need.',
		params: { maxExecutors: 16, spikeFactor: 8 }
	},
	{
		id: 'with-rate-cap',
		label: 'With a rate cap',
		description:
			'maxOffsetsPerTrigger 40,000 keeps every batch well inside the trigger: its tasks drain before any request is granted, so no executor comes and the spike waits in Kafka.',
		params: { maxOffsetsPerTrigger: 40000 }
	},
	{
		id: 'slow-start',
		label: 'Slow start-up',
		description: 'Executors take 90 s to arrive: the spike is half over before help comes.',
		params: { executorStartupDelay: 90 }
	}
];

const dstreamPresets: readonly Preset[] = [
	{
		id: 'dstream-ratio',
		label: 'Ratio rule',
		description:
			'Every 60 s: average processing time / 5 s batch interval ≥ 0.9 adds round(ratio) executors; ≤ 0.3 removes one.',
		params: {}
	},
	{
		id: 'dstream-big-spike',
		label: 'Bigger spike',
		description:
			'A ×10 spike: backpressure holds each batch near the 5 s interval, so the ratio stays near 1 and the rule adds one executor a minute.',
		params: { spikeFactor: 10 }
	}
];

const LAST_STRING = /"[^"]*"(?=[^"]*$)/;
const LAST_NUMBER = /\d+(?=[^\d]*$)/;

function rewrites(params: Params): Readonly<Record<string, SpanRewrite>> {
	// Each side's schema has only some of these: a rewrite reads its value when it runs.
	const str = (v: () => string) => (line: string) => line.replace(LAST_STRING, `"${v()}"`);
	const n = (id: string) => String(numberParam(params, id));
	return {
		minExecutors: str(() => n('minExecutors')),
		maxExecutors: str(() => n('maxExecutors')),
		executorIdleTimeout: str(() => `${n('executorIdleTimeout')}s`),
		schedulerBacklogTimeout: str(() => `${n('schedulerBacklogTimeout')}s`),
		maxOffsetsPerTrigger: (line) => line.replace(LAST_NUMBER, n('maxOffsetsPerTrigger'))
	};
}

const seconds = (raw: string | undefined): number | null => {
	const m = raw === undefined ? null : /^(\d+)s$/.exec(raw.trim());
	return m?.[1] ? Number(m[1]) : null;
};

function paramsFromSettings(s: ProgramSettings, params: Params): Params {
	if (s.api === 'dstream')
		return s.allocation
			? {
					...params,
					minExecutors: s.allocation.minExecutors,
					maxExecutors: s.allocation.maxExecutors
				}
			: params;
	const c = s.conf;
	const out: Record<string, Params[string]> = { ...params };
	const int = (k: string, id: string) => {
		const v = Number(c[k]);
		if (c[k] !== undefined && Number.isInteger(v)) out[id] = v;
	};
	int('spark.dynamicAllocation.minExecutors', 'minExecutors');
	int('spark.dynamicAllocation.maxExecutors', 'maxExecutors');
	const idle = seconds(c['spark.dynamicAllocation.executorIdleTimeout']);
	if (idle !== null) out['executorIdleTimeout'] = idle;
	const backlog = seconds(c['spark.dynamicAllocation.schedulerBacklogTimeout']);
	if (backlog !== null) out['schedulerBacklogTimeout'] = backlog;
	if (s.maxOffsetsPerTrigger !== null) out['maxOffsetsPerTrigger'] = s.maxOffsetsPerTrigger;
	return out;
}

function scenario(api: 'structured' | 'dstream'): ClusterScenario {
	const schema = api === 'structured' ? structuredSchema : dstreamSchema;
	const tpl =
		programs.find((p) => p.id === (api === 'structured' ? 'main' : 'dstream'))?.template ?? '';
	return clusterScenario({
		slug: SLUG,
		api,
		programId: api === 'structured' ? 'main' : 'dstream',
		apiNote:
			api === 'structured'
				? 'The Structured Streaming program (the main tab): core dynamic allocation.'
				: 'The DStream program (its own tab): streaming dynamic allocation’s ratio rule.',
		schema,
		presets: api === 'structured' ? structuredPresets : dstreamPresets,
		openingPreset: api === 'structured' ? 'spike-scaling' : 'dstream-ratio',
		template: tpl,
		structural: [],
		otherUrlKeys:
			api === 'structured'
				? ['api']
				: ['api', 'executorIdleTimeout', 'schedulerBacklogTimeout', 'maxOffsetsPerTrigger'],
		rewrites,
		runMs: RUN_MS,
		startEpochMs: START_EPOCH_MS,
		world,
		paramsFromSettings
	});
}

export const advanced06Structured = scenario('structured');
export const advanced06DStream = scenario('dstream');
