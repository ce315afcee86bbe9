/**
 * basic-06's legacy DStream tab (SIM-2 behind the page's API switch): per-device totals kept by
 * `updateStateByKey`, its state RDD checkpointed every `totals.checkpoint(n)` seconds, the
 * metadata checkpointed every batch, and a driver that dies and is restarted by
 * `StreamingContext.getOrCreate` (QUESTIONS.md basic-06-checkpoints, key facts 7-9;
 * SPARK-SEMANTICS R8.5; the recovery rules in simulations/dstream/recovery.ts).
 */
import { choiceParam, numberParam } from '../../core/params';
import type { ParamSchema, Params, Preset } from '../../core/params';
import { dstreamTab } from '../../kinds/dstream/tab';
import { deviceLines, restartSchema } from '../../kinds/dstream/restart-params';
import { programs } from './program';
import { basic06Checkpoints } from './question';
import { batchDuration } from '../../kinds/dstream/batch-interval';
import { intervalParam } from '../../kinds/interval-param';

const SLUG = 'basic-06-checkpoints';
const RUN_S = 40;
const DATA_CKPT = /totals\.checkpoint\(\s*\d+\s*\)/;
const IMPORT = 'from pyspark import SparkContext';
const WAL_IMPORT = 'from pyspark import SparkConf, SparkContext';
const SC = 'sc = SparkContext("local[2]", "basic-06-dstreams")';
const WAL_SC =
	'sc = SparkContext("local[2]", "basic-06-dstreams", conf=SparkConf().set("spark.streaming.receiver.writeAheadLog.enable", "true"))';

const schema: ParamSchema = [
	intervalParam(
		'batch interval',
		'StreamingContext(sc, batchDuration): one batch, and one metadata checkpoint, per interval.'
	),
	{
		id: 'checkpointInterval',
		label: 'state checkpoint every',
		kind: 'number',
		unit: 's',
		min: 1,
		max: 30,
		step: 1,
		default: 10,
		help: 'totals.checkpoint(interval): how often the state RDD is written out. A restart gets the state back from the last one; it must be a multiple of the batch interval.'
	},
	{
		id: 'wal',
		label: 'receiver write-ahead log',
		kind: 'choice',
		options: [
			{ value: 'off', label: 'off (default)' },
			{ value: 'on', label: 'writeAheadLog.enable' }
		],
		default: 'off',
		help: 'spark.streaming.receiver.writeAheadLog.enable: received blocks are also written to the checkpoint directory, so a restarted driver can read them back.'
	},
	...restartSchema({ failAt: 17, restartDelay: 4, runSeconds: RUN_S })
];

const presets: readonly Preset[] = [
	{
		id: 'dstream-recover-from-checkpoint',
		label: 'Recover from the checkpoint',
		description:
			'The driver dies at 17 s and is back at 21 s. getOrCreate rebuilds the context from the checkpoint without calling create_context, re-runs the batches from 16 s to 20 s, and the write-ahead log gives back every line received before the crash: the totals carry on.',
		params: { wal: 'on' }
	},
	{
		id: 'dstream-no-wal-loses-received-data',
		label: 'No WAL: received data lost',
		description:
			'The same crash without the write-ahead log: the received blocks died with the executors. The state comes back from the 10 s checkpoint, the re-run batches find nothing, and the totals drop.',
		params: { wal: 'off' }
	},
	{
		id: 'dstream-code-change-ignored',
		label: 'Code change ignored',
		description:
			'After the crash the program is changed to 5 s batches and redeployed. getOrCreate finds the checkpoint, so create_context never runs: the recovered context keeps its 2 s batches and its old functions.',
		params: { triggerInterval: 5, redeploy: 'edited' }
	},
	{
		id: 'dstream-checkpoint-not-a-multiple',
		label: 'Checkpoint every 10 s, 3 s batches',
		description:
			'The state checkpoint interval must be a multiple of the batch interval: with 3 s batches and totals.checkpoint(10) the context refuses to start.',
		params: { triggerInterval: 3 }
	}
];

const pageProgram = programs.find((p) => p.id === 'dstream')?.template ?? '';
/** The data-checkpoint comment moves above its line, so the line can carry its marker. */
const template = pageProgram
	.replace(IMPORT, `${IMPORT}  # <- wal`)
	.replace(`    ${SC}`, `    ${SC}  # <- wal`)
	.replace(/^( *)(totals\.checkpoint\(10\))\s*# (.*)$/m, '$1# $3\n$1$2  # <- checkpointInterval');

export const basic06DStreams = dstreamTab({
	slug: SLUG,
	template,
	schema,
	presets,
	restart: true,
	rewrites: (params: Params) => {
		const wal = choiceParam(params, 'wal') === 'on';
		return {
			triggerInterval: batchDuration(numberParam(params, 'triggerInterval')),
			checkpointInterval: (line) =>
				line.replace(DATA_CKPT, `totals.checkpoint(${numberParam(params, 'checkpointInterval')})`),
			wal: (line) =>
				line.includes('import')
					? wal
						? WAL_IMPORT
						: IMPORT
					: line.replace(/sc = SparkContext\(.*\)$/, wal ? WAL_SC : SC)
		};
	},
	lines: (_params, seed) => deviceLines(seed, RUN_S * 1000),
	runMs: RUN_S * 1000,
	otherUrlKeys: [
		'api',
		...basic06Checkpoints.schema.map((p) => p.id).filter((id) => id !== 'triggerInterval')
	],
	apiNote:
		'The legacy DStream program (the “DStreams” tab): getOrCreate rebuilds a crashed driver from its checkpoint without running create_context again; re-run batches read received data back only from the write-ahead log.'
});
