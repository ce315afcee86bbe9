import { describe, expect, it } from 'vitest';
import type { EventTimeMs, ProcTimeMs } from '../../../simulations/core/time';
import { checkInputEdits } from '../../../simulations/kinds/input-edit-check';
import {
	applyInputEdits,
	editTimeLimitMs,
	nextUserId,
	type InputEdit
} from '../../../simulations/kinds/input-edits';
import type { EventTimeInput, SimEvent } from '../../../simulations/kinds/event-time/question';

const ev = (id: string, arrival: number, eventTime: number, key: string): SimEvent => ({
	stream: 'events',
	id,
	arrivalMs: arrival as ProcTimeMs,
	eventTimeMs: eventTime as EventTimeMs,
	key,
	reading: 1,
	delayed: false
});

const INPUT: EventTimeInput = {
	epochOffsetMs: 0,
	triggerIntervalMs: 5000,
	runLengthMs: 30000,
	notes: [],
	streams: [
		{
			name: 'events',
			topic: 'sensor-events',
			events: [ev('events-1', 1000, 900, 'dev-b'), ev('events-2', 4000, 3500, 'dev-a')]
		}
	]
};

describe('checkInputEdits', () => {
	it('keeps a list the input can take, in order, and it applies with nothing skipped', () => {
		const edits: InputEdit[] = [
			{ kind: 'add', id: 'events-user-1', stream: 'events', arrivalMs: 5000, eventTimeMs: 5000 },
			{ kind: 'move', id: 'events-user-1', deltaMs: -5000 },
			{ kind: 'rekey', id: 'events-1', key: 'dev-a' },
			{ kind: 'delete', id: 'events-2' }
		];
		expect(checkInputEdits(INPUT, edits)).toEqual({ edits, dropped: [] });
		expect(applyInputEdits(INPUT, edits).skipped).toBe(0);
	});

	it('drops each edit the input cannot take, with why, and keeps the rest', () => {
		const limit = editTimeLimitMs(INPUT) / 1000;
		const r = checkInputEdits(INPUT, [
			{ kind: 'add', id: 'clicks-user-1', stream: 'clicks', arrivalMs: 0, eventTimeMs: 0 },
			{ kind: 'add', id: 'events-1', stream: 'events', arrivalMs: 0, eventTimeMs: 0 },
			{ kind: 'add', id: 'events-user-1', stream: 'events', arrivalMs: -1, eventTimeMs: 0 },
			{ kind: 'move', id: 'events-1', deltaMs: 0.5 },
			{ kind: 'move', id: 'events-1', deltaMs: 60001 },
			{ kind: 'rekey', id: 'events-1', key: 'dev-z' },
			{ kind: 'delete', id: 'events-9' },
			{ kind: 'delete', id: 'events-1' },
			{ kind: 'delete', id: 'events-1' }
		]);
		expect(r.edits).toEqual([{ kind: 'delete', id: 'events-1' }]);
		expect(r.dropped.map((d) => d.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 8]);
		expect(r.dropped[0]?.why).toBe('this input has no stream “clicks”');
		expect(r.dropped[1]?.why).toBe('“events-1” is not the id of an added record');
		expect(r.dropped[2]?.why).toBe(
			`its times (arrival -0.001 s, event time 0 s) are outside 0–${limit} s`
		);
		expect(r.dropped[4]?.why).toBe(`a nudge of 60.001 s is out of range (at most ±${limit} s)`);
		expect(r.dropped[5]?.why).toBe('“dev-z” is not a key of stream “events” (dev-a, dev-b)');
		expect(r.dropped[7]?.why).toBe('there is no record “events-1” in this input');
	});
});

describe('edit limits', () => {
	it('an edit never takes a record beyond twice the run’s length, nor before 0', () => {
		const r = applyInputEdits(INPUT, [
			{ kind: 'move', id: 'events-1', deltaMs: 59_000 },
			{ kind: 'move', id: 'events-1', deltaMs: 59_000 },
			{ kind: 'move', id: 'events-2', deltaMs: -59_000 }
		]);
		const [a, b] = r.input.streams[0]!.events;
		expect([a?.eventTimeMs, b?.eventTimeMs]).toEqual([60_000, 0]);
	});

	it('the next added id is one past the highest, so a list with a gap cannot collide', () => {
		const edits: InputEdit[] = [
			{ kind: 'add', id: 'events-user-3', stream: 'events', arrivalMs: 0, eventTimeMs: 0 }
		];
		expect(nextUserId(edits, 'events')).toBe('events-user-4');
	});
});
