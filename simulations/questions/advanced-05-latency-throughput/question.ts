/**
 * advanced-05 (latency vs throughput): a stateful Kafka query at a steady producer rate, run on
 * the cluster model at the program's settings (its batches and Gantt) and once more per value of
 * one swept setting (the trigger interval, spark.sql.shuffle.partitions or maxOffsetsPerTrigger),
 * each run a point of end-to-end latency (p50 / p95) against throughput.
 * QUESTIONS.md advanced-05-latency-throughput; SPARK-SEMANTICS R1.2 (trigger), R6.6 (shuffle
 * partitions), R7.1 (maxOffsetsPerTrigger).
 *
 * The world (no program says it): producers at `producerRate` records/s (5 % noise) on
 * `kafkaPartitions` partitions, optionally with records already waiting when the query starts;
 * executors of 4 cores; a task costs 10 ms plus 150 µs per record in each stage (illustrative:
 * at the defaults the cores are busy 75 % of the time), the driver 100 ms per batch.
 */
import type { ParamSchema, Params, Preset } from '../../core/params';
import { choiceParam, numberParam } from '../../core/params';
import { intervalString, type SpanRewrite } from '../../core/template';
import { DEFAULT_TASK_COST } from '../../cluster/task-cost';
import type { SweepPlan, SweepSetting } from '../../cluster/sweep';
import type { ClusterScenario, ClusterWorld } from '../../kinds/cluster/question';
import type { ProgramSettings } from '../../kinds/cluster/settings';
import {
	clusterScenario,
	rateLimitFromSetting,
	rateLimitParams,
	rateLimitRewrite
} from '../cluster-scenario';
import { programs } from './program';

export const SLUG = 'advanced-05-latency-throughput';
export const RUN_MS = 180_000;
const START_EPOCH_MS = Date.UTC(2026, 0, 1, 10, 0, 0);
/** Per record and stage (ms): illustrative, chosen so the default cluster is 75 % busy. */
export const PER_RECORD_MS = 0.15;

const world = (params: Params): ClusterWorld => {
	const rate = numberParam(params, 'producerRate');
	const waiting = numberParam(params, 'initialBacklog');
	const seconds = RUN_MS / 1000 + 1;
	return {
		// Records already waiting when the query starts arrive in its first second.
		profile:
			waiting > 0
				? {
						kind: 'perSecond',
						counts: Array.from({ length: seconds }, (_, s) => (s === 0 ? rate + waiting : rate))
					}
				: { kind: 'steady', recordsPerSecond: rate },
		jitter: 0.05,
		partitions: numberParam(params, 'kafkaPartitions'),
		cost: { ...DEFAULT_TASK_COST, taskOverheadMs: 10, perRowMs: PER_RECORD_MS },
		driverOverheadMs: 100,
		executors: numberParam(params, 'executors'),
		coresPerExecutor: 4,
		keys: 1000,
		executorStartupMs: 30_000,
		executorAllocationMs: 30_000
	};
};

/** The values each sweep runs (every one a value its control can take). */
const SWEEPS: Readonly<Record<SweepSetting, readonly number[]>> = {
	triggerInterval: [0, 500, 1000, 1500, 2000, 3000, 5000, 10_000, 20_000, 30_000],
	shufflePartitions: [1, 2, 4, 8, 16, 32, 64, 100, 200],
	maxOffsetsPerTrigger: [0, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000]
};

const schema: ParamSchema = [
	{
		id: 'triggerInterval',
		label: 'trigger interval',
		unit: 's',
		kind: 'number',
		min: 0,
		max: 30,
		step: 0.5,
		default: 1,
		help: 'processingTime trigger; 0 removes .trigger(...): the default trigger starts each batch as soon as the previous one ends.'
	},
	{
		id: 'shufflePartitions',
		label: 'shuffle partitions',
		unit: 'tasks',
		kind: 'number',
		min: 1,
		max: 200,
		step: 1,
		default: 8,
		help: 'spark.sql.shuffle.partitions: the stateful stage runs one task per partition, even an empty one.'
	},
	...rateLimitParams({
		max: 1_000_000,
		step: 1000,
		default: 100_000,
		help: 'The Kafka source reads at most this many offsets per trigger: a bound on batch size, so on batch duration.'
	}),
	{
		id: 'sweepOver',
		label: 'sweep',
		kind: 'choice',
		options: [
			{ value: 'triggerInterval', label: 'trigger interval 0–30 s' },
			{ value: 'shufflePartitions', label: 'shuffle partitions 1–200' },
			{ value: 'maxOffsetsPerTrigger', label: 'max offsets per batch' }
		],
		default: 'triggerInterval',
		simulationOnly: true,
		help: 'The setting run once per value, each run a point on the latency / throughput chart.'
	},
	{
		id: 'executors',
		label: 'executors (4 cores each)',
		unit: 'executors',
		kind: 'number',
		min: 1,
		max: 8,
		step: 1,
		default: 2,
		simulationOnly: true,
		help: 'Executors × 4 cores: the most tasks that run at once.'
	},
	{
		id: 'producerRate',
		label: 'records per second',
		unit: 'records/s',
		kind: 'number',
		min: 1000,
		max: 200_000,
		step: 1000,
		default: 20_000,
		simulationOnly: true,
		help: 'How fast the producers write to the topic, steadily.'
	},
	{
		id: 'kafkaPartitions',
		label: 'topic partitions',
		unit: 'partitions',
		kind: 'number',
		min: 1,
		max: 48,
		step: 1,
		default: 8,
		simulationOnly: true,
		help: 'One read task per Kafka partition in every batch.'
	},
	{
		id: 'initialBacklog',
		label: 'records waiting at start',
		unit: 'records',
		kind: 'number',
		min: 0,
		max: 5_000_000,
		step: 100_000,
		default: 0,
		simulationOnly: true,
		help: 'Records already in the topic when the query starts (it was down, or it reads from earliest).'
	}
];

const presets: readonly Preset[] = [
	{
		id: 'latency-throughput-sweep',
		label: 'Trigger sweep',
		description:
			'The trigger swept from 0 to 30 s: below the knee (batch duration ≈ interval) batches run back to back and every point is the same; above it throughput rises a little and latency a lot.',
		params: {}
	},
	{
		id: 'shuffle-partitions-sweep',
		label: 'Shuffle partitions sweep',
		description:
			'spark.sql.shuffle.partitions at Spark’s default 200: 200 stateful tasks of 10 ms overhead each queue on 8 cores every batch. The sweep shows 1 cannot keep up, 8 (one per core) is best, more only adds overhead.',
		params: { shufflePartitions: 200, sweepOver: 'shufflePartitions' }
	},
	{
		id: 'backlog-with-cap',
		label: 'Backlog with a cap',
		description:
			'The query starts with 2,000,000 records waiting. maxOffsetsPerTrigger 100,000 keeps every batch a few seconds long while the backlog drains; the sweep shows that without a cap the first batch takes them all at once.',
		params: { initialBacklog: 2_000_000, sweepOver: 'maxOffsetsPerTrigger' }
	}
];

const PROCESSING_TIME = /processingTime\s*=\s*"[^"]*"/;
const LAST_STRING = /"[^"]*"(?=[^"]*$)/;

function rewrites(params: Params): Readonly<Record<string, SpanRewrite>> {
	const trigger = numberParam(params, 'triggerInterval');
	return {
		// 0 is the default trigger: the line goes.
		triggerInterval: (line) =>
			trigger === 0
				? null
				: line.replace(PROCESSING_TIME, `processingTime="${intervalString(trigger)}"`),
		shufflePartitions: (line) =>
			line.replace(LAST_STRING, `"${numberParam(params, 'shufflePartitions')}"`),
		maxOffsetsPerTrigger: rateLimitRewrite(params)
	};
}

function paramsFromSettings(s: ProgramSettings, params: Params): Params {
	if (s.api !== 'structured') return params;
	return {
		...params,
		triggerInterval: s.triggerMs / 1000,
		shufflePartitions: s.shufflePartitions,
		...rateLimitFromSetting(s.maxOffsetsPerTrigger)
	};
}

/** The controls that select a swept value (a click on its point sets them). */
export function sweepSelection(over: SweepSetting, value: number): Params {
	switch (over) {
		case 'triggerInterval':
			return { triggerInterval: value / 1000 };
		case 'shufflePartitions':
			return { shufflePartitions: value };
		case 'maxOffsetsPerTrigger':
			return value > 0 ? { rateLimit: 'on', maxOffsetsPerTrigger: value } : { rateLimit: 'off' };
	}
}

function sweepPlan(params: Params): SweepPlan {
	const over = choiceParam(params, 'sweepOver') as SweepSetting;
	return { over, values: SWEEPS[over], select: (v) => sweepSelection(over, v) };
}

export const advanced05: ClusterScenario = clusterScenario({
	slug: SLUG,
	api: 'structured',
	programId: 'main',
	schema,
	presets,
	openingPreset: 'latency-throughput-sweep',
	template: programs.find((p) => p.id === 'main')?.template ?? '',
	structural: ['triggerInterval', 'rateLimit'],
	rewrites,
	runMs: RUN_MS,
	startEpochMs: START_EPOCH_MS,
	world,
	paramsFromSettings,
	sweep: sweepPlan
});
