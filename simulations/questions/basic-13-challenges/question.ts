/**
 * basic-13 (common challenges): one Kafka → parse → watermark → dedup → window → file sink
 * pipeline (plus a dead-letter query), and six challenges its input or cluster can bring. The
 * `challenge` control picks one; `fixApplied` rewrites that challenge's marked line between its
 * "before" and the program as written (QUESTIONS.md basic-13-challenges, the fix spans):
 *   late          withWatermark "2 seconds" → "30 seconds"
 *   state-growth  dropDuplicates → dropDuplicatesWithinWatermark
 *   skew          no minPartitions → minPartitions 12
 *   small-files   processingTime "1 second" → "1 minute"
 *   overload      no maxOffsetsPerTrigger on 1 executor → 20,000 on the page's executors
 *   schema-drift  FAILFAST → PERMISSIVE with the corrupt-record column
 *
 * The world (no program says it): sensors writing `producerRate` records/s over 4 Kafka
 * partitions, `hotKeyShare` of them on one; `lateProb` of records with an event time up to 20 s
 * behind; from 3 min a producer version sends `reading` as text ("21.5 C") in 5 % of records,
 * in the schema-drift challenge. A record costs 5 ms in each stage (illustrative: parsing,
 * deduplication, aggregation). The default rate stays under the 20,000 offsets a 1-minute
 * trigger may read (333 records/s), so the program as written keeps up.
 */
import type { ParamSchema, Params, Preset } from '../../core/params';
import { choiceParam, numberParam } from '../../core/params';
import type { SpanRewrite } from '../../core/template';
import { DEFAULT_TASK_COST } from '../../cluster/task-cost';
import type { ClusterScenario, ClusterWorld } from '../../kinds/cluster/question';
import type { ProgramSettings } from '../../kinds/cluster/settings';
import { clusterScenario, executorsParam } from '../cluster-scenario';
import { programs } from './program';

export const SLUG = 'basic-13-challenges';
export const RUN_MS = 1_200_000;
export const DRIFT_AT_MS = 180_000;
const START_EPOCH_MS = Date.UTC(2026, 0, 1, 10, 0, 0);

export const CHALLENGES = [
	'late',
	'state-growth',
	'skew',
	'small-files',
	'overload',
	'schema-drift'
] as const;
export type ChallengeId = (typeof CHALLENGES)[number];

const LABELS: Record<ChallengeId, string> = {
	late: 'Late data',
	'state-growth': 'State growth',
	skew: 'Skew',
	'small-files': 'Small files',
	overload: 'Overload',
	'schema-drift': 'Schema drift'
};

/** A v2 producer's record: `reading` as text with its unit. */
export const MALFORMED_PAYLOAD =
	'{"event_id":"e-90211","device":"d-0017","reading":"21.5 C","event_time":"2026-01-01T10:03:00Z"}';

const challengeOf = (params: Params): ChallengeId => {
	const c = choiceParam(params, 'challenge');
	return (CHALLENGES as readonly string[]).includes(c) ? (c as ChallengeId) : 'overload';
};
const fixOff = (params: Params, c: ChallengeId): boolean =>
	challengeOf(params) === c && choiceParam(params, 'fixApplied') === 'off';

/** The counter each challenge draws (skew and overload show on the Gantt and the backlog). */
const FOCUS: Partial<
	Record<ChallengeId, 'lateDropped' | 'dedupState' | 'files' | 'corrupt' | 'tasks'>
> = {
	late: 'lateDropped',
	// Skew's signature is a task: one long bar in the Gantt, drawn first.
	skew: 'tasks',
	'state-growth': 'dedupState',
	'small-files': 'files',
	'schema-drift': 'corrupt'
};

const world = (params: Params): ClusterWorld => ({
	profile: { kind: 'steady', recordsPerSecond: numberParam(params, 'producerRate') },
	jitter: 0.05,
	partitions: 4,
	sourceSkew: numberParam(params, 'hotKeyShare') / 100,
	cost: { ...DEFAULT_TASK_COST, taskOverheadMs: 10, perRowMs: 5 },
	driverOverheadMs: 100,
	// The overload challenge's "before" is also a smaller cluster (QUESTIONS.md): one executor.
	executors: fixOff(params, 'overload') ? 1 : numberParam(params, 'executors'),
	coresPerExecutor: 2,
	keys: 50,
	executorStartupMs: 0,
	executorAllocationMs: 0,
	stateRowCostMs: { hdfs: 0.5, rocksdb: 0.02 },
	challenge: {
		lateShare: numberParam(params, 'lateProb') / 100,
		maxLatenessMs: 20_000,
		corruptShare: challengeOf(params) === 'schema-drift' ? 0.05 : 0,
		corruptFromMs: DRIFT_AT_MS,
		...(FOCUS[challengeOf(params)] ? { focus: FOCUS[challengeOf(params)] } : {})
	},
	malformedPayload: MALFORMED_PAYLOAD
});

const schema: ParamSchema = [
	{
		id: 'challenge',
		label: 'challenge',
		kind: 'choice',
		options: CHALLENGES.map((c) => ({ value: c, label: LABELS[c] })),
		default: 'overload',
		simulationOnly: true,
		help: 'Which problem the input or the cluster brings; "fix applied" rewrites its line of the program.'
	},
	{
		id: 'fixApplied',
		label: 'fix applied',
		kind: 'choice',
		options: [
			{ value: 'off', label: 'off' },
			{ value: 'on', label: 'on' }
		],
		default: 'off',
		help: 'Off writes the challenge’s line as it was before the fix (overload: no maxOffsetsPerTrigger, and one executor); on is the program as written.'
	},
	{
		id: 'producerRate',
		label: 'records per second',
		unit: 'records/s',
		kind: 'number',
		min: 50,
		max: 2000,
		step: 10,
		default: 220,
		simulationOnly: true,
		help: 'How fast the sensors write. Above 333 records/s even the fixed program falls behind: maxOffsetsPerTrigger 20,000 per 1-minute trigger is its ceiling.'
	},
	{
		id: 'hotKeyShare',
		label: 'share of traffic on one partition',
		unit: '%',
		kind: 'number',
		min: 0,
		max: 90,
		step: 5,
		default: 0,
		simulationOnly: true,
		help: 'Records sent to the hottest Kafka partition beyond an even spread (a hot key).'
	},
	{
		id: 'lateProb',
		label: 'share of late events',
		unit: '%',
		kind: 'number',
		min: 0,
		max: 50,
		step: 5,
		default: 5,
		simulationOnly: true,
		help: 'Records whose event time is up to 20 s behind when they reach Kafka.'
	},
	executorsParam(4)
];

const preset = (c: ChallengeId, description: string, extra: Params = {}): Preset => ({
	id: c,
	label: LABELS[c],
	description,
	params: { challenge: c, fixApplied: 'off', ...extra }
});

const presets: readonly Preset[] = [
	preset(
		'overload',
		'One executor and no maxOffsetsPerTrigger: each batch takes longer than the 1-minute trigger, the process rate stays below the input rate, and the records waiting in Kafka grow every batch. Turn the fix on: 4 executors and bounded batches keep up.'
	),
	preset(
		'late',
		'30 % of events arrive up to 20 s late and the watermark allows 2 s: every batch drops late rows, counted as numRowsDroppedByWatermark. With the 30 s delay none is dropped.',
		{ lateProb: 30 }
	),
	preset(
		'state-growth',
		'dropDuplicates(["event_id"]) remembers every id forever (the event time is not a key, so the watermark cannot evict): state rows climb every batch. dropDuplicatesWithinWatermark keeps only ids the watermark still allows: state levels off.'
	),
	preset(
		'skew',
		'70 % of the traffic on one Kafka partition: one read task takes most of each batch while the other cores wait (the long bar in the Gantt). minPartitions 12 splits the hot offset range into more tasks.',
		{ hotKeyShare: 70 }
	),
	preset(
		'small-files',
		'A 1-second trigger: 1,200 batches in 20 minutes, each adding a file to the sink’s metadata log plus data files: the file counter climbs by one a second. A 1-minute trigger writes a sixtieth of the log files.'
	),
	preset(
		'schema-drift',
		'At 3 min a producer starts sending reading as text. FAILFAST fails the query on the first such record: it stops, and records pile up in Kafka. PERMISSIVE keeps them in _corrupt_record for the dead-letter query and the pipeline goes on.'
	)
];

const WATERMARK = /"(\d+) seconds?"(?=[^"]*$)/;
const PERMISSIVE = '{"mode": "PERMISSIVE", "columnNameOfCorruptRecord": "_corrupt_record"}';

function rewrites(params: Params): Readonly<Record<string, SpanRewrite>> {
	return {
		// Every marked line is one challenge's fix; only the selected challenge's line changes.
		// A control rewrites the line as the editor has it: each branch writes both values.
		fixApplied: (line) => {
			if (line.includes('minPartitions')) return fixOff(params, 'skew') ? null : line;
			if (line.includes('maxOffsetsPerTrigger')) return fixOff(params, 'overload') ? null : line;
			if (line.includes('"mode"'))
				return line.replace(
					/\{[^}]*\}/,
					fixOff(params, 'schema-drift') ? '{"mode": "FAILFAST"}' : PERMISSIVE
				);
			if (line.includes('withWatermark'))
				return line.replace(WATERMARK, fixOff(params, 'late') ? '"2 seconds"' : '"30 seconds"');
			if (/\.dropDuplicates(WithinWatermark)?\(/.test(line))
				return line.replace(
					/\.dropDuplicates(WithinWatermark)?\(/,
					fixOff(params, 'state-growth') ? '.dropDuplicates(' : '.dropDuplicatesWithinWatermark('
				);
			if (line.includes('processingTime'))
				return line.replace(
					/processingTime="[^"]*"/,
					`processingTime="${fixOff(params, 'small-files') ? '1 second' : '1 minute'}"`
				);
			return line;
		}
	};
}

/** Which challenge's line the program has at its "before": the controls follow an edit. */
function paramsFromSettings(s: ProgramSettings, params: Params): Params {
	if (s.api !== 'structured') return params;
	const before: ChallengeId[] = [];
	if (s.watermarkDelayMs !== null && s.watermarkDelayMs < 30_000) before.push('late');
	if (s.dedup === 'dropDuplicates') before.push('state-growth');
	if (s.minPartitions === null) before.push('skew');
	if (s.triggerMs > 0 && s.triggerMs < 60_000) before.push('small-files');
	if (s.maxOffsetsPerTrigger === null) before.push('overload');
	if (s.parseMode === 'FAILFAST') before.push('schema-drift');
	if (before.length === 0) return { ...params, fixApplied: 'on' };
	if (before.length === 1) return { ...params, challenge: before[0] as string, fixApplied: 'off' };
	return params;
}

export const basic13Challenges: ClusterScenario = clusterScenario({
	slug: SLUG,
	api: 'structured',
	programId: 'main',
	schema,
	presets,
	openingPreset: 'overload',
	template: programs.find((p) => p.id === 'main')?.template ?? '',
	structural: ['fixApplied', 'challenge'],
	rewrites,
	runMs: RUN_MS,
	startEpochMs: START_EPOCH_MS,
	world,
	paramsFromSettings,
	manyQueries: true
});
