/**
 * basic-14 (consistency and fault tolerance): the page's program aggregates sensor readings per
 * device and minute and writes them out, with its progress in a checkpoint. Two of its parts are
 * parameters, spans of its text: the source (Kafka, which replays by offsets, or a socket, whose
 * lines live only in the driver's memory) and the sink (the file sink, which skips a batch its
 * log already has, or Kafka, which writes a replayed batch again). The failure is the world's.
 * The ledger compares the output with a failure-free run of the same seed: equal, duplicates or
 * missing rows, counted.
 */
import { choiceSpec, type ParamSchema } from '../../core/params';
import type { SpanRewrite } from '../../core/template';
import { failureOf, failureParams } from '../../kinds/fault-tolerance/failure-params';
import type { FaultToleranceQuestion } from '../../kinds/fault-tolerance/question';
import type { SimPreset } from '../../kinds/kind';
import { programs } from './program';
import { spannedQuestion } from '../spanned-question';

const schema: ParamSchema = [
	...failureParams({ phase: 'afterSinkBeforeCommit', batch: 4 }),
	choiceSpec(
		'sourceKind',
		'source',
		[
			['kafka', 'Kafka (replayable)'],
			['socket', 'socket (not replayable)']
		],
		'Kafka keeps the records: a replay reads the logged offsets again. A socket’s lines live in the driver’s memory and die with it.'
	),
	choiceSpec(
		'sinkKind',
		'sink',
		[
			['file', 'parquet files (exactly-once)'],
			['kafka', 'Kafka topic (at-least-once)']
		],
		'The file sink skips a batch its _spark_metadata log already has; the Kafka sink sends a replayed batch’s records again.'
	)
];

const presets: readonly SimPreset[] = [
	{
		id: 'failures',
		label: 'Driver crash after the sink write',
		description:
			'The driver dies after the file sink wrote batch 4 and before commits/4. The restart re-runs batch 4 with the same id and offsets; the file sink finds _spark_metadata/4 and skips it. The output equals a failure-free run’s.',
		params: {}
	},
	{
		id: 'executor-loss',
		label: 'An executor is lost in batch 4',
		description:
			'An executor dies while batch 4 runs: only its tasks re-run, on the other executor, inside the same batch. No restart, no replay, no offsets/4 twice: the driver never stopped.',
		params: { failurePhase: 'executorLost' }
	},
	{
		id: 'socket-loses-data',
		label: 'Socket source: the replay has nothing to read',
		description:
			'The same crash with a socket source: the lines batch 4 read lived in the dead driver’s memory, and the lines sent while it was down reached nobody. The restart re-runs batch 4 with its logged offsets and finds no lines: rows are missing compared with a failure-free run.',
		params: { sourceKind: 'socket' }
	},
	{
		id: 'kafka-sink-duplicates',
		label: 'Kafka sink: the replay writes again',
		description:
			'The same crash with a Kafka sink: the re-run of batch 4 sends its records a second time. The source replayed exactly; the sink did not absorb it, so a reader of the topic sees duplicates.',
		params: { sinkKind: 'kafka' }
	}
];

/** Each marked line of the source block as the Kafka or the socket source writes it. */
const sourceLine =
	(socket: boolean): SpanRewrite =>
	(line) => {
		const indent = /^\s*/.exec(line)?.[0] ?? '';
		if (/readStream\.format\(/.test(line))
			return line.replace(/format\("[^"]*"\)/, `format("${socket ? 'socket' : 'kafka'}")`);
		if (/"(?:kafka\.bootstrap\.servers|host)"/.test(line))
			return `${indent}${socket ? '.option("host", "localhost")' : '.option("kafka.bootstrap.servers", "localhost:9092")'}`;
		if (/"(?:subscribe|port)"/.test(line))
			return `${indent}${socket ? '.option("port", "9999")' : '.option("subscribe", "sensor-events")'}`;
		// failOnDataLoss is a Kafka option: a socket source has no offsets to lose data between.
		if (/"failOnDataLoss"/.test(line)) return socket ? null : line;
		return line;
	};

/** Each marked line of the sink: a Kafka sink needs a `value` column, a topic and the broker. */
const sinkLine =
	(kafka: boolean): SpanRewrite =>
	(line) => {
		const indent = /^\s*/.exec(line)?.[0] ?? '';
		if (/\.writeStream\s*$/.test(line))
			return `${indent}${kafka ? 'per_minute.select(F.to_json(F.struct("window", "device", "events", "avg_reading")).alias("value")).writeStream' : 'per_minute.writeStream'}`;
		if (/\.format\(/.test(line))
			return line.replace(/format\("[^"]*"\)/, `format("${kafka ? 'kafka' : 'parquet'}")`);
		if (/\.option\("(?:path|kafka\.bootstrap\.servers)"/.test(line))
			return `${indent}${kafka ? '.option("kafka.bootstrap.servers", "localhost:9092").option("topic", "per-minute")' : '.option("path", "/tmp/playground/out/basic-14-per-minute")'}`;
		return line;
	};

const rewrites = (params: Readonly<Record<string, unknown>>) => ({
	sourceKind: sourceLine(params.sourceKind === 'socket'),
	sinkKind: sinkLine(params.sinkKind === 'kafka')
});

export const basic14FaultTolerance: FaultToleranceQuestion = {
	...spannedQuestion({
		slug: 'basic-14-fault-tolerance',
		schema,
		presets,
		programs,
		openingPreset: 'failures',
		rewrites
	}),
	kind: 'fault-tolerance',
	world: (params) => ({
		topic: 'sensor-events',
		records: 'sensor',
		partitions: 3,
		recordsPerSecond: 4,
		keys: 4,
		failure: failureOf(params),
		downMs: 3000,
		runMs: 100_000,
		compareWithFailureFree: true
	})
};
