/**
 * basic-10 (sinks): the page's program counts sensor readings per device in 10-second event-time
 * windows and writes them to a sink. The sink and its output mode are spans of the program (the
 * `.format(...)` line and the sink's options, `.outputMode(...)`); the simulated world is a
 * `sensor-events` topic and, optionally, a driver dying after the sink wrote a batch and before
 * commits/N. Presets tell R7's sink stories: the Kafka sink replays that batch into duplicates,
 * the file sink's _spark_metadata keeps it exact, the file sink refuses update mode with Spark's
 * own error, and the memory sink in complete mode holds the whole result table each batch.
 */
import { clampParams, choiceParam, numberParam, type ParamSchema } from '../../core/params';
import { renderProgram, mainProgram, type SpanRewrite } from '../../core/template';
import { duration, lastString } from '../../kinds/event-time/spans';
import type { SimPreset } from '../../kinds/kind';
import type { SourceSinkQuestion } from '../../kinds/source-sink/question';
import { crashAtBatchParam, triggerIntervalParam } from '../../kinds/source-sink/params';
import { outputModeParam, seconds } from '../../kinds/event-time/param-specs';
import { programs } from './program';

/** What each sink's lines say: its format, its one required option, and (Kafka) the topic. */
const SINKS = {
	kafka: {
		format: '.format("kafka")',
		option: '.option("kafka.bootstrap.servers", "localhost:9092")',
		topic: '.option("topic", "device-counts")'
	},
	file: { format: '.format("parquet")', option: '.option("path", "/tmp/playground/out/basic-10")' },
	console: { format: '.format("console")', option: '.option("truncate", "false")' },
	memory: { format: '.format("memory")', option: '.queryName("device_counts")' }
} as const satisfies Record<string, { format: string; option: string; topic?: string }>;
type SinkId = keyof typeof SINKS;

/** One marked line of the sink, whichever sink wrote it: its indent, and its role by shape. */
const sinkLine =
	(sink: SinkId): SpanRewrite =>
	(line) => {
		const indent = /^\s*/.exec(line)?.[0] ?? '';
		const s: { format: string; option: string; topic?: string } = SINKS[sink];
		if (/\.format\(/.test(line)) return indent + s.format;
		if (/"topic"/.test(line)) return s.topic === undefined ? null : indent + s.topic;
		return indent + s.option;
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
			{ value: 'memory', label: 'memory (debugging)' }
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
	sinkKind: sinkLine(String(params.sinkKind) as SinkId),
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
