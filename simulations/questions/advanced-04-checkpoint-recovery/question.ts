/**
 * advanced-04 (checkpointing and state recovery): the page's program sums purchases per user and
 * 5-minute window from Kafka, its state in the checkpoint as versioned files per partition. The
 * driver dies after the sink wrote batch 12 and before commits/12; the restart loads each
 * partition's state at version 12 (the latest snapshot, then the deltas after it) and re-runs
 * batch 12. The state store provider, changelog checkpointing and minDeltasForSnapshot are spans
 * of the program; so is the change made before the restart: a filter (accepted) or an extra
 * grouping key (refused by Spark's state schema check).
 */
import { clampParams, numberParam, type ParamSchema } from '../../core/params';
import { mainProgram, renderProgram, type SpanRewrite } from '../../core/template';
import { lastString } from '../../kinds/event-time/spans';
import { failureOf, failureParams } from '../../kinds/fault-tolerance/failure-params';
import type { FaultToleranceQuestion } from '../../kinds/fault-tolerance/question';
import type { SimPreset } from '../../kinds/kind';
import { programs } from './program';
import { providerRewrite, stateStoreProviderParam } from '../state-store-provider';

const schema: ParamSchema = [
	...failureParams({ phase: 'afterSinkBeforeCommit', batch: 12 }),
	{
		id: 'minDeltasForSnapshot',
		label: 'deltas per snapshot',
		kind: 'number',
		unit: '',
		min: 2,
		max: 20,
		step: 1,
		default: 10,
		help: 'After this many deltas since the last snapshot, a partition’s store writes a snapshot with every key: recovery starts from it.'
	},
	{
		id: 'numKeys',
		label: 'distinct users',
		kind: 'number',
		unit: '',
		min: 10,
		max: 10000,
		step: 10,
		default: 100,
		simulationOnly: true,
		help: 'How many users the purchases come from: the state holds one row per user and window.'
	},
	stateStoreProviderParam(
		'spark.sql.streaming.stateStore.providerClass. The checkpoint pins it: a restart keeps the first run’s provider.'
	),
	{
		id: 'changelogCheckpointing',
		label: 'RocksDB changelog checkpointing',
		kind: 'choice',
		options: [
			{ value: 'false', label: 'off' },
			{ value: 'true', label: 'on' }
		],
		default: 'false',
		help: 'RocksDB only. Off: every version uploads a checkpoint (N.zip). On: every version uploads only its changes (N.changelog), with a snapshot every minDeltasForSnapshot versions.'
	},
	{
		id: 'restartChange',
		label: 'change made before the restart',
		kind: 'choice',
		options: [
			{ value: 'none', label: 'none' },
			{ value: 'addFilter', label: 'add a filter' },
			{ value: 'changeGroupingKey', label: 'add merchant to the grouping key' }
		],
		default: 'none',
		help: 'The program shown is the one restarted on the old checkpoint. A filter is allowed; a grouping key with another shape fails Spark’s state schema check. (Renaming to another string column would pass the check: it compares types, not names.)'
	},
	{
		id: 'inspectBatchId',
		label: 'state data source: batch id',
		kind: 'number',
		unit: '',
		min: 0,
		max: 30,
		step: 1,
		default: 20,
		simulationOnly: true,
		help: 'spark.read.format("statestore").option("batchId", N): the state as batch N committed it (version N + 1).'
	}
];

const presets: readonly SimPreset[] = [
	{
		id: 'state-recovery',
		label: 'Recovery: load the snapshot, replay the deltas',
		description:
			'The driver dies after the sink wrote batch 12 and before commits/12; batch 12’s tasks had already written 13.delta. The restart loads version 12 per partition: 10.snapshot, then 11.delta and 12.delta. Then it re-runs batch 12. Nothing is re-read from the input but batch 12’s records.',
		params: {}
	},
	{
		id: 'rocksdb-changelog',
		label: 'RocksDB with changelog checkpointing',
		description:
			'The same crash with the RocksDB store and changelog checkpointing: each version uploads N.changelog, every 5 a snapshot N.zip. The restart loads 10.zip and replays 11 and 12.changelog.',
		params: {
			stateStoreProvider: 'rocksdb',
			changelogCheckpointing: 'true',
			minDeltasForSnapshot: 5
		}
	},
	{
		id: 'change-grouping-key-fails',
		label: 'Restart with another grouping key: refused',
		description:
			'The program restarted on the checkpoint groups by window, user and merchant. Spark checks the state schema before the first batch: the key has three fields where the state has two, and the query stops with STATE_STORE_KEY_SCHEMA_NOT_COMPATIBLE.',
		params: { restartChange: 'changeGroupingKey' }
	},
	{
		id: 'time-travel',
		label: 'Time travel: the state after batch 5',
		description:
			'No failure. The state data source reads the state as batch 5 committed it (version 6), key by key, with its partition: the same files a recovery would load.',
		params: { failurePhase: 'none', inspectBatchId: 5, numKeys: 10 }
	}
];

const template = mainProgram(programs);
const constrain = (raw: Readonly<Record<string, unknown>>) => clampParams(schema, raw);

const GROUP_BY: Readonly<Record<string, string>> = {
	none: '.groupBy(F.window("event_time", "5 minutes"), "user")',
	addFilter: '.where(F.col("amount") > 0).groupBy(F.window("event_time", "5 minutes"), "user")',
	changeGroupingKey: '.groupBy(F.window("event_time", "5 minutes"), "user", "merchant")'
};

const groupByLine =
	(change: string): SpanRewrite =>
	(line) =>
		`${/^\s*/.exec(line)?.[0] ?? ''}${GROUP_BY[change] ?? GROUP_BY.none}`;

const rewrites = (params: Readonly<Record<string, unknown>>) => ({
	minDeltasForSnapshot: lastString(String(params.minDeltasForSnapshot)),
	stateStoreProvider: providerRewrite(params),
	changelogCheckpointing: lastString(String(params.changelogCheckpointing)),
	restartChange: groupByLine(String(params.restartChange))
});

const program = (params: Readonly<Record<string, unknown>>) =>
	renderProgram(template, rewrites(constrain(params).params));

export const advanced04CheckpointRecovery: FaultToleranceQuestion = {
	slug: 'advanced-04-checkpoint-recovery',
	kind: 'fault-tolerance',
	programId: 'main',
	schema,
	presets,
	template,
	structural: [],
	generatorParams: ['numKeys'],
	openingPreset: 'state-recovery',
	constrain,
	rewrites: (params) => rewrites(params),
	program,
	world: (params) => ({
		topic: 'purchases',
		records: 'purchases',
		partitions: 2,
		recordsPerSecond: 10,
		keys: numberParam(params, 'numKeys'),
		failure: failureOf(params),
		downMs: 2000,
		runMs: 32_000,
		drawRecovery: true,
		inspectBatchId: numberParam(params, 'inspectBatchId'),
		// The query ran the program without the change until the crash; the editor's is restarted.
		...(params.restartChange !== 'none'
			? { firstProgram: program({ ...params, restartChange: 'none' }) }
			: {})
	})
};
