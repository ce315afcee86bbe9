/**
 * advanced-15 case B (SIM-12 on the event-time kind): IoT analytics. Sensors on two sites
 * report temperature every few seconds; one sensor's room overheats for a while; some readings
 * reach Kafka late (a gateway that buffered them). The program averages each sensor over
 * one-minute event-time windows and keeps the sensor-minutes above OVERHEAT_C, in update mode:
 * every sink row is an alert. Readings older than the watermark (max event time − allowed
 * lateness) are dropped and counted, never averaged (SPARK-SEMANTICS R2, R3.1, R4).
 */
import { createRng } from '../../core/rng';
import { eventTime, procTime } from '../../core/time';
import { numberParam, type ParamSchema } from '../../core/params';
import { eventTimeCase } from './event-time-case';
import { percent, seconds } from '../../kinds/event-time/param-specs';
import { duration } from '../../kinds/event-time/spans';
import { byArrival, isoEventTime } from '../../kinds/event-time/streams';
import { mainProgram } from '../../core/template';
import type { EventTimePreset, SimEvent } from '../../kinds/event-time/question';
import { ALERTS_NOTE, constantLine } from './spans';
import { programs } from './program';

const TRIGGER_MS = 10_000;
const RUN_LENGTH_MS = 300_000;
const READING_EVERY_MS = 5000;
const SITES = ['plant-a', 'plant-b'];
/** Sensor 1's room overheats from here for HEAT_MS: its alerts start before the page's opening
 *  stop (batch 8, 80 s). */
const HEAT_FROM_MS = 30_000;
const HEAT_MS = 120_000;

const schema: ParamSchema = [
	{
		id: 'overheatThreshold',
		label: 'alert above',
		kind: 'number',
		unit: '°C',
		min: 20,
		max: 40,
		step: 1,
		default: 30,
		help: 'OVERHEAT_C: a sensor-minute whose average temperature is above this is an alert.'
	},
	seconds(
		'allowedLateness',
		'allowed lateness (watermark delay)',
		[10, 300],
		120,
		'The watermark trails the largest event time by this much: a reading older than it is dropped and counted, never averaged.'
	),
	seconds(
		'windowLength',
		'window length',
		[30, 300],
		60,
		'Each sensor is averaged over tumbling windows this long.'
	),
	{
		id: 'sensors',
		label: 'sensors',
		kind: 'number',
		unit: '',
		min: 2,
		max: 12,
		step: 1,
		default: 4,
		simulationOnly: true,
		help: 'Sensors reporting, split over two sites.'
	},
	percent(
		'lateRate',
		'readings a gateway holds back',
		50,
		15,
		'The share of readings that reach Kafka late, 30 s to 4 min after they were measured.'
	)
];

const presets: readonly EventTimePreset[] = [
	{
		id: 'iot',
		label: 'IoT: an overheating room, late readings',
		description:
			'One sensor’s room overheats for two minutes: its sensor-minutes cross 30 °C and the alert pane fills while each minute is still open. A reading that reaches Kafka behind the watermark (120 s behind the newest event time) is dropped and counted, never averaged.',
		params: {}
	},
	{
		id: 'tight-lateness',
		label: 'Tight lateness: more readings dropped',
		description:
			'Allowed lateness 20 s: the watermark runs close behind the newest reading, so most held-back readings arrive behind it and are dropped: the averages are computed on fewer readings.',
		params: { allowedLateness: 20 }
	},
	{
		id: 'low-threshold',
		label: 'A threshold inside normal temperatures',
		description:
			'Alert above 24 °C: ordinary sensor-minutes cross it too and the alert pane floods; a threshold is a product decision the program carries as a constant.',
		params: { overheatThreshold: 24 }
	}
];

const template = mainProgram(programs, 'iot');

/** Each sensor reports every 5 s around its room's temperature; sensor 1's room overheats
 *  between 30 s and 150 s; `lateRate` of the readings are held back 30-240 s. */
function readings(params: Readonly<Record<string, number | string>>, seed: number): SimEvent[] {
	const rng = createRng(seed);
	const sensors = numberParam(params, 'sensors');
	const lateRate = numberParam(params, 'lateRate') / 100;
	const out: SimEvent[] = [];
	for (let s = 0; s < sensors; s++) {
		const r = rng.fork();
		const id = `sensor-${s + 1}`;
		const site = SITES[s % SITES.length] as string;
		const base = r.uniform(21, 24);
		for (let t = r.uniform(0, READING_EVERY_MS); t < RUN_LENGTH_MS; t += READING_EVERY_MS) {
			const heat =
				s === 0 && t > HEAT_FROM_MS && t < HEAT_FROM_MS + HEAT_MS
					? 11 * Math.sin(((t - HEAT_FROM_MS) / HEAT_MS) * Math.PI)
					: 0;
			const held = r.next() < lateRate ? r.uniform(30_000, 240_000) : r.uniform(100, 1500);
			const arrival = t + held;
			if (arrival >= RUN_LENGTH_MS) continue;
			out.push({
				stream: 'readings',
				id: `${id}-${out.length}`,
				arrivalMs: procTime(Math.round(arrival)),
				eventTimeMs: eventTime(Math.round(t)),
				key: id,
				reading: Math.round((base + heat + r.uniform(-0.6, 0.6)) * 10) / 10,
				delayed: held > 2000,
				fields: { site, humidity: Math.round(r.uniform(35, 55)) }
			});
		}
	}
	return byArrival(out);
}

/** READING_SCHEMA's fields in its order. */
function readingValue(e: SimEvent): string {
	return JSON.stringify({
		sensor_id: e.key,
		site: e.fields?.site,
		temperature: e.reading,
		humidity: e.fields?.humidity,
		event_time: isoEventTime(e.eventTimeMs)
	});
}

export const iotCase = eventTimeCase({
	programId: 'iot',
	template,
	schema,
	presets,
	triggerMs: TRIGGER_MS,
	runLengthMs: RUN_LENGTH_MS,
	stream: 'readings',
	topic: 'iot-readings',
	events: readings,
	kafkaValue: readingValue,
	rewrites: (params) => ({
		overheatThreshold: constantLine(`${numberParam(params, 'overheatThreshold')}.0`),
		allowedLateness: duration(numberParam(params, 'allowedLateness')),
		windowLength: duration(numberParam(params, 'windowLength'))
	}),
	apiNote:
		'Case B: per-sensor averages over event-time minutes; late readings dropped by the watermark.',
	alerts: {
		title: 'Overheating alerts (console sink)',
		note: ALERTS_NOTE,
		limits: [{ param: 'overheatThreshold', name: 'OVERHEAT_C', column: 'avg_temp' }]
	}
});
