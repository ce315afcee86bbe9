/**
 * advanced-07 (SIM-3): two stateful operators bounded by one watermark.
 * dropDuplicatesWithinWatermark keeps each event_id until the watermark passes its first event
 * time + delay, the window count keeps each window until the watermark passes its end; without
 * a watermark dropDuplicates and the windows keep every key forever, and append is no longer
 * allowed (SPARK-SEMANTICS R5.2, R5.7, R4; SS-API "Streaming Deduplication").
 */
import { createRng, type Rng } from '../../core/rng';
import { defineScenario } from '../../kinds/event-time/define';
import { eventTime, procTime } from '../../core/time';
import { numberParam, type ParamSchema } from '../../core/params';
import { percent, seconds } from '../../kinds/event-time/param-specs';
import { byShape, duration, lastString, watermark } from '../../kinds/event-time/spans';
import { byArrival, produce, sensorValue } from '../../kinds/event-time/streams';
import { programTemplate, type ExtraMarker } from '../../kinds/event-time/template-markers';
import { programs } from './program';
import {
	EPOCH_OFFSET_MS,
	type EventTimePreset,
	type SimEvent
} from '../../kinds/event-time/question';

const SLUG = 'advanced-07-event-time-and-state';
const TRIGGER_MS = 2000;
const RUN_LENGTH_MS = 60_000;
/** A duplicate is re-sent this long (at most) after its event time, on top of the spread. */
const RESEND_JITTER_MS = 300;

const schema: ParamSchema = [
	seconds(
		'watermarkDelay',
		'watermark delay',
		[0, 60],
		10,
		'The watermark trails the largest event time by this much; both operators forget a row once it passes. 0 = no watermark (dropDuplicates, update mode).'
	),
	seconds(
		'windowLength',
		'window length',
		[5, 60],
		10,
		'Tumbling event-time windows counted after deduplication.'
	),
	percent(
		'duplicateProb',
		'share of duplicated events',
		30,
		10,
		'The share of events the producer sends twice with the same event_id.'
	),
	seconds(
		'duplicateSpread',
		'event-time gap between duplicates',
		[0, 30],
		3,
		'The second copy is stamped and sent up to this long after the first.',
		true
	),
	{
		id: 'eventRate',
		label: 'events per second',
		kind: 'number',
		unit: 'events/s',
		min: 1,
		max: 200,
		step: 1,
		default: 20,
		simulationOnly: true,
		help: 'How many distinct events the devices produce per second.'
	}
];

const presets: readonly EventTimePreset[] = [
	{
		id: 'state-bounded-by-watermark',
		label: 'State bounded by the watermark',
		description:
			'Both state stores level off: dedup keys and windows are removed once the watermark passes them.',
		params: {}
	},
	{
		id: 'no-watermark',
		label: 'No watermark',
		description:
			'dropDuplicates without a watermark and update mode: both state sparklines climb without end.',
		params: { watermarkDelay: 0 }
	},
	{
		id: 'spread-beyond-delay',
		label: 'Spread beyond the delay',
		description:
			'Copies up to 20 s apart against a 5 s delay: a copy that arrives after its key expired is counted twice.',
		params: { watermarkDelay: 5, duplicateSpread: 20 }
	}
];

/** Lines beyond a parameter's literal that its variants rewrite (template-markers.ts). */
export const VARIANT_LINES: readonly ExtraMarker[] = [
	{ code: '.dropDuplicatesWithinWatermark(["event_id"])', paramId: 'watermarkDelay' },
	{ code: '.outputMode("append")', paramId: 'watermarkDelay' }
];

const template = programTemplate(SLUG, programs, VARIANT_LINES);
const DEDUP_CALL = /\.dropDuplicates(?:WithinWatermark)?\(/;
const DEDUP_WITHIN = '.dropDuplicatesWithinWatermark(';
const DEDUP_FOREVER = '.dropDuplicates(';

/** Every event gets an event_id; some are sent again, later, with a later event time. */
function withDuplicates(originals: readonly SimEvent[], prob: number, spreadMs: number, rng: Rng) {
	const out: SimEvent[] = [];
	for (const e of originals) {
		const eventId = `e-${e.id.slice(e.id.lastIndexOf('-') + 1).padStart(5, '0')}`;
		const first = { ...e, eventId };
		out.push(first);
		if (!(rng.next() < prob)) continue;
		const gap = rng.uniform(0, spreadMs);
		const arrivalMs = e.arrivalMs + gap + rng.uniform(0, RESEND_JITTER_MS);
		if (arrivalMs > RUN_LENGTH_MS) continue;
		out.push({
			...first,
			id: `${e.id}-dup`,
			arrivalMs: procTime(Math.round(arrivalMs)),
			eventTimeMs: eventTime(Math.round(e.eventTimeMs + gap)),
			duplicateOf: e.id
		});
	}
	return out;
}

export const advanced07EventTimeAndState = defineScenario({
	slug: SLUG,
	triggerMs: TRIGGER_MS,
	simulation: 'SIM-3',
	schema,
	presets,
	template,
	rewrites(params) {
		const delay = numberParam(params, 'watermarkDelay');
		const on = delay > 0;
		return {
			// Off is the no-watermark variant: three lines change together.
			watermarkDelay: byShape([
				[/\.withWatermark\(/, watermark(on ? delay : null)],
				[DEDUP_CALL, (l) => l.replace(DEDUP_CALL, on ? DEDUP_WITHIN : DEDUP_FOREVER)],
				[/\.outputMode\(/, lastString(on ? 'append' : 'update')]
			]),
			windowLength: duration(numberParam(params, 'windowLength'))
		};
	},
	input(params, seed) {
		const rng = createRng(seed);
		const originals = produce(
			'events',
			{
				ratePerSec: numberParam(params, 'eventRate'),
				durationMs: RUN_LENGTH_MS,
				numKeys: 3,
				maxDisorderMs: 1000,
				lateProb: 0,
				lateByMs: 0
			},
			rng.fork()
		);
		const events = withDuplicates(
			originals,
			numberParam(params, 'duplicateProb') / 100,
			numberParam(params, 'duplicateSpread') * 1000,
			rng.fork()
		);
		return {
			epochOffsetMs: EPOCH_OFFSET_MS,
			triggerIntervalMs: TRIGGER_MS,
			runLengthMs: RUN_LENGTH_MS,
			streams: [{ name: 'events', topic: 'sensor-events', events: byArrival(events) }],
			notes: []
		};
	},
	kafkaValue: sensorValue
});
