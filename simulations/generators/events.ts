/**
 * GEN, the seeded event generator of QUESTIONS.md §0.3: events are created at processing time t
 * at a steady rate; each one's event time is t − disorder − lateness, where disorder ~ U(0,
 * maxDisorder) for every event and, with probability lateProb, lateness ~ U(1 s, lateBy). Keys
 * come from numKeys keys, uniform unless hotKeyShare sends that share of events to one key.
 * Same seed and options, same events.
 */
import type { Rng } from '../core/rng';
import { eventTime, procTime, type EventTimeMs, type ProcTimeMs } from '../core/time';

export interface GeneratorOptions {
	/** Events per second of processing time. */
	readonly ratePerSec: number;
	/** How long to generate for, in ms of processing time. */
	readonly durationMs: number;
	readonly numKeys: number;
	/** Prefix of key names: `d-0`, `d-1`, ... */
	readonly keyPrefix?: string;
	readonly maxDisorderMs: number;
	readonly lateProb: number;
	readonly lateByMs: number;
	/** Share (0–1) of events sent to key 0. */
	readonly hotKeyShare?: number;
	/** Processing time of the first event. */
	readonly startMs?: number;
	/** Readings are drawn uniformly from this range (a sensor value), rounded to 0.1. */
	readonly readingRange?: readonly [number, number];
}

export interface GeneratedEvent {
	/** Stable id within one generated stream: its creation order. */
	readonly id: number;
	readonly arrival: ProcTimeMs;
	readonly eventTime: EventTimeMs;
	readonly key: string;
	readonly reading: number;
	/** True when this event drew extra lateness (for labelling; the engine decides what is late). */
	readonly delayed: boolean;
}

const LATE_MIN_MS = 1000;

export function generateEvents(options: GeneratorOptions, rng: Rng): GeneratedEvent[] {
	const {
		ratePerSec,
		durationMs,
		numKeys,
		keyPrefix = 'd-',
		maxDisorderMs,
		lateProb,
		lateByMs,
		hotKeyShare = 0,
		startMs = 0,
		readingRange = [15, 30]
	} = options;
	const count = Math.max(0, Math.floor((durationMs * ratePerSec) / 1000));
	const gap = 1000 / Math.max(ratePerSec, 1e-9);
	const events: GeneratedEvent[] = [];
	for (let i = 0; i < count; i++) {
		// Arrivals are evenly spaced with a little jitter, so batches are not all the same size.
		const arrivalMs = startMs + i * gap + rng.uniform(0, gap * 0.5);
		const disorder = rng.uniform(0, Math.max(0, maxDisorderMs));
		const delayed = lateProb > 0 && rng.next() < lateProb;
		const lateness = delayed ? rng.uniform(LATE_MIN_MS, Math.max(LATE_MIN_MS, lateByMs)) : 0;
		const k = hotKeyShare > 0 && rng.next() < hotKeyShare ? 0 : rng.int(Math.max(1, numKeys));
		const reading = Math.round(rng.uniform(readingRange[0], readingRange[1]) * 10) / 10;
		events.push({
			id: i,
			arrival: procTime(Math.round(arrivalMs)),
			// Event times are whole milliseconds, like the timestamps a producer would write.
			eventTime: eventTime(Math.round(arrivalMs - disorder - lateness)),
			key: `${keyPrefix}${k}`,
			reading,
			delayed
		});
	}
	return events;
}
