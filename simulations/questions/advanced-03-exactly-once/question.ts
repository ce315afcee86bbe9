/**
 * advanced-03 (exactly-once): the page's program reads orders from Kafka and hands each batch to
 * a foreachBatch function that writes it with `batch_df.write`. The write is the parameter: an
 * overwrite of the batch id's own directory (idempotent) or an append to one directory (not).
 * The same failure (the driver dies after the sink wrote batch 3 and before commits/3) re-runs
 * batch 3 with the same id and rows: the ledger counts the second write, or not. A crash before
 * offsets/3 has nothing to replay.
 */
import { clampParams, numberParam, type ParamSchema } from '../../core/params';
import { mainProgram, renderProgram } from '../../core/template';
import { duration } from '../../kinds/event-time/spans';
import { failureOf, failureParams } from '../../kinds/fault-tolerance/failure-params';
import type { FaultToleranceQuestion } from '../../kinds/fault-tolerance/question';
import type { SimPreset } from '../../kinds/kind';
import { programs } from './program';

const schema: ParamSchema = [
	{
		id: 'sinkMode',
		label: 'write',
		kind: 'choice',
		options: [
			{ value: 'idempotent', label: 'overwrite the batch id’s directory' },
			{ value: 'nonIdempotent', label: 'append to one directory' }
		],
		default: 'idempotent',
		help: 'What write_batch does with each batch: replace what it wrote for this batch_id, or add the rows to one directory.'
	},
	...failureParams({ phase: 'afterSinkBeforeCommit', batch: 3 }),
	{
		id: 'eventRate',
		label: 'orders per second',
		kind: 'number',
		unit: '/s',
		min: 1,
		max: 50,
		step: 1,
		default: 4,
		simulationOnly: true,
		help: 'Orders the producer sends to the topic per second.'
	},
	{
		id: 'triggerInterval',
		label: 'trigger interval',
		kind: 'number',
		unit: 's',
		min: 1,
		max: 30,
		step: 1,
		default: 5,
		help: 'A micro-batch starts every this many seconds.'
	}
];

const presets: readonly SimPreset[] = [
	{
		id: 'idempotent-vs-not',
		label: 'Overwrite by batch_id: the replay is harmless',
		description:
			'The driver dies after write_batch wrote batch 3 and before commits/3. Batch 3 runs again with the same id and rows; overwriting batch_id=3 leaves each order once. Compare with “append” to see the duplicates.',
		params: {}
	},
	{
		id: 'append-duplicates',
		label: 'Append: the replay duplicates batch 3',
		description:
			'The same failure with write_batch appending to one directory: the re-run writes batch 3’s orders a second time, and the ledger counts every one of them twice.',
		params: { sinkMode: 'nonIdempotent' }
	},
	{
		id: 'crash-before-offset-log',
		label: 'Crash before offsets/3: nothing to replay',
		description:
			'The driver dies while planning batch 3, before offsets/3 exists: the restart plans batch 3 afresh, and even the appending write sees each order once.',
		params: { sinkMode: 'nonIdempotent', failurePhase: 'beforeOffsetLog' }
	}
];

const template = mainProgram(programs);
const constrain = (raw: Readonly<Record<string, unknown>>) => clampParams(schema, raw);

const rewrites = (params: Readonly<Record<string, unknown>>) => {
	const idempotent = params.sinkMode !== 'nonIdempotent';
	return {
		sinkMode: (line: string) =>
			line.includes('.parquet(')
				? line.replace(
						/\.parquet\(f"[^"]*"\)/,
						idempotent ? '.parquet(f"{OUT_DIR}/batch_id={batch_id}")' : '.parquet(f"{OUT_DIR}/all")'
					)
				: line.replace(/\.mode\("[^"]*"\)/, `.mode("${idempotent ? 'overwrite' : 'append'}")`),
		triggerInterval: duration(Number(params.triggerInterval))
	};
};

export const advanced03ExactlyOnce: FaultToleranceQuestion = {
	slug: 'advanced-03-exactly-once',
	kind: 'fault-tolerance',
	programId: 'main',
	schema,
	presets,
	template,
	structural: [],
	generatorParams: ['eventRate'],
	openingPreset: 'idempotent-vs-not',
	constrain,
	rewrites: (params) => rewrites(params),
	program: (params) => renderProgram(template, rewrites(constrain(params).params)),
	world: (params) => ({
		topic: 'orders',
		records: 'orders',
		partitions: 3,
		recordsPerSecond: numberParam(params, 'eventRate'),
		keys: 6,
		failure: failureOf(params),
		downMs: 3000,
		runMs: 45_000
	})
};
