/**
 * advanced-01 (internals): one stateful query (Kafka → parse → watermark → window count → parquet)
 * drawn as what the driver and the executors do for it. The driver's loop per batch with its
 * durationMs; executors × cores running one read task per Kafka partition and one stateful task
 * per shuffle partition (state version N in, N+1 out); the checkpoint growing beside it. Failures:
 * an executor lost in a batch (its read tasks re-run, its state stores load elsewhere) or the
 * driver dying while a batch runs (restart, the same batch re-run from offsets/N, every store
 * loaded by the new application's executors). The shuffle partitions are the program's span; the
 * topic's partitions, the executors and the failure are the world's.
 */
import { clampParams, numberParam, type ParamSchema } from '../../core/params';
import { mainProgram, renderProgram } from '../../core/template';
import { lastString } from '../../kinds/event-time/spans';
import { failureOf, failureParams } from '../../kinds/fault-tolerance/failure-params';
import type { FaultToleranceQuestion } from '../../kinds/fault-tolerance/question';
import type { SimPreset } from '../../kinds/kind';
import { programs } from './program';
import { providerRewrite, stateStoreProviderParam } from '../state-store-provider';

const schema: ParamSchema = [
	{
		id: 'shufflePartitions',
		label: 'shuffle (state) partitions',
		kind: 'number',
		unit: '',
		min: 1,
		max: 16,
		step: 1,
		default: 4,
		help: 'spark.sql.shuffle.partitions: one stateful task and one state store per partition, every batch. The checkpoint pins it.'
	},
	{
		id: 'kafkaPartitions',
		label: 'topic partitions',
		kind: 'number',
		unit: '',
		min: 1,
		max: 12,
		step: 1,
		default: 4,
		simulationOnly: true,
		help: 'Partitions of the sensor-events topic: one read task per partition with new records.'
	},
	{
		id: 'executors',
		label: 'executors (2 cores each)',
		kind: 'number',
		unit: '',
		min: 1,
		max: 6,
		step: 1,
		default: 2,
		simulationOnly: true,
		help: 'Executors the cluster manager started for the application; each runs one task per core.'
	},
	stateStoreProviderParam(
		'spark.sql.streaming.stateStore.providerClass: the store each stateful task loads and commits. HDFS-backed writes a version as N.delta (a snapshot now and then); RocksDB uploads N.zip.'
	),
	...failureParams({ phase: 'none', batch: 5 })
];

const presets: readonly SimPreset[] = [
	{
		id: 'internals',
		label: 'One batch, driver and executors',
		description:
			'No failure. Each batch the driver plans offsets, writes offsets/N, plans the query and hands the job to the executors: 4 read tasks (one per Kafka partition), then 4 stateful tasks (one per shuffle partition), each reading state version N and writing N+1; then the sink and commits/N.',
		params: {}
	},
	{
		id: 'executor-loss',
		label: 'Kill an executor in batch 5',
		description:
			'Executor 1 is lost after batch 5’s read stage: its read tasks run again on executor 0 (their shuffle output died with it), and the state stores it held load their version from the checkpoint on executor 0 (the orange load bars). The batch finishes late; no batch is repeated.',
		params: { failurePhase: 'executorLost', failAtBatch: 5 }
	},
	{
		id: 'driver-crash',
		label: 'Kill the driver in batch 5',
		description:
			'The driver dies while batch 5’s tasks run: offsets/5 is logged, commits/5 is not. The restarted driver (a new application, new executors) runs batch 5 again with the same offsets, and every stateful task first loads its state from the checkpoint.',
		params: { failurePhase: 'duringProcessing', failAtBatch: 5 }
	},
	{
		id: 'too-few-partitions',
		label: '2 shuffle partitions on 8 cores',
		description:
			'Four executors, 8 cores, but spark.sql.shuffle.partitions is 2: the stateful stage runs 2 tasks and 6 cores sit idle. More executors do not help a stateful stage; more partitions (fixed by the checkpoint) would.',
		params: { shufflePartitions: 2, executors: 4 }
	}
];

const template = mainProgram(programs);
const constrain = (raw: Readonly<Record<string, unknown>>) => clampParams(schema, raw);

const rewrites = (params: Readonly<Record<string, unknown>>) => ({
	shufflePartitions: lastString(String(params.shufflePartitions)),
	stateStoreProvider: providerRewrite(params)
});

export const advanced01Internals: FaultToleranceQuestion = {
	slug: 'advanced-01-internals',
	kind: 'fault-tolerance',
	programId: 'main',
	schema,
	presets,
	template,
	structural: [],
	generatorParams: ['kafkaPartitions'],
	openingPreset: 'internals',
	constrain,
	rewrites: (params) => rewrites(params),
	program: (params) => renderProgram(template, rewrites(constrain(params).params)),
	world: (params) => ({
		topic: 'sensor-events',
		records: 'sensor',
		partitions: numberParam(params, 'kafkaPartitions'),
		recordsPerSecond: 8,
		keys: 6,
		failure: failureOf(params),
		downMs: 3000,
		runMs: 60_000,
		cluster: { executors: numberParam(params, 'executors'), coresPerExecutor: 2 }
	})
};
