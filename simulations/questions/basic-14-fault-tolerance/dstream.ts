/**
 * basic-14's legacy DStream tab (SIM-2 behind the page's API switch): per-batch counts per
 * device written with saveAsTextFiles, a receiver with or without the write-ahead log, and a
 * driver that dies and is restarted by `StreamingContext.getOrCreate`. Re-run batches write the
 * same file names again (Spark Streaming turns off the output-exists check for its jobs, so
 * recovery can overwrite): with the log they write the same counts, without it empty ones
 * (QUESTIONS.md basic-14-fault-tolerance, key fact 9; SPARK-SEMANTICS R8.2, R8.5; the recovery
 * rules in simulations/dstream/recovery.ts).
 */
import { choiceParam } from '../../core/params';
import type { ParamSchema, Params, Preset } from '../../core/params';
import { dstreamTab } from '../../kinds/dstream/tab';
import { deviceLines, restartSchema } from '../../kinds/dstream/restart-params';
import { programs } from './program';
import { basic14FaultTolerance } from './question';

const SLUG = 'basic-14-fault-tolerance';
const RUN_S = 60;
const WAL_LINE = /\.set\("spark\.streaming\.receiver\.writeAheadLog\.enable", "(?:true|false)"\)/;

const schema: ParamSchema = [
	{
		id: 'wal',
		label: 'receiver write-ahead log',
		kind: 'choice',
		options: [
			{ value: 'true', label: 'enabled' },
			{ value: 'false', label: 'disabled' }
		],
		default: 'true',
		help: 'spark.streaming.receiver.writeAheadLog.enable: each received block is written to the checkpoint directory before it counts as received, so a restarted driver can read it back.'
	},
	...restartSchema({ failAt: 25, restartDelay: 10, runSeconds: RUN_S })
];

const presets: readonly Preset[] = [
	{
		id: 'dstream-recover-with-wal',
		label: 'WAL: nothing received is lost',
		description:
			'The driver dies at 25 s and is back at 35 s. The batches at 20 s and 30 s are run again; with the write-ahead log they read back every line received before the crash. Lines sent while the driver was down were never received: a socket does not replay.',
		params: {}
	},
	{
		id: 'dstream-no-wal-loses-received-data',
		label: 'No WAL: received data lost',
		description:
			'Without the write-ahead log the received blocks lived in executor memory and died with the driver: the re-run batches find nothing and write empty counts over the files of 20 s.',
		params: { wal: 'false' }
	},
	{
		id: 'dstream-code-change-ignored',
		label: 'Code change ignored',
		description:
			'The first driver ran with the write-ahead log; the program is redeployed with it disabled. getOrCreate finds the checkpoint, takes the configuration from it and never calls create_context: the log is still on.',
		params: { wal: 'false', redeploy: 'edited' }
	}
];

const pageProgram = programs.find((p) => p.id === 'dstream')?.template ?? '';
const template = pageProgram.replace(/^(.*\.writeAheadLog\.enable", "true"\))$/m, '$1  # <- wal');

export const basic14DStreams = dstreamTab({
	slug: SLUG,
	template,
	schema,
	presets,
	restart: true,
	rewrites: (params: Params) => ({
		wal: (line) =>
			line.replace(
				WAL_LINE,
				`.set("spark.streaming.receiver.writeAheadLog.enable", "${choiceParam(params, 'wal')}")`
			)
	}),
	lines: (_params, seed) => deviceLines(seed, RUN_S * 1000),
	runMs: RUN_S * 1000,
	otherUrlKeys: ['api', ...basic14FaultTolerance.schema.map((p) => p.id)],
	apiNote:
		'The legacy DStream program (the “DStreams” tab): a restarted driver re-runs the batches it had not finished; the write-ahead log decides whether they still have their data.'
});
