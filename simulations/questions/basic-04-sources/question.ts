/**
 * basic-04 (sources): the same per-device query over each built-in source. `sourceKind` rewrites
 * the program's `events = (...)` block into QUESTIONS.md's variant for that source (each yields
 * `device`, `reading`, `event_time`); the engine reads the format from the program, so an edit
 * in the editor picks the source too. The world is the same readings for every source that takes
 * outside data (files landing, Kafka records, socket lines) and a crash after the sink wrote a
 * batch: replayable sources give that batch's rows back, the socket cannot.
 */
import { clampParams, choiceParam, numberParam, type ParamSchema } from '../../core/params';
import { renderProgram, mainProgram, variantLine, type SpanRewrite } from '../../core/template';
import { duration } from '../../kinds/event-time/spans';
import type { SimPreset } from '../../kinds/kind';
import type { SourceSinkQuestion } from '../../kinds/source-sink/question';
import { crashAtBatchParam, triggerIntervalParam } from '../../kinds/source-sink/params';
import { programs } from './program';

const RATE_COLUMNS = [
	'    .select(',
	'        F.concat(F.lit("d-"), (F.col("value") % 5).cast("string")).alias("device"),',
	'        (F.col("value") % 40).cast("double").alias("reading"),',
	'        F.col("timestamp").alias("event_time"),',
	'    )'
];

/** Each source's lines of the `events = (...)` block (QUESTIONS.md basic-04, variant spans). */
const VARIANTS = {
	file: [
		'    spark.readStream.format("json")',
		'    .schema(EVENT_SCHEMA)',
		'    .load("/tmp/playground/landing/sensor-events")'
	],
	kafka: [
		'    spark.readStream.format("kafka")',
		'    .option("kafka.bootstrap.servers", "localhost:9092")',
		'    .option("subscribe", "sensor-events")',
		'    .option("startingOffsets", "latest")',
		'    .load()',
		'    .select(F.from_json(F.col("value").cast("string"), EVENT_SCHEMA).alias("e"))',
		'    .select("e.*")'
	],
	socket: [
		'    spark.readStream.format("socket")',
		'    .option("host", "localhost")',
		'    .option("port", 9999)',
		'    .load()',
		'    .select(F.from_json(F.col("value"), EVENT_SCHEMA).alias("e"))',
		'    .select("e.*")'
	],
	rate: [
		'    spark.readStream.format("rate")',
		'    .option("rowsPerSecond", 10)',
		'    .load()',
		...RATE_COLUMNS
	],
	'rate-micro-batch': [
		'    spark.readStream.format("rate-micro-batch")',
		'    .option("rowsPerBatch", 20)',
		'    .load()',
		...RATE_COLUMNS
	]
} as const satisfies Record<string, readonly string[]>;
type SourceId = keyof typeof VARIANTS;

/** `.option("maxFilesPerTrigger", 2)`: the file source's read limit; no line for other sources. */
const maxFilesLine =
	(source: string, files: number): SpanRewrite =>
	(line) =>
		source === 'file' ? line.replace(/\d+(\)\s*)$/, `${files}$1`) : null;

const schema: ParamSchema = [
	{
		id: 'sourceKind',
		label: 'source',
		kind: 'choice',
		options: [
			{ value: 'file', label: 'file (JSON files in a directory)' },
			{ value: 'kafka', label: 'Kafka (a topic’s partitions)' },
			{ value: 'socket', label: 'socket (testing only, not replayable)' },
			{ value: 'rate', label: 'rate (rows per second)' },
			{ value: 'rate-micro-batch', label: 'rate-micro-batch (rows per batch)' }
		],
		default: 'file',
		help: 'Where the rows come from. Each source says its offsets its own way; all but the socket can return to an offset and read the same rows again.'
	},
	{
		id: 'maxFilesPerTrigger',
		label: 'max files per batch',
		kind: 'number',
		unit: 'files',
		min: 1,
		max: 10,
		step: 1,
		default: 2,
		help: 'The file source’s read limit: a batch takes at most this many new files, oldest first; the rest wait.'
	},
	{
		id: 'arrivalRate',
		label: 'files arriving per second',
		kind: 'number',
		unit: '/s',
		min: 0.1,
		max: 10,
		step: 0.1,
		default: 0.5,
		simulationOnly: true,
		help: 'How fast files land in the directory (4 readings each); Kafka records and socket lines carry the same readings, 4 times as often. The rate sources make their own rows.'
	},
	triggerIntervalParam(2),
	crashAtBatchParam(
		20,
		'none',
		'crash and restart at batch',
		'The driver dies after the sink wrote this batch and before commits/N; the query restarts from its checkpoint one trigger later and runs the batch again from offsets/N.'
	)
];

const presets: readonly SimPreset[] = [
	{
		id: 'sources',
		label: 'File source: two files a batch',
		description:
			'Five JSON files wait in the directory when the query starts and one more lands about every 2 s. Each batch takes at most maxFilesPerTrigger = 2 new files, oldest first, so the backlog drains over the first batches; offsets/N records the file log’s position (logOffset) before the batch runs.',
		params: {}
	},
	{
		id: 'socket-crash',
		label: 'Socket source: a crash loses lines',
		description:
			'The socket keeps the lines it received in the driver’s memory. The driver dies after batch 4 reached the console; the restarted query runs batch 4 again from offsets/4, but its new socket connection is empty: those lines, and the ones sent while it was down, are lost.',
		params: { sourceKind: 'socket', crashAtBatch: '4' }
	},
	{
		id: 'kafka-partitions',
		label: 'Kafka source: the same crash, replayed',
		description:
			'Records land on 3 partitions; offsets/N holds each partition’s end offset. The query starts at startingOffsets latest, so the records already on the topic are not read. The same crash after batch 4: the restart reads the same [start, end) ranges of every partition again, and no reading is lost.',
		params: { sourceKind: 'kafka', crashAtBatch: '4', arrivalRate: 1 }
	},
	{
		id: 'rate-micro-batch-deterministic',
		label: 'rate-micro-batch: the same rows, always',
		description:
			'Batch k gets values 20k … 20k+19, all stamped k seconds, whatever the clock or trigger. After the crash at batch 3 the replay produces exactly the same 20 rows with the same timestamp.',
		params: { sourceKind: 'rate-micro-batch', crashAtBatch: '3' }
	}
];

const template = mainProgram(programs);
const constrain = (raw: Readonly<Record<string, unknown>>) => clampParams(schema, raw);

const rewrites = (params: Readonly<Record<string, unknown>>) => ({
	sourceKind: variantLine([VARIANTS], String(params.sourceKind) as SourceId, 'sourceKind'),
	maxFilesPerTrigger: maxFilesLine(String(params.sourceKind), Number(params.maxFilesPerTrigger)),
	triggerInterval: duration(Number(params.triggerInterval))
});

export const basic04Sources: SourceSinkQuestion = {
	slug: 'basic-04-sources',
	kind: 'source-sink',
	programId: 'main',
	schema,
	presets,
	template,
	structural: ['sourceKind'],
	generatorParams: ['arrivalRate', 'crashAtBatch'],
	openingPreset: 'sources',
	constrain,
	rewrites: (params) => rewrites(params),
	program: (params) => renderProgram(template, rewrites(constrain(params).params)),
	world: (params) => {
		const crash = choiceParam(params, 'crashAtBatch');
		return {
			sources: 'any',
			arrivalsPerSecond: numberParam(params, 'arrivalRate'),
			partitions: 3,
			crashAtBatch: crash === 'none' ? null : Number(crash),
			downMs: numberParam(params, 'triggerInterval') * 1000,
			backlogMs: 10_000,
			runMs: 30_000
		};
	}
};
