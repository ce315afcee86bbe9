/**
 * basic-10 (sinks): the page's program counts sensor readings per device in 10-second event-time
 * windows and writes them to a sink. The sink and its output mode are spans of the program (the
 * `.format(...)` line and the sink's options, `.outputMode(...)`); the simulated world is a
 * `sensor-events` topic and, optionally, a driver dying after the sink wrote a batch and before
 * commits/N. The foreachBatch choices also write the `def write_batch(batch_df, batch_id)` above
 * the chain (the program is the one truth: the editor's text moves the control back). Presets tell
 * R7's sink stories: the Kafka sink replays that batch into duplicates, the file sink's
 * _spark_metadata keeps it exact, a foreachBatch function that appends writes the replay twice
 * and one that overwrites by batch_id does not, one that writes each batch to a Kafka topic and
 * to a table keyed on batch_id duplicates in the topic only, the file sink refuses update mode
 * with Spark's own error, and the memory sink in complete mode holds the whole result table
 * each batch.
 */
import { clampParams, choiceParam, numberParam, type ParamSchema } from '../../core/params';
import { renderProgram, mainProgram, variantLine } from '../../core/template';
import { duration, lastString } from '../../kinds/event-time/spans';
import type { SimPreset } from '../../kinds/kind';
import type { SourceSinkQuestion } from '../../kinds/source-sink/question';
import { crashAtBatchParam, triggerIntervalParam } from '../../kinds/source-sink/params';
import { outputModeParam, seconds } from '../../kinds/event-time/param-specs';
import { programs } from './program';

/**
 * What each sink's lines say, in two places: the lines above `query = (` (one comment for the
 * built-in sinks; for foreachBatch, the `def` of the batch function, which must exist before the
 * chain names it) and the sink's lines in the writeStream chain (its
 * format and one required option, or `.foreachBatch(write_batch)`).
 */
const FOREACH_BATCH_HEAD = [
	'# The sink is write_batch: it runs on the driver for every micro-batch, a replayed one again.',
	'def write_batch(batch_df, batch_id):'
];
/** The same line above the chain for every built-in sink, so an edit of the chain's lines alone
 *  (`.format("memory")` to `.format("parquet")`) still reads back as that sink. */
const BUILT_IN = ['# The sink decides what a batch replayed after a failure does.'];
const ABOVE = {
	kafka: BUILT_IN,
	file: BUILT_IN,
	console: BUILT_IN,
	memory: BUILT_IN,
	foreachBatch: [
		...FOREACH_BATCH_HEAD,
		'    # Appends: a batch replayed after a failure is appended a second time.',
		'    batch_df.write.mode("append").parquet("/tmp/playground/out/basic-10")'
	],
	'foreachBatch-idempotent': [
		...FOREACH_BATCH_HEAD,
		'    # Keyed on batch_id: a replayed batch overwrites its own folder.',
		'    batch_df.write.mode("overwrite").parquet(f"/tmp/playground/out/basic-10/batch_id={batch_id}")'
	],
	// Key fact 4: one batch to several places, computed once (persist) and freed (unpersist).
	'foreachBatch-two-targets': [
		...FOREACH_BATCH_HEAD,
		'    batch_df.persist()  # two writes read it: compute the batch once',
		'    # Target 1, a Kafka topic: it only appends, so a replayed batch is published twice.',
		'    (',
		'        batch_df.write.mode("append").format("kafka")',
		'        .option("kafka.bootstrap.servers", "localhost:9092")',
		'        .option("topic", "device-counts-feed")',
		'        .save()',
		'    )',
		'    # Target 2, a table keyed on batch_id: a replayed batch overwrites its own folder.',
		'    batch_df.write.mode("overwrite").parquet(f"/tmp/playground/out/device-counts/batch_id={batch_id}")',
		'    batch_df.unpersist()'
	]
} as const satisfies Record<string, readonly string[]>;
type SinkId = keyof typeof ABOVE;
const FOREACH_BATCH_CHAIN = ['    .foreachBatch(write_batch)'];
const IN_CHAIN: Readonly<Record<SinkId, readonly string[]>> = {
	kafka: [
		'    .format("kafka")',
		'    .option("kafka.bootstrap.servers", "localhost:9092")',
		'    .option("topic", "device-counts")'
	],
	file: ['    .format("parquet")', '    .option("path", "/tmp/playground/out/basic-10")'],
	console: ['    .format("console")', '    .option("truncate", "false")'],
	memory: ['    .format("memory")', '    .queryName("device_counts")'],
	foreachBatch: FOREACH_BATCH_CHAIN,
	'foreachBatch-idempotent': FOREACH_BATCH_CHAIN,
	'foreachBatch-two-targets': FOREACH_BATCH_CHAIN
};

const schema: ParamSchema = [
	{
		id: 'sinkKind',
		label: 'sink',
		kind: 'choice',
		options: [
			{ value: 'kafka', label: 'Kafka (at-least-once)' },
			{ value: 'file', label: 'file: parquet (exactly-once, append only)' },
			{ value: 'console', label: 'console (debugging)' },
			{ value: 'memory', label: 'memory (debugging)' },
			{ value: 'foreachBatch', label: 'foreachBatch: append (at-least-once)' },
			{
				value: 'foreachBatch-idempotent',
				label: 'foreachBatch: overwrite by batch_id (idempotent)'
			},
			{
				value: 'foreachBatch-two-targets',
				label: 'foreachBatch: two targets (Kafka topic + table by batch_id)'
			}
		],
		default: 'kafka',
		help: 'Where each micro-batch’s rows go. The sink, not the query, decides whether a replayed batch is written twice.'
	},
	{
		...outputModeParam('update'),
		help: 'append: a window once, when the watermark closes it; update: the windows this batch changed; complete: the whole result table every batch. The file sink accepts append only.'
	},
	seconds(
		'watermarkDelay',
		'watermark delay',
		[0, 60],
		10,
		'How long a window waits for late readings before append mode emits it and its state is dropped.'
	),
	triggerIntervalParam(5),
	crashAtBatchParam(
		8,
		'2',
		'crash after the sink write of batch',
		'The driver dies after the sink wrote this batch and before commits/N; the query restarts from its checkpoint and runs the batch again with the same offsets.'
	)
];

const presets: readonly SimPreset[] = [
	{
		id: 'sinks',
		label: 'Kafka sink: a replay writes twice',
		description:
			'Update mode into Kafka; the driver dies after batch 2 reached the topic and before commits/2. The restart runs batch 2 again with the same offsets and the topic gets its rows a second time: the ledger counts the duplicates.',
		params: {}
	},
	{
		id: 'file-exactly-once',
		label: 'File sink: the same crash, no duplicates',
		description:
			'Append mode into parquet files; the driver dies after the sink wrote batch 4, the first batch to close windows. On restart the file sink finds batch 4 in its _spark_metadata log and skips it: every row is there once.',
		params: { sinkKind: 'file', outputMode: 'append', crashAtBatch: '4' }
	},
	{
		id: 'update-on-file-rejected',
		label: 'Update mode on the file sink: refused',
		description:
			'The file sink accepts append only: start() fails with Spark’s STREAMING_OUTPUT_MODE.UNSUPPORTED_DATASOURCE error before any batch runs.',
		params: { sinkKind: 'file', outputMode: 'update', crashAtBatch: 'none' }
	},
	{
		id: 'foreach-batch-replay',
		label: 'foreachBatch appending: a replay writes twice',
		description:
			'The sink is your own function: write_batch(batch_df, batch_id) appends each batch to parquet files. The driver dies after write_batch finished batch 2 and before commits/2; the restart calls write_batch again with batch_id 2 and the same rows, and the append lands a second time: at-least-once, like the Kafka sink.',
		params: { sinkKind: 'foreachBatch', outputMode: 'update', crashAtBatch: '2' }
	},
	{
		id: 'foreach-batch-idempotent',
		label: 'foreachBatch keyed on batch_id: no duplicates',
		description:
			'The same crash after batch 2, but write_batch overwrites a folder named by batch_id. The restart calls it again with batch_id 2 and it replaces its own first write: the function still runs twice (at-least-once), the output holds every row once.',
		params: { sinkKind: 'foreachBatch-idempotent', outputMode: 'update', crashAtBatch: '2' }
	},
	{
		id: 'foreachBatch-two-targets',
		label: 'foreachBatch to two targets: one duplicates, one does not',
		description:
			'write_batch persists the batch, writes it to a Kafka topic and to a table folder batch_id=N, and unpersists it: two writes per batch_id. The driver dies after batch 2’s writes, before commits/2, and the restart calls write_batch with batch_id 2 again. The topic can only append: batch 2 is in it twice. The table overwrites batch_id=2: every row once.',
		params: { sinkKind: 'foreachBatch-two-targets', outputMode: 'update', crashAtBatch: '2' }
	},
	{
		id: 'memory-complete',
		label: 'Memory sink, complete mode',
		description:
			'Complete mode into the memory sink: every batch replaces the table with the whole result, so the table grows by window and device, never by batch.',
		params: { sinkKind: 'memory', outputMode: 'complete', crashAtBatch: 'none' }
	}
];

const template = mainProgram(programs);
const constrain = (raw: Readonly<Record<string, unknown>>) => clampParams(schema, raw);

const rewrites = (params: Readonly<Record<string, unknown>>) => ({
	sinkKind: variantLine([ABOVE, IN_CHAIN], String(params.sinkKind) as SinkId, 'sinkKind'),
	outputMode: lastString(String(params.outputMode)),
	watermarkDelay: duration(Number(params.watermarkDelay)),
	triggerInterval: duration(Number(params.triggerInterval))
});

export const basic10Sinks: SourceSinkQuestion = {
	slug: 'basic-10-sinks',
	kind: 'source-sink',
	programId: 'main',
	schema,
	presets,
	template,
	structural: ['sinkKind'],
	generatorParams: ['crashAtBatch'],
	openingPreset: 'sinks',
	constrain,
	rewrites: (params) => rewrites(params),
	program: (params) => renderProgram(template, rewrites(constrain(params).params)),
	world: (params) => {
		const crash = choiceParam(params, 'crashAtBatch');
		return {
			topic: 'sensor-events',
			partitions: 2,
			skew: [1, 1],
			recordsPerSecond: 4,
			retentionMs: 0,
			restart: null,
			crashAfterSink:
				crash === 'none'
					? null
					: { batchId: Number(crash), downMs: numberParam(params, 'triggerInterval') * 1000 },
			records: 'sensor-events',
			emphasis: 'sink',
			backlogMs: 0,
			runMs: 60_000
		};
	}
};
