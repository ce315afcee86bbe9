/**
 * advanced-10 (backpressure): the same producer spike against a DStream receiver with the PID
 * rate estimator on or off (the page's main program), and against Structured Streaming, which
 * has no backpressure and bounds each trigger with maxOffsetsPerTrigger instead (its tab).
 * QUESTIONS.md advanced-10-backpressure; SPARK-SEMANTICS R8.6 (PID), R1.2/R4 (Kafka admission).
 */
import type { ParamSchema, ParamSpec, Params, Preset } from '../../core/params';
import { choiceParam, numberParam } from '../../core/params';
import { intervalString, type SpanRewrite } from '../../core/template';
import type { ClusterScenario } from '../../kinds/cluster/question';
import {
	clusterScenario,
	rateLimitFromSetting,
	rateLimitParams,
	rateLimitRewrite,
	spikeParams
} from '../cluster-scenario';
import type { ProgramSettings } from '../../kinds/cluster/settings';
import { programs } from './program';
import { RUN_MS, SPIKE_AT_MS, SPIKE_MS, START_EPOCH_MS, world } from './world';
import { batchDuration } from '../../kinds/dstream/batch-interval';

export const SLUG = 'advanced-10-backpressure';

const WORLD_PARAMS: readonly ParamSpec[] = [
	...spikeParams(
		{ min: 100, max: 20000, step: 100, default: 2000 },
		{ default: 4, atMs: SPIKE_AT_MS, durationMs: SPIKE_MS }
	),
	{
		id: 'perRecordCost',
		label: 'processing cost per record',
		unit: 'µs',
		kind: 'number',
		min: 50,
		max: 50000,
		step: 50,
		default: 500,
		simulationOnly: true,
		help: 'Task time per record. It sets the capacity: what the cores can process per second.'
	}
];

const batchInterval: ParamSpec = {
	id: 'batchInterval',
	label: 'batch interval',
	unit: 's',
	kind: 'number',
	min: 1,
	max: 10,
	step: 1,
	default: 2,
	help: 'How often a batch is cut: StreamingContext(sc, n), or the processingTime trigger.'
};

const dstreamSchema: ParamSchema = [
	{
		id: 'backpressureEnabled',
		label: 'backpressure',
		kind: 'choice',
		options: [
			{ value: 'on', label: 'on' },
			{ value: 'off', label: 'off' }
		],
		default: 'on',
		help: 'spark.streaming.backpressure.enabled: after each batch the PID estimator sets the rate the receiver may take.'
	},
	batchInterval,
	...WORLD_PARAMS
];

const structuredSchema: ParamSchema = [
	...rateLimitParams({
		max: 100000,
		step: 500,
		default: 5000,
		help: 'The Kafka source reads at most this many offsets per trigger, split over partitions by their lag.'
	}),
	batchInterval,
	...WORLD_PARAMS
];

const dstreamPresets: readonly Preset[] = [
	{
		id: 'backpressure',
		label: 'Backpressure on',
		description:
			'The PID estimator lowers the receiver’s rate to what the batches process: delays stay small, the excess waits at the source.',
		params: {}
	},
	{
		id: 'backpressure-off',
		label: 'Backpressure off',
		description:
			'The receiver takes everything: batches grow past the interval and the queue of batches and its delay keep growing.',
		params: { backpressureEnabled: 'off' }
	},
	{
		id: 'min-rate-floor',
		label: 'Below minRate',
		description:
			'Capacity below 100 records/s: the estimate stops at pid.minRate, which is still too much, so delay creeps up.',
		params: { producerRate: 200, spikeFactor: 1, perRecordCost: 30000 }
	}
];

const structuredPresets: readonly Preset[] = [
	{
		id: 'structured-maxOffsets',
		label: 'maxOffsetsPerTrigger',
		description:
			'No PID here: each trigger reads at most 5,000 offsets, so batches stay under the interval and the spike waits in Kafka.',
		params: {}
	},
	{
		id: 'structured-unbounded',
		label: 'No limit',
		description:
			'Without maxOffsetsPerTrigger a trigger reads all it finds: a long batch finds more, the next is longer still.',
		params: { rateLimit: 'off' }
	}
];

const PROCESSING_TIME = /processingTime\s*=\s*"[^"]*"/;
const LAST_STRING = /"[^"]*"(?=[^"]*$)/;

function dstreamRewrites(params: Params): Readonly<Record<string, SpanRewrite>> {
	return {
		backpressureEnabled: (line) =>
			line.replace(
				LAST_STRING,
				`"${choiceParam(params, 'backpressureEnabled') === 'on' ? 'true' : 'false'}"`
			),
		batchInterval: batchDuration(numberParam(params, 'batchInterval'))
	};
}

function structuredRewrites(params: Params): Readonly<Record<string, SpanRewrite>> {
	return {
		// Off removes the option's line; on writes the limit.
		maxOffsetsPerTrigger: rateLimitRewrite(params),
		batchInterval: (line) =>
			line.replace(
				PROCESSING_TIME,
				`processingTime="${intervalString(numberParam(params, 'batchInterval'))}"`
			)
	};
}

const template = (id: string): string => programs.find((p) => p.id === id)?.template ?? '';

const onOff = (b: boolean): string => (b ? 'on' : 'off');

function scenario(api: 'dstream' | 'structured'): ClusterScenario {
	const schema = api === 'dstream' ? dstreamSchema : structuredSchema;
	const rewrites = api === 'dstream' ? dstreamRewrites : structuredRewrites;
	return clusterScenario({
		slug: SLUG,
		api,
		programId: api === 'dstream' ? 'main' : 'structured',
		apiNote:
			api === 'dstream'
				? 'The DStream program (the main tab): a socket receiver with PID backpressure.'
				: 'The Structured Streaming program (its own tab): no backpressure, maxOffsetsPerTrigger bounds each batch.',
		schema,
		presets: api === 'dstream' ? dstreamPresets : structuredPresets,
		openingPreset: api === 'dstream' ? 'backpressure' : 'structured-maxOffsets',
		template: template(api === 'dstream' ? 'main' : 'structured'),
		structural: api === 'dstream' ? [] : ['rateLimit'],
		otherUrlKeys:
			api === 'dstream'
				? ['api', 'rateLimit', 'maxOffsetsPerTrigger']
				: ['api', 'backpressureEnabled'],
		rewrites,
		runMs: RUN_MS,
		startEpochMs: START_EPOCH_MS,
		world,
		paramsFromSettings: (s: ProgramSettings, params: Params): Params => {
			if (s.api === 'dstream')
				return {
					...params,
					backpressureEnabled: onOff(s.conf.backpressure),
					batchInterval: s.batchMs / 1000
				};
			return {
				...params,
				...rateLimitFromSetting(s.maxOffsetsPerTrigger),
				...(s.triggerMs > 0 ? { batchInterval: s.triggerMs / 1000 } : {})
			};
		}
	});
}

export const advanced10DStream = scenario('dstream');
export const advanced10Structured = scenario('structured');
