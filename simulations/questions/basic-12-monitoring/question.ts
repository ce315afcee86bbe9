/**
 * basic-12 (monitoring): the page's program under a producer spike, watched the three ways Spark
 * offers: the Spark UI's Structured Streaming tab (a twin, fed only by the progress records),
 * `query.lastProgress` of the batch under the cursor, and the program's own
 * StreamingQueryListener, whose callbacks run and print (onQueryStarted synchronously in
 * start(), the others asynchronously on the listener bus). Behind the API switch, the DStream
 * program's StreamingListener prints each batch's delays.
 * QUESTIONS.md basic-12-monitoring; SPARK-SEMANTICS R1.6 (progress), R11.4 (listener).
 *
 * The world (no program says it): producers at `producerRate` records/s, ×`spikeFactor` from 30 s
 * for 60 s; `executors` of 2 cores; a record costs `perRowCost` µs in each stage. At the defaults
 * 2 executors keep up with the base rate (batches ≈ 2 s of a 5 s trigger) but not with the spike.
 */
import type { ParamSchema, Params, Preset } from '../../core/params';
import { numberParam } from '../../core/params';
import { intervalString, type SpanRewrite } from '../../core/template';
import type { ClusterScenario, ClusterWorld } from '../../kinds/cluster/question';
import type { ProgramSettings } from '../../kinds/cluster/settings';
import { clusterScenario, executorsParam, spikeParams, spikeWorld } from '../cluster-scenario';
import { programs } from './program';
import { batchDuration } from '../../kinds/dstream/batch-interval';

export const SLUG = 'basic-12-monitoring';
export const RUN_MS = 240_000;
export const SPIKE_AT_MS = 30_000;
export const SPIKE_MS = 60_000;
const START_EPOCH_MS = Date.UTC(2026, 0, 1, 10, 0, 0);

const world = (params: Params): ClusterWorld =>
	spikeWorld(params, {
		spikeAtMs: SPIKE_AT_MS,
		spikeMs: SPIKE_MS,
		driverOverheadMs: 100,
		// The DStream program says its own cores (local[2]); it has no executors control.
		executors: typeof params['executors'] === 'number' ? params['executors'] : 1,
		keys: 40,
		executorStartupMs: 0,
		executorAllocationMs: 0,
		costParam: 'perRowCost'
	});

const triggerInterval = {
	id: 'triggerInterval',
	label: 'trigger interval',
	unit: 's',
	kind: 'number',
	min: 1,
	max: 30,
	step: 1,
	default: 5,
	help: 'processingTime: a batch starts every interval, or as soon as the one before it ends when it ran longer.'
} as const;

const WORLD: ParamSchema = [
	...spikeParams(
		{ min: 100, max: 10000, step: 100, default: 2000 },
		{ default: 3, atMs: SPIKE_AT_MS, durationMs: SPIKE_MS }
	),
	{
		id: 'perRowCost',
		label: 'processing cost per row',
		unit: 'µs',
		kind: 'number',
		min: 10,
		max: 2000,
		step: 10,
		default: 400,
		simulationOnly: true,
		help: 'Task time per row in each stage: with the cores it sets what the query can process per second.'
	},
	executorsParam(2)
];

const structuredSchema: ParamSchema = [
	triggerInterval,
	{
		id: 'watermarkDelay',
		label: 'watermark delay',
		unit: 's',
		kind: 'number',
		min: 0,
		max: 120,
		step: 5,
		default: 30,
		help: 'withWatermark: how far behind the newest event time the watermark (and the Global Watermark Gap) trails.'
	},
	...WORLD
];

const dstreamSchema: ParamSchema = [
	{
		...triggerInterval,
		label: 'batch interval',
		help: 'StreamingContext(sc, n): a batch every n seconds.'
	},
	...WORLD.filter((p) => p.id !== 'executors')
];

const structuredPresets: readonly Preset[] = [
	{
		id: 'dashboard',
		label: 'Dashboard',
		description:
			'A ×3 spike at 30 s: Process Rate falls below Input Rate and Batch Duration passes the 5 s trigger; the listener’s lines show the lag growing, then draining after the spike.',
		params: {}
	},
	{
		id: 'spike-recovers',
		label: 'Spike absorbed',
		description:
			'Four executors: batches stay under the trigger through the spike, Process Rate keeps up with Input Rate, no sign of trouble.',
		params: { executors: 4 }
	},
	{
		id: 'spike-never-recovers',
		label: 'Never recovers',
		description:
			'One executor and 500 µs a row, below even the base rate: every batch overruns the trigger and the records waiting in Kafka grow for the whole run.',
		params: { executors: 1, perRowCost: 500 }
	}
];

const dstreamPresets: readonly Preset[] = [
	{
		id: 'dstream-listener',
		label: 'StreamingListener',
		description:
			'The DStream program’s listener prints each batch’s scheduling, processing and total delay: once processing passes the 5 s interval, scheduling delay climbs.',
		params: {}
	},
	{
		id: 'dstream-no-spike',
		label: 'No spike',
		description:
			'The same producers without the spike: each batch takes ≈ 4.3 s of its 5 s interval, so every line the listener prints says schedulingDelay=Some(0)ms.',
		params: { spikeFactor: 1 }
	}
];

const LAST_STRING = /"[^"]*"(?=[^"]*$)/;
const PROCESSING_TIME = /processingTime\s*=\s*"[^"]*"/;

function rewrites(params: Params): Readonly<Record<string, SpanRewrite>> {
	const n = (id: string) => numberParam(params, id);
	return {
		triggerInterval: (line) =>
			batchDuration(n('triggerInterval'))(
				line.replace(PROCESSING_TIME, `processingTime="${intervalString(n('triggerInterval'))}"`)
			),
		watermarkDelay: (line) => line.replace(LAST_STRING, `"${intervalString(n('watermarkDelay'))}"`)
	};
}

function paramsFromSettings(s: ProgramSettings, params: Params): Params {
	if (s.api === 'dstream') return { ...params, triggerInterval: s.batchMs / 1000 };
	return {
		...params,
		...(s.triggerMs > 0 ? { triggerInterval: s.triggerMs / 1000 } : {}),
		...(s.watermarkDelayMs !== null ? { watermarkDelay: s.watermarkDelayMs / 1000 } : {})
	};
}

function scenario(api: 'structured' | 'dstream'): ClusterScenario {
	const programId = api === 'structured' ? 'main' : 'dstream';
	return clusterScenario({
		slug: SLUG,
		api,
		programId,
		apiNote:
			api === 'structured'
				? 'The Structured Streaming program (the main tab): progress records, the Spark UI tab and a StreamingQueryListener.'
				: 'The DStream program (its own tab): a StreamingListener reporting each batch’s delays.',
		schema: api === 'structured' ? structuredSchema : dstreamSchema,
		presets: api === 'structured' ? structuredPresets : dstreamPresets,
		openingPreset: api === 'structured' ? 'dashboard' : 'dstream-listener',
		template: programs.find((p) => p.id === programId)?.template ?? '',
		structural: [],
		otherUrlKeys: api === 'structured' ? ['api'] : ['api', 'watermarkDelay'],
		rewrites,
		runMs: RUN_MS,
		startEpochMs: START_EPOCH_MS,
		world,
		paramsFromSettings
	});
}

export const basic12Structured = scenario('structured');
export const basic12DStream = scenario('dstream');
