/**
 * basic-03 (SIM-2): a DStream is one RDD per batch interval. A socket receiver cuts blocks every
 * spark.streaming.blockInterval, the blocks of an interval become the batch's RDD; windows cover
 * the last windowLength / batchInterval RDDs and must be multiples of the batch interval;
 * updateStateByKey carries a state RDD from batch to batch and needs ssc.checkpoint (R8.1–R8.5,
 * QUESTIONS.md basic-03-dstreams).
 */
import type { SpanRewrite } from '../../core/template';
import { renderProgram } from '../../core/template';
import { programs } from './program';
import { choiceParam, clampParams, numberParam } from '../../core/params';
import type { Clamped, ParamSchema, Params, Preset } from '../../core/params';
import { socketLines } from '../../kinds/dstream/socket-lines';
import type { DStreamScenario } from '../../kinds/dstream/question';
import { batchDuration } from '../../kinds/dstream/batch-interval';

export const SLUG = 'basic-03-dstreams';
/** Virtual run length: long enough for the default window to slide several times and for the
 *  first data checkpoint (batchInterval x ceil(10 s / batchInterval)) to happen. */
export const RUN_MS = 30_000;
/** zeroTime as a wall-clock instant, for pprint's `Time: ...` banners. */
export const START_EPOCH_MS = Date.UTC(2026, 0, 1, 10, 0, 0);

const schema: ParamSchema = [
	{
		id: 'batchInterval',
		label: 'batch interval',
		kind: 'number',
		unit: 's',
		min: 0.5,
		max: 5,
		step: 0.5,
		default: 2,
		help: 'StreamingContext(sc, batchDuration): every batch interval the blocks received so far become one RDD, and one job runs over it.'
	},
	{
		id: 'windowLength',
		label: 'window length',
		kind: 'number',
		unit: 's',
		min: 1,
		max: 60,
		step: 1,
		default: 6,
		help: 'How many seconds of batches a window covers. It must be a multiple of the batch interval, or PySpark raises a ValueError.'
	},
	{
		id: 'slideInterval',
		label: 'slide interval',
		kind: 'number',
		unit: 's',
		min: 1,
		max: 60,
		step: 1,
		default: 2,
		help: 'How often the window is recomputed. It must also be a multiple of the batch interval.'
	},
	{
		id: 'blockInterval',
		label: 'receiver block interval',
		kind: 'number',
		unit: 'ms',
		min: 50,
		max: 2000,
		step: 50,
		default: 200,
		help: 'spark.streaming.blockInterval: the receiver cuts a block this often; each block is one partition (one task) of the batch RDD.'
	},
	{
		id: 'checkpointEnabled',
		label: 'checkpoint directory set',
		kind: 'choice',
		options: [
			{ value: 'on', label: 'on' },
			{ value: 'off', label: 'off' }
		],
		default: 'on',
		help: 'ssc.checkpoint(dir). updateStateByKey and reduceByKeyAndWindow with an inverse function refuse to start without it.'
	},
	{
		id: 'linesPerSecond',
		label: 'lines per second',
		kind: 'number',
		unit: 'lines/s',
		min: 0.5,
		max: 50,
		step: 0.5,
		default: 5,
		simulationOnly: true,
		help: 'How fast lines arrive on the socket (the simulated `nc -lk 9999`). High rates make batches take longer than the batch interval, and the queue grows.'
	}
];

const presets: readonly Preset[] = [
	{
		id: 'three-outputs',
		label: 'Three outputs',
		description:
			'Per-batch counts, a 6 s window sliding by 2 s, and running totals: three DStreams over the same batches.',
		params: {}
	},
	{
		id: 'no-checkpoint',
		label: 'No checkpoint',
		description:
			'Without ssc.checkpoint(...) the stateful streams refuse to start: Spark’s own error.',
		params: { checkpointEnabled: 'off' }
	},
	{
		id: 'window-not-multiple',
		label: 'Window not a multiple',
		description:
			'A 5 s window over 2 s batches cannot be made of whole batches: PySpark’s ValueError.',
		params: { windowLength: 5, batchInterval: 2 }
	},
	{
		id: 'overrun',
		label: 'Overrun',
		description:
			'Lines arrive faster than one core can process them: each batch starts later than it was due.',
		params: { linesPerSecond: 50 }
	}
];

/** Clamps into range. A window or slide that is not a multiple of the batch interval is kept
 *  (QUESTIONS.md §0.2): the engine then fails with Spark's own error; the notice says why. */
function constrain(raw: Readonly<Record<string, unknown>>): Clamped {
	const { params, notices } = clampParams(schema, raw);
	const notes = [...notices];
	const batch = numberParam(params, 'batchInterval');
	for (const id of ['windowLength', 'slideInterval']) {
		const v = numberParam(params, id);
		if (!isMultiple(v, batch)) {
			notes.push(
				`${id}: ${v} s is not a multiple of the ${batch} s batch interval; Spark refuses such a window (see the error below).`
			);
		}
	}
	return { params, notices: notes };
}

const isMultiple = (x: number, of: number): boolean => {
	const k = Math.round(x / of);
	return k >= 1 && Math.abs(k * of - x) < 1e-9;
};

/** Python's spelling of a number of seconds: `2`, `0.5`. */
const pyNumber = (n: number): string => String(n);

const BARE_NUMBER = /^(\s*)\d+(?:\.\d+)?(,?)\s*$/;
const LAST_STRING = /"[^"]*"(?=[^"]*$)/;

function rewrites(params: Params): Readonly<Record<string, SpanRewrite>> {
	const seconds = (id: string) => pyNumber(numberParam(params, id));
	return {
		batchInterval: batchDuration(seconds('batchInterval')),
		windowLength: (line) => line.replace(BARE_NUMBER, `$1${seconds('windowLength')}$2`),
		slideInterval: (line) => line.replace(BARE_NUMBER, `$1${seconds('slideInterval')}$2`),
		blockInterval: (line) =>
			line.replace(LAST_STRING, `"${numberParam(params, 'blockInterval')}ms"`),
		// Off removes the ssc.checkpoint(...) line; on keeps the template's line as written.
		checkpointEnabled: (line) => (choiceParam(params, 'checkpointEnabled') === 'on' ? line : null)
	};
}

const template = programs.find((p) => p.id === 'main')?.template ?? '';
const structuredTemplate = programs.find((p) => p.id === 'structured')?.template ?? '';

export const basic03DStreams: DStreamScenario = {
	slug: SLUG,
	kind: 'dstream',
	simulation: 'SIM-2',
	generatorParams: [],
	programId: 'main',
	schema,
	presets,
	template,
	/** checkpointEnabled adds or removes a line, so it re-renders from the template. */
	structural: ['checkpointEnabled'],
	constrain,
	rewrites,
	program: (params: Params): string => renderProgram(template, rewrites(constrain(params).params)),
	lines: (params, seed) => socketLines(numberParam(params, 'linesPerSecond'), RUN_MS, seed),
	/** The Structured Streaming equivalent; its template marks no parameter spans. */
	structuredProgram: (): string => structuredTemplate,
	runMs: RUN_MS,
	startEpochMs: START_EPOCH_MS,
	/** The cost model of local[2]: one core taken by the socket receiver, one left for tasks.
	 *  25 ms per record stands for a Python lambda on a slow worker, so 5 lines/s keeps up and
	 *  50 lines/s does not (QUESTIONS.md EXEC: a stand-in that scales the way Spark does). */
	cost: {
		perRecordMs: 25,
		taskOverheadMs: 10,
		batchOverheadMs: 20,
		executors: 1,
		coresPerExecutor: 2,
		jitter: 0
	},
	otherUrlKeys: []
};
