/**
 * advanced-02 (SIM-3, two streams): each input has its own withWatermark; the global watermark
 * is the min over inputs (default) or the max (spark.sql.streaming.multipleWatermarkPolicy), and
 * an input without data counts as 0, so a silent stream holds `min` back. Rows are judged late
 * against the previous batch's watermark, state is evicted with the current one (SPARK-SEMANTICS
 * R2.4–R2.6; WatermarkTracker, PropagateWatermarkSimulator).
 */
import { createRng } from '../../core/rng';
import { defineScenario } from '../../kinds/event-time/define';
import { choiceParam, numberParam, type ParamSchema, type Params } from '../../core/params';
import { seconds } from '../../kinds/event-time/param-specs';
import { duration, lastString } from '../../kinds/event-time/spans';
import { byArrival, produce, scriptedEvent, sensorValue } from '../../kinds/event-time/streams';
import { programTemplate } from '../../kinds/event-time/template-markers';
import { programs } from './program';
import {
	EPOCH_OFFSET_MS,
	type EventTimePreset,
	type SimEvent
} from '../../kinds/event-time/question';
import type { PlannedBatch } from '../../kinds/event-time/engine-batches';
import { replayScript } from '../../kinds/event-time/spark-replays';

const SLUG = 'advanced-02-event-time-watermarks';
const TRIGGER_MS = 2000;
const RUN_LENGTH_MS = 150_000;
/** The scripted row goes in the first suitable batch after this. */
const SCRIPT_AFTER_MS = 40_000;

const schema: ParamSchema = [
	{
		id: 'watermarkPolicy',
		label: 'multiple-watermark policy',
		kind: 'choice',
		options: [
			{ value: 'min', label: 'min (default)' },
			{ value: 'max', label: 'max' }
		],
		default: 'min',
		help: 'min: the global watermark follows the slowest stream (nothing is dropped too early); max: it follows the fastest (results flow, the slow stream’s rows are dropped as late).'
	},
	seconds(
		'watermarkDelayEu',
		'EU watermark delay',
		[0, 60],
		10,
		'The EU stream’s own watermark trails the largest EU event time by this much.'
	),
	seconds(
		'watermarkDelayUs',
		'US watermark delay',
		[0, 60],
		30,
		'The US stream’s own watermark trails the largest US event time by this much.'
	),
	seconds(
		'usLag',
		'extra lag of US events',
		[0, 60],
		0,
		'US events reach Kafka this much later than they happened, so the US watermark falls behind.',
		true
	),
	{
		id: 'usPausedAt',
		label: 'US stream pauses at',
		kind: 'number',
		unit: 's',
		min: 0,
		max: 120,
		step: 10,
		default: 0,
		simulationOnly: true,
		help: 'The US producer stops sending at this processing time (0 = never); a silent stream’s watermark stops moving.'
	},
	seconds(
		'windowLength',
		'window length',
		[5, 60],
		10,
		'Tumbling event-time windows over the union of both streams.'
	)
];

const presets: readonly EventTimePreset[] = [
	{
		id: 'two-streams',
		label: 'Two streams',
		description:
			'Two watermarks, one global watermark: the minimum, here set by the US stream’s 30 s delay.',
		params: {}
	},
	{
		id: 'silent-stream',
		label: 'Silent stream',
		description:
			'US goes quiet at 30 s: under min the global watermark stops, append output stops and window state piles up.',
		params: { usPausedAt: 30 }
	},
	{
		id: 'max-policy',
		label: 'max policy',
		description:
			'With max the global watermark follows EU: results keep flowing, but lagging US rows land in windows it has already closed and are dropped.',
		params: { watermarkPolicy: 'max', usLag: 20 }
	},
	{
		id: 'late-filter-vs-eviction',
		label: 'Late filter vs eviction',
		description:
			'One EU row is above the previous batch’s watermark, so it is kept, and its window ends below the current one, so it is emitted and evicted in that same batch.',
		params: {},
		script: 'late-filter-vs-eviction'
	},
	{
		id: 'spark-two-watermarks',
		label: 'Two watermarks, step by step',
		description:
			'Spark’s own test, batch by batch: EU rows (delay 10 s) and US rows (delay 5 s), each batch followed by an EU row at 0 s. The global watermark is the smaller of the two, a stream without rows yet counts as 0, and it never moves back.',
		params: { watermarkDelayEu: 10, watermarkDelayUs: 5 },
		script: replayScript('EventTimeWatermarkSuite.scala, test "watermark with 2 streams"'),
		reproduces: {
			origin: 'EventTimeWatermarkSuite.scala, test "watermark with 2 streams"',
			test: 'EventTimeWatermarkSuite "watermark with 2 streams"',
			note: 'The test sums the union in complete mode and checks only the watermark; this page counts windows in append mode over the same two watermarked inputs (EU = its first, US = its second), which moves the watermark the same way. Times are seconds after 10:00 UTC. Replayed up to the test’s restart, which a page cannot show.'
		}
	}
];

const template = programTemplate(SLUG, programs);

const streamOptions = (durationMs: number) => ({
	ratePerSec: 2,
	durationMs,
	numKeys: 2,
	maxDisorderMs: 1000,
	lateProb: 0.05,
	lateByMs: 15_000
});

/**
 * A row accepted by the late filter (event time > previous batch's watermark) whose window ends
 * at or below this batch's watermark: it is aggregated, emitted and evicted in one batch.
 */
function scriptFilterVsEviction(
	eu: readonly SimEvent[],
	batches: readonly PlannedBatch[],
	params: Params,
	notes: string[]
): SimEvent[] {
	const lengthMs = numberParam(params, 'windowLength') * 1000;
	for (const b of batches) {
		if (b.noData || b.triggerAtMs < SCRIPT_AFTER_MS) continue;
		// Window ends are multiples of the length on the epoch clock, not on the virtual one.
		const end =
			Math.floor((b.watermarkMs + EPOCH_OFFSET_MS) / lengthMs) * lengthMs - EPOCH_OFFSET_MS;
		const from = Math.max(b.lateWatermarkMs, end - lengthMs);
		if (end - from < 2) continue;
		const eventTimeMs = Math.floor((from + end) / 2);
		const row = scriptedEvent('eu', eu.length, {
			arrivalMs: b.triggerAtMs - TRIGGER_MS / 2,
			eventTimeMs,
			key: 'eu-0',
			reading: 24,
			label: 'accepted-then-evicted'
		});
		return [row];
	}
	notes.push('No batch moved the watermark past a window end: the scripted row was not placed.');
	return [];
}

export const advanced02EventTimeWatermarks = defineScenario({
	slug: SLUG,
	triggerMs: TRIGGER_MS,
	simulation: 'SIM-3',
	schema,
	presets,
	template,
	rewrites(params) {
		return {
			watermarkPolicy: lastString(choiceParam(params, 'watermarkPolicy')),
			watermarkDelayEu: duration(numberParam(params, 'watermarkDelayEu')),
			watermarkDelayUs: duration(numberParam(params, 'watermarkDelayUs')),
			windowLength: duration(numberParam(params, 'windowLength'))
		};
	},
	input(params, seed, script, plan) {
		const rng = createRng(seed);
		const notes: string[] = [];
		const eu = produce('eu', { ...streamOptions(RUN_LENGTH_MS), keyPrefix: 'eu-' }, rng.fork());
		const pausedAt = numberParam(params, 'usPausedAt');
		const us = produce(
			'us',
			{
				...streamOptions(RUN_LENGTH_MS),
				keyPrefix: 'us-',
				lagMs: numberParam(params, 'usLag') * 1000,
				pausedAtMs: pausedAt > 0 ? pausedAt * 1000 : null
			},
			rng.fork()
		);
		const inputOf = (euRows: readonly SimEvent[]) => ({
			epochOffsetMs: EPOCH_OFFSET_MS,
			triggerIntervalMs: TRIGGER_MS,
			runLengthMs: RUN_LENGTH_MS,
			streams: [
				{ name: 'eu', topic: 'sensors-eu', events: byArrival(euRows) },
				{ name: 'us', topic: 'sensors-us', events: byArrival(us) }
			],
			notes
		});
		if (script !== 'late-filter-vs-eviction') return inputOf(eu);
		const batches = plan(inputOf(eu));
		return inputOf([...eu, ...scriptFilterVsEviction(eu, batches, params, notes)]);
	},
	kafkaValue: sensorValue
});
