/**
 * basic-06 (checkpoints): the page's program aggregates sensor readings per device and minute
 * from Kafka into parquet files, keeping its progress and state in the checkpoint. The failure
 * (a batch and a phase of the driver's loop) is the world's; the checkpoint location, the trigger,
 * the state partitions and minDeltasForSnapshot are the program's, spans of its text. Presets:
 * the folder growing with no failure; the crash after the sink write (the replay with the same
 * offsets, absorbed by the file sink's log); the crash before offsets/N (nothing to replay);
 * no checkpoint location (Spark refuses to start).
 */
import { clampParams, type ParamSchema } from '../../core/params';
import { mainProgram, renderProgram } from '../../core/template';
import { duration, lastString } from '../../kinds/event-time/spans';
import { failureOf, failureParams } from '../../kinds/fault-tolerance/failure-params';
import type { FaultToleranceQuestion } from '../../kinds/fault-tolerance/question';
import type { SimPreset } from '../../kinds/kind';
import { programs } from './program';
import { intervalParam } from '../../kinds/interval-param';

const schema: ParamSchema = [
	...failureParams({ phase: 'afterSinkBeforeCommit', batch: 5 }),
	{
		id: 'checkpointEnabled',
		label: 'checkpointLocation',
		kind: 'choice',
		options: [
			{ value: 'on', label: 'set' },
			{ value: 'off', label: 'not set' }
		],
		default: 'on',
		help: 'The .option("checkpointLocation", ...) line. A parquet sink without it is refused at start().'
	},
	intervalParam('trigger interval', 'A micro-batch starts every this many seconds.'),
	{
		id: 'shufflePartitions',
		label: 'state partitions',
		kind: 'number',
		unit: '',
		min: 1,
		max: 8,
		step: 1,
		default: 2,
		help: 'spark.sql.shuffle.partitions: one state store directory per partition, state/0/<partition>/. The checkpoint pins it.'
	},
	{
		id: 'minDeltasForSnapshot',
		label: 'deltas per snapshot',
		kind: 'number',
		unit: '',
		min: 2,
		max: 20,
		step: 1,
		default: 10,
		help: 'After this many .delta files since the last snapshot, the state store writes a .snapshot with every key.'
	}
];

const presets: readonly SimPreset[] = [
	{
		id: 'crash-after-sink',
		label: 'Crash after the sink, before commits/5',
		description:
			'The driver dies after the file sink wrote batch 5 and before commits/5. The restart re-runs batch 5 with the same id and offsets; the sink finds _spark_metadata/5 and skips it.',
		params: {}
	},
	{
		id: 'checkpoint-folder',
		label: 'The folder growing, no failure',
		description:
			'No failure: each batch writes offsets/N, a delta per state partition and commits/N; every 5 deltas a snapshot.',
		params: { failurePhase: 'none', minDeltasForSnapshot: 5 }
	},
	{
		id: 'crash-before-offset-log',
		label: 'Crash before offsets/5',
		description:
			'The driver dies while planning batch 5, before offsets/5 exists: the restart has nothing to replay and plans batch 5 afresh, with the records that arrived meanwhile.',
		params: { failurePhase: 'beforeOffsetLog' }
	},
	{
		id: 'no-checkpoint',
		label: 'No checkpointLocation',
		description:
			'Without a checkpoint location a parquet sink cannot start: Spark refuses at start() (only memory and console sinks get a temporary one).',
		params: { checkpointEnabled: 'off' }
	}
];

const template = mainProgram(programs);
const constrain = (raw: Readonly<Record<string, unknown>>) => clampParams(schema, raw);

const rewrites = (params: Readonly<Record<string, unknown>>) => ({
	checkpointEnabled: (line: string) => (params.checkpointEnabled === 'off' ? null : line),
	triggerInterval: duration(Number(params.triggerInterval)),
	shufflePartitions: lastString(String(params.shufflePartitions)),
	minDeltasForSnapshot: lastString(String(params.minDeltasForSnapshot))
});

export const basic06Checkpoints: FaultToleranceQuestion = {
	slug: 'basic-06-checkpoints',
	kind: 'fault-tolerance',
	programId: 'main',
	schema,
	presets,
	template,
	structural: ['checkpointEnabled'],
	generatorParams: [],
	openingPreset: 'crash-after-sink',
	constrain,
	rewrites: (params) => rewrites(params),
	program: (params) => renderProgram(template, rewrites(constrain(params).params)),
	world: (params) => {
		return {
			topic: 'sensor-events',
			records: 'sensor',
			partitions: 3,
			recordsPerSecond: 5,
			keys: 4,
			failure: failureOf(params),
			downMs: 3000,
			runMs: 60_000
		};
	}
};
