/**
 * basic-15 (best practices): one stateful Kafka pipeline whose practices are its parameters, each
 * with a "before" value (Spark's default, or none set) and an "after" one (the program as
 * written): a watermark bounding the window state, sized shuffle partitions, the RocksDB state
 * store, maxOffsetsPerTrigger and a trigger chosen so batches fit it. Compare puts the two
 * values of one practice side by side on the same producers (same seed).
 * QUESTIONS.md basic-15-best-practices; SPARK-SEMANTICS R1.4 (trigger), R2.2 (watermark),
 * R6.6 (shuffle partitions pinned by the checkpoint).
 *
 * The world (no program says it): 5,000 devices writing `producerRate` records/s together, ×5 for
 * a minute from 2 min (a burst, as after a producer outage); 4 executors × 2 cores; 0.2 ms a
 * record in each stage. Holding state costs each stateful task per row it holds: 0.5 ms on the
 * HDFS-backed store (rows on the JVM heap, collected and snapshotted), 0.02 ms on RocksDB
 * (off-heap). These numbers are illustrative; what they show (state rows grow without a
 * watermark; 200 partitions are 200 tasks; a bounded batch) is Spark's behaviour.
 */
import type { ParamSchema, Params, Preset } from '../../core/params';
import { choiceParam, numberParam } from '../../core/params';
import { intervalString, type SpanRewrite } from '../../core/template';
import { DEFAULT_TASK_COST } from '../../cluster/task-cost';
import type { ClusterScenario, ClusterWorld } from '../../kinds/cluster/question';
import type { ProgramSettings } from '../../kinds/cluster/settings';
import { clusterScenario, executorsParam, rateLimitParams, spikeParams } from '../cluster-scenario';
import { programs } from './program';

export const SLUG = 'basic-15-best-practices';
export const RUN_MS = 600_000;
export const BURST_AT_MS = 60_000;
export const BURST_MS = 60_000;
export const DEVICES = 5_000;
const START_EPOCH_MS = Date.UTC(2026, 0, 1, 10, 0, 0);

export const PROVIDERS = {
	rocksdb: 'org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider',
	hdfs: 'org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider'
} as const;

const world = (params: Params): ClusterWorld => ({
	profile: {
		kind: 'spike',
		recordsPerSecond: numberParam(params, 'producerRate'),
		factor: numberParam(params, 'spikeFactor'),
		atMs: BURST_AT_MS,
		durationMs: BURST_MS
	},
	jitter: 0.05,
	partitions: 4,
	cost: { ...DEFAULT_TASK_COST, taskOverheadMs: 10, perRowMs: 0.2 },
	driverOverheadMs: 100,
	executors: numberParam(params, 'executors'),
	coresPerExecutor: 2,
	keys: DEVICES,
	executorStartupMs: 0,
	executorAllocationMs: 0,
	stateRowCostMs: { hdfs: 0.5, rocksdb: 0.02 }
});

const onOff = [
	{ value: 'on', label: 'on' },
	{ value: 'off', label: 'off' }
] as const;

const schema: ParamSchema = [
	{
		id: 'watermark',
		label: 'watermark (state bound)',
		kind: 'choice',
		options: onOff,
		default: 'on',
		help: 'Off removes withWatermark: window state is never evicted, and the query writes update mode (Spark refuses append for an aggregation without a watermark).'
	},
	{
		id: 'watermarkDelay',
		label: 'watermark delay',
		unit: 's',
		kind: 'number',
		min: 10,
		max: 300,
		step: 10,
		default: 60,
		help: 'withWatermark: a window’s state is dropped once the watermark (newest event time − delay) passes its end.'
	},
	{
		id: 'shufflePartitions',
		label: 'shuffle partitions',
		unit: 'partitions',
		kind: 'number',
		min: 2,
		max: 200,
		step: 1,
		default: 8,
		help: 'spark.sql.shuffle.partitions: one task and one state store per partition in every batch, even empty ones (default 200; frozen by the checkpoint).'
	},
	{
		id: 'stateStoreProvider',
		label: 'state store',
		kind: 'choice',
		options: [
			{ value: 'rocksdb', label: 'RocksDB' },
			{ value: 'hdfs', label: 'HDFS-backed (default)' }
		],
		default: 'rocksdb',
		help: 'RocksDB keeps state rows off the JVM heap; the default HDFS-backed store keeps them all in executor memory.'
	},
	...rateLimitParams({
		step: 1000,
		default: 50000,
		offHelp: 'Off removes the option: after a burst, one trigger reads everything waiting.'
	}),
	{
		id: 'triggerInterval',
		label: 'trigger interval',
		unit: 's',
		kind: 'number',
		min: 1,
		max: 120,
		step: 1,
		default: 30,
		help: 'processingTime: a batch every interval; results are at most about one interval plus a batch late.'
	},
	...spikeParams(
		{ min: 100, max: 5000, step: 100, default: 1000 },
		{ default: 3, atMs: BURST_AT_MS, durationMs: BURST_MS }
	),
	executorsParam(4)
];

/** Every practice at its "before" value: Spark's defaults, or nothing set. */
export const BEFORE: Params = {
	watermark: 'off',
	shufflePartitions: 200,
	stateStoreProvider: 'hdfs',
	rateLimit: 'off',
	triggerInterval: 2
};

const one = (id: keyof typeof BEFORE): Params => ({ [id]: BEFORE[id] as Params[string] });

const presets: readonly Preset[] = [
	{
		id: 'all-after',
		label: 'All practices',
		description:
			'Watermark, 8 shuffle partitions, RocksDB, maxOffsetsPerTrigger 50,000, a 30 s trigger: state rows stay between 10,000 and 15,000, every batch fits its trigger, and the burst drains in batches of at most 50,000 (its records wait in Kafka meanwhile).',
		params: {}
	},
	{
		id: 'all-before',
		label: 'All defaults',
		description:
			'No watermark, 200 shuffle partitions, the HDFS-backed store, no batch bound, a 2 s trigger: state rows climb by 5,000 a minute, batch time climbs with them past the 2 s trigger, and more and more batches start late.',
		params: BEFORE
	},
	{
		id: 'no-watermark',
		label: 'No watermark',
		description:
			'Only the watermark removed: no window is ever evicted, so Total State Rows grow by 5,000 a minute for as long as the query runs.',
		params: one('watermark')
	},
	{
		id: 'default-partitions',
		label: '200 partitions',
		description:
			'spark.sql.shuffle.partitions left at 200: every batch runs 200 stateful tasks (8 were enough for its 30,000 rows), and their fixed cost lengthens every batch.',
		params: one('shufflePartitions')
	},
	{
		id: 'hdfs-store',
		label: 'HDFS-backed store',
		description:
			'The default state store: every state row sits on the executors’ heap and each batch pays for all of them, so batches run longer than on RocksDB, and longer still as state grows.',
		params: one('stateStoreProvider')
	},
	{
		id: 'unbounded-batches',
		label: 'No maxOffsetsPerTrigger',
		description:
			'No batch bound: the trigger after the burst reads everything waiting in one batch almost twice the bound, and the longest batch. Latency is lower: the bound trades it for predictable batches.',
		params: one('rateLimit')
	},
	{
		id: 'short-trigger',
		label: '2 s trigger',
		description:
			'A 2 s trigger with the rest unchanged: every batch still fits it, so latency falls from tens of seconds to a few; fifteen times as many batches each pay the fixed costs. Pick the trigger from the latency you need, as long as batches fit.',
		params: one('triggerInterval')
	}
];

const LAST_STRING = /"[^"]*"(?=[^"]*$)/;
const LAST_NUMBER = /\d+(?=[^\d]*$)/;
const PROCESSING_TIME = /processingTime\s*=\s*"[^"]*"/;

function rewrites(params: Params): Readonly<Record<string, SpanRewrite>> {
	const n = (id: string) => numberParam(params, id);
	const watermarkOn = choiceParam(params, 'watermark') === 'on';
	return {
		// Off removes withWatermark; the output mode follows (append needs the watermark).
		watermarkDelay: (line) =>
			watermarkOn ? line.replace(LAST_STRING, `"${intervalString(n('watermarkDelay'))}"`) : null,
		watermark: (line) => line.replace(LAST_STRING, watermarkOn ? '"append"' : '"update"'),
		shufflePartitions: (line) => line.replace(LAST_STRING, `"${n('shufflePartitions')}"`),
		stateStoreProvider: (line) =>
			line.replace(
				LAST_STRING,
				`"${choiceParam(params, 'stateStoreProvider') === 'hdfs' ? PROVIDERS.hdfs : PROVIDERS.rocksdb}"`
			),
		maxOffsetsPerTrigger: (line) =>
			choiceParam(params, 'rateLimit') === 'off'
				? null
				: line.replace(LAST_NUMBER, String(n('maxOffsetsPerTrigger'))),
		triggerInterval: (line) =>
			line.replace(PROCESSING_TIME, `processingTime="${intervalString(n('triggerInterval'))}"`)
	};
}

function paramsFromSettings(s: ProgramSettings, params: Params): Params {
	if (s.api !== 'structured') return params;
	return {
		...params,
		watermark: s.watermarkDelayMs === null ? 'off' : 'on',
		...(s.watermarkDelayMs !== null ? { watermarkDelay: s.watermarkDelayMs / 1000 } : {}),
		shufflePartitions: s.shufflePartitions,
		stateStoreProvider: s.stateStore ?? 'hdfs',
		rateLimit: s.maxOffsetsPerTrigger === null ? 'off' : 'on',
		...(s.maxOffsetsPerTrigger !== null ? { maxOffsetsPerTrigger: s.maxOffsetsPerTrigger } : {}),
		...(s.triggerMs > 0 ? { triggerInterval: s.triggerMs / 1000 } : {})
	};
}

export const basic15Practices: ClusterScenario = clusterScenario({
	slug: SLUG,
	api: 'structured',
	programId: 'main',
	schema,
	presets,
	openingPreset: 'all-after',
	template: programs.find((p) => p.id === 'main')?.template ?? '',
	structural: ['watermark', 'rateLimit'],
	rewrites,
	runMs: RUN_MS,
	startEpochMs: START_EPOCH_MS,
	world,
	paramsFromSettings
});
