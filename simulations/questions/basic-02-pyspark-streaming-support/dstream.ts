/**
 * basic-02's legacy DStream tab (SIM-2 behind the page's API switch): the same socket word count
 * as the Structured Streaming program, written with DStreams. `reduceByKey` counts each batch on
 * its own, so the counts start from zero in every RDD (G-DS "A Quick Example"); keeping totals
 * takes `updateStateByKey`, which refuses to start without `ssc.checkpoint(dir)` (R8.4).
 * QUESTIONS.md basic-02-pyspark-streaming-support.
 */
import { renderProgram } from '../../core/template';
import type { SpanRewrite } from '../../core/template';
import { programs } from './program';
import { choiceParam, clampParams, numberParam } from '../../core/params';
import type { Clamped, ParamSchema, Params, Preset } from '../../core/params';
import { prepareRun } from '../../microbatch/run';
import { SOCKET_PARAMS } from '../../kinds/micro-batch/param-specs';
import type { DStreamScenario } from '../../kinds/dstream/question';
import { batchDuration } from '../../kinds/dstream/batch-interval';

export const SLUG = 'basic-02-pyspark-streaming-support';
/** Twenty 1 s batches: enough for per-batch counts to visibly start over, and for the first
 *  RDD checkpoint of the totals (every 10 s at 1 s batches, R8.5). */
export const RUN_MS = 20_000;

const schema: ParamSchema = [
	...SOCKET_PARAMS,
	{
		id: 'triggerInterval',
		label: 'batch interval',
		kind: 'number',
		unit: 's',
		min: 0.5,
		max: 10,
		step: 0.5,
		default: 1,
		help: 'StreamingContext(sc, batchDuration): the DStream counterpart of the trigger interval; every batch interval the lines received become one RDD.'
	},
	{
		id: 'totals',
		label: 'running totals',
		kind: 'choice',
		options: [
			{ value: 'off', label: 'off: counts per batch' },
			{ value: 'on', label: 'updateStateByKey + checkpoint' },
			{ value: 'no-checkpoint', label: 'updateStateByKey, no checkpoint' }
		],
		default: 'off',
		help: 'DStreams keep nothing between batches unless you ask: updateStateByKey carries a state RDD from batch to batch, and needs ssc.checkpoint(dir).'
	}
];

const presets: readonly Preset[] = [
	{
		id: 'dstream-per-batch',
		label: 'Per batch',
		description: 'The page’s DStream program: reduceByKey counts each batch on its own, from zero.',
		params: {}
	},
	{
		id: 'running-totals',
		label: 'Running totals',
		description:
			'updateStateByKey plus ssc.checkpoint(...): totals kept across batches, as the Structured Streaming query does.',
		params: { totals: 'on' }
	},
	{
		id: 'totals-no-checkpoint',
		label: 'Totals, no checkpoint',
		description: 'updateStateByKey without a checkpoint directory: Spark refuses to start.',
		params: { totals: 'no-checkpoint' }
	}
];

const CHECKPOINT_DIR = '/tmp/playground/checkpoints/basic-02-dstreams';

/** The page's DStream program with the running-totals lines marked `# <- totals`: rendered
 *  with totals off, they are removed and the page's program comes back exactly. */
function withTotalsLines(program: string): string {
	return program
		.replace(
			/^(ssc = StreamingContext\(.*\n)/m,
			`$1ssc.checkpoint("${CHECKPOINT_DIR}")  # <- totals\n`
		)
		.replace(
			/^(counts\.pprint\(\)\n)/m,
			'$1totals = counts.updateStateByKey(lambda new, total: sum(new) + (total or 0))  # <- totals\ntotals.pprint()  # <- totals\n'
		);
}

const pageProgram = programs.find((p) => p.id === 'dstream')?.template ?? '';
const template = withTotalsLines(pageProgram);

const constrain = (raw: Readonly<Record<string, unknown>>): Clamped => clampParams(schema, raw);

function rewrites(params: Params): Readonly<Record<string, SpanRewrite>> {
	const totals = choiceParam(params, 'totals');
	return {
		triggerInterval: batchDuration(numberParam(params, 'triggerInterval')),
		totals: (line) => {
			if (totals === 'off') return null;
			// Without a checkpoint directory only the checkpoint line goes: Spark's own error follows.
			return totals === 'no-checkpoint' && line.startsWith('ssc.checkpoint(') ? null : line;
		}
	};
}

export const basic02DStreams: DStreamScenario = {
	slug: SLUG,
	kind: 'dstream',
	simulation: 'SIM-2',
	generatorParams: [],
	programId: 'dstream',
	schema,
	presets,
	template,
	structural: ['totals'],
	constrain,
	rewrites,
	program: (params: Params): string => renderProgram(template, rewrites(constrain(params).params)),
	// The very lines the Structured Streaming side's socket receives for this seed (SIM-1's
	// generator), so the switch compares the two APIs on one input.
	lines: (params, seed) =>
		prepareRun({
			source: {
				kind: 'socket',
				linesPerSecond: numberParam(params, 'linesPerSecond'),
				wordsPerLine: numberParam(params, 'wordsPerLine')
			},
			trigger: { kind: 'default', intervalMs: 0 },
			cost: { fixedOverheadMs: 0, perRowCostUs: 0, numPartitions: 1, cores: 1 },
			untilMs: RUN_MS,
			seed
		}).lines.map((l) => ({ atMs: l.atMs, line: l.text })),
	// The page's Structured Streaming program is the micro-batch simulation, behind the API switch.
	structuredProgram: null,
	runMs: RUN_MS,
	startEpochMs: Date.UTC(2026, 0, 1, 10, 0, 0),
	/** local[2] as basic-03: one core for the socket receiver, one for the word count. */
	cost: {
		perRecordMs: 25,
		taskOverheadMs: 10,
		batchOverheadMs: 20,
		executors: 1,
		coresPerExecutor: 2,
		jitter: 0
	},
	// The switch between the two APIs and the Structured side's own parameter.
	otherUrlKeys: ['api', 'outputMode'],
	apiNote: 'The legacy DStream program (the “DStreams” tab): counts per batch, from zero each time.'
};
