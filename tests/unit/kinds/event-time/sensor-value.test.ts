import { describe, expect, it } from 'vitest';
import { isoEventTime, sensorValue } from '../../../../simulations/kinds/event-time/streams';
import type { SimEvent } from '../../../../simulations/kinds/event-time/question';
import { createRng } from '../../../../simulations/core/rng';

describe('sensorValue', () => {
	it('writes exactly the JSON of EVENT_SCHEMA’s fields, with and without an event id', () => {
		const rng = createRng(3);
		for (let i = 0; i < 500; i++) {
			const e = {
				stream: 'events',
				id: `events-${i}`,
				arrivalMs: i * 10,
				eventTimeMs: Math.round(rng.uniform(-1e6, 1e9)),
				key: rng.int(3) === 0 ? `dev "${i}" \\ é` : `sensor-${i % 5}`,
				reading: rng.int(10) === 0 ? NaN : Math.round(rng.uniform(-50, 50) * 10) / 10,
				delayed: false,
				...(i % 2 ? { eventId: `e-${i}` } : {})
			} as SimEvent;
			const head = e.eventId === undefined ? {} : { event_id: e.eventId };
			expect(sensorValue(e)).toBe(
				JSON.stringify({
					...head,
					device: e.key,
					reading: e.reading,
					event_time: isoEventTime(e.eventTimeMs)
				})
			);
		}
	});
});
