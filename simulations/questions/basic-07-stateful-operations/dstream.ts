/**
 * basic-07's legacy DStream tab (SIM-2 behind the page's API switch): the same purchases as the
 * Structured side, each a socket line "user,amount" at the time the producer sends it, totalled
 * per user by `updateStateByKey`. DStream state is a whole RDD carried from batch to batch: the
 * update function is called for every key in every batch, with or without new values, and the
 * state RDD is checkpointed, so `ssc.checkpoint(dir)` is required (R8.4, R8.5; QUESTIONS.md
 * basic-07-stateful-operations "SIM-2 tab").
 */
import { createRng } from '../../core/rng';
import { choiceParam, numberParam } from '../../core/params';
import type { ParamSchema, Params, Preset } from '../../core/params';
import { dstreamTab } from '../../kinds/dstream/tab';
import { programs } from './program';
import { basic07State } from './question';
import { batchDuration } from '../../kinds/dstream/batch-interval';
import { intervalParam } from '../../kinds/interval-param';

const SLUG = 'basic-07-stateful-operations';
const CHECKPOINT_LINE = /^(ssc\.checkpoint\(.*)$/m;

const schema: ParamSchema = [
	intervalParam(
		'batch interval',
		'StreamingContext(sc, batchDuration): every batch interval the lines received become one RDD, and update_total runs for every user known so far.'
	),
	{
		id: 'checkpoint',
		label: 'checkpoint directory',
		kind: 'choice',
		options: [
			{ value: 'on', label: 'ssc.checkpoint(dir)' },
			{ value: 'off', label: 'none' }
		],
		default: 'on',
		help: 'updateStateByKey checkpoints its state RDD; without a checkpoint directory the context refuses to start.'
	}
];

const presets: readonly Preset[] = [
	{
		id: 'dstream-update-state',
		label: 'updateStateByKey',
		description:
			'Every batch calls update_total for every user seen so far, new purchases or not, and prints every total: the whole state, every batch.',
		params: {}
	},
	{
		id: 'dstream-faster-batches',
		label: '1 s batches',
		description:
			'Twice the batches: twice the calls for every user, most of them with no new purchase.',
		params: { triggerInterval: 1 }
	},
	{
		id: 'dstream-no-checkpoint',
		label: 'No checkpoint',
		description:
			'Without ssc.checkpoint(dir) the context refuses to start: no batch runs, no state is kept.',
		params: { checkpoint: 'off' }
	}
];

const pageProgram = programs.find((p) => p.id === 'dstream')?.template ?? '';
/** The checkpoint line marked, so the control can take it out. */
const template = pageProgram.replace(CHECKPOINT_LINE, '$1  # <- checkpoint');

export const basic07DStreams = dstreamTab({
	slug: SLUG,
	template,
	schema,
	presets,
	structural: ['checkpoint'],
	generatorParams: ['numKeys', 'eventRate'],
	rewrites: (params: Params) => ({
		triggerInterval: batchDuration(numberParam(params, 'triggerInterval')),
		checkpoint: (line) => (choiceParam(params, 'checkpoint') === 'on' ? line : null)
	}),
	// The very purchases the Structured side's producer sends for this seed, at its defaults.
	lines: (_params, seed) =>
		basic07State
			.world(basic07State.constrain({}).params)
			.sends(createRng(seed))
			.map((s) => ({ atMs: s.atMs, line: `${s.key},${s.fields.amount}` })),
	runMs: 40_000,
	otherUrlKeys: [
		'api',
		...basic07State.schema.map((p) => p.id).filter((id) => id !== 'triggerInterval')
	],
	apiNote:
		'The legacy DStream program (the “DStreams” tab): updateStateByKey calls the function for every key in every batch and keeps the whole state RDD, checkpointed.'
});
