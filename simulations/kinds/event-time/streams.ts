/**
 * Simulated producers for the event-time pages (QUESTIONS.md §0.3, GEN): each Kafka record is
 * created at processing time t with event time t − disorder − lateness, and carries its event
 * time in its JSON `value`, which the program parses with from_json (SPARK-SEMANTICS R2: event
 * time is data, not arrival). A producer may lag (every event time shifted back) or pause (no
 * records from then on); both leave its watermark behind (R2.4).
 */
import type { Rng } from '../../core/rng';
import { eventTime, procTime } from '../../core/time';
import { generateEvents, type GeneratorOptions } from '../../generators/events';
import { EPOCH_OFFSET_MS, type SimEvent } from './question';

export interface ProducerOptions extends GeneratorOptions {
	/** Extra delay between each event and its arrival: event times shift back by it. */
	readonly lagMs?: number;
	/** No records arrive from this processing time on (null: never pauses). */
	readonly pausedAtMs?: number | null;
	/** Keeps an event only while its key is active (bursts, so sessions can close). */
	readonly active?: (key: string, arrivalMs: number) => boolean;
}

export function produce(stream: string, options: ProducerOptions, rng: Rng): SimEvent[] {
	const { lagMs = 0, pausedAtMs = null, active } = options;
	const out: SimEvent[] = [];
	for (const e of generateEvents(options, rng)) {
		if (pausedAtMs !== null && e.arrival >= pausedAtMs) continue;
		if (active && !active(e.key, e.arrival)) continue;
		out.push({
			stream,
			id: `${stream}-${out.length}`,
			arrivalMs: e.arrival,
			eventTimeMs: eventTime(e.eventTime - lagMs),
			key: e.key,
			reading: e.reading,
			delayed: e.delayed
		});
	}
	return out;
}

/** Arrival order, ties by id, as the topic would hold them. */
export function byArrival(events: readonly SimEvent[]): SimEvent[] {
	return [...events].sort(
		(a, b) => a.arrivalMs - b.arrivalMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
	);
}

/** ISO-8601 UTC text of a virtual event time, as a producer would write it. */
export const isoEventTime = (virtualMs: number): string =>
	new Date(EPOCH_OFFSET_MS + virtualMs).toISOString();

/** `{"device": ..., "reading": ..., "event_time": ...}`: EVENT_SCHEMA's fields in its order. */
export function sensorValue(e: SimEvent): string {
	// The text JSON.stringify gives for that object, written out: one per record, and building
	// and serialising an object each time was most of the time an hour of input took to prepare.
	const head = e.eventId === undefined ? '' : `"event_id":${JSON.stringify(e.eventId)},`;
	return `{${head}"device":${JSON.stringify(e.key)},"reading":${JSON.stringify(e.reading)},"event_time":"${isoEventTime(e.eventTimeMs)}"}`;
}

/** A row a preset places on purpose; it keeps the stream's id numbering. */
export function scriptedEvent(
	stream: string,
	index: number,
	at: { arrivalMs: number; eventTimeMs: number; key: string; reading: number; label: string }
): SimEvent {
	return {
		stream,
		id: `${stream}-${index}`,
		arrivalMs: procTime(Math.round(at.arrivalMs)),
		eventTimeMs: eventTime(Math.round(at.eventTimeMs)),
		key: at.key,
		reading: at.reading,
		delayed: true,
		scripted: at.label
	};
}
