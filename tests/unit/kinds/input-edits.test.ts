import { describe, expect, it } from 'vitest';
import type { EventTimeMs, ProcTimeMs } from '../../../simulations/core/time';
import { runEventTimeProgram } from '../../../simulations/kinds/event-time/run';
import {
	applyInputEdits,
	editedIds,
	nextKey,
	nextUserId,
	streamKeys,
	type InputEdit
} from '../../../simulations/kinds/input-edits';
import { eventTimeScenario } from '../../../simulations/kinds/event-time/questions';
import type { EventTimeInput, SimEvent } from '../../../simulations/kinds/event-time/question';
import { defaultParams } from '../../../simulations/core/params';

const ev = (
	id: string,
	arrival: number,
	eventTime: number,
	key: string,
	eventId?: string
): SimEvent => ({
	stream: 'events',
	id,
	arrivalMs: arrival as ProcTimeMs,
	eventTimeMs: eventTime as EventTimeMs,
	key,
	reading: arrival / 100,
	delayed: false,
	...(eventId ? { eventId } : {})
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
			events: [
				ev('events-1', 1000, 900, 'dev-b'),
				ev('events-2', 4000, 3500, 'dev-a'),
				ev('events-3', 9000, 8000, 'dev-c')
			]
		}
	]
};

const ids = (i: EventTimeInput) => i.streams[0]?.events.map((e) => e.id);

describe('applyInputEdits', () => {
	it('no edits: the same records in the same order', () => {
		const r = applyInputEdits(INPUT, []);
		expect(r.input.streams).toEqual(INPUT.streams);
		expect(r.edited.size).toBe(0);
		expect(r.skipped).toBe(0);
	});

	it('adds a record in arrival order, shaped like its nearest neighbour in arrival', () => {
		const edits: InputEdit[] = [
			{ kind: 'add', id: 'events-user-1', stream: 'events', arrivalMs: 5000, eventTimeMs: 5000 }
		];
		const r = applyInputEdits(INPUT, edits);
		expect(ids(r.input)).toEqual(['events-1', 'events-2', 'events-user-1', 'events-3']);
		const added = r.input.streams[0]?.events[2];
		expect(added).toMatchObject({
			stream: 'events',
			arrivalMs: 5000,
			eventTimeMs: 5000,
			key: 'dev-a',
			reading: 40
		});
		expect(added?.eventId).toBeUndefined();
		expect([...r.edited]).toEqual(['events-user-1']);
	});

	it('moves event time by a delta, never below 0, keeping arrival', () => {
		const r = applyInputEdits(INPUT, [
			{ kind: 'move', id: 'events-2', deltaMs: -1000 },
			{ kind: 'move', id: 'events-2', deltaMs: -1000 },
			{ kind: 'move', id: 'events-1', deltaMs: -5000 }
		]);
		const [a, b] = r.input.streams[0]?.events ?? [];
		expect(b).toMatchObject({ id: 'events-2', eventTimeMs: 1500, arrivalMs: 4000 });
		expect(a?.eventTimeMs).toBe(0);
		expect([...r.edited].sort()).toEqual(['events-1', 'events-2']);
	});

	it('rekeys, and an edit to an added record follows it by id', () => {
		const r = applyInputEdits(INPUT, [
			{ kind: 'add', id: 'events-user-1', stream: 'events', arrivalMs: 9500, eventTimeMs: 2000 },
			{ kind: 'rekey', id: 'events-user-1', key: 'dev-a' },
			{ kind: 'move', id: 'events-user-1', deltaMs: 1000 }
		]);
		expect(r.input.streams[0]?.events.at(-1)).toMatchObject({
			id: 'events-user-1',
			key: 'dev-a',
			eventTimeMs: 3000
		});
	});

	it('deletes records; deleting an added one leaves it unmarked; the input is not mutated', () => {
		const r = applyInputEdits(INPUT, [
			{ kind: 'add', id: 'events-user-1', stream: 'events', arrivalMs: 100, eventTimeMs: 0 },
			{ kind: 'delete', id: 'events-user-1' },
			{ kind: 'delete', id: 'events-3' }
		]);
		expect(ids(r.input)).toEqual(['events-1', 'events-2']);
		expect(r.edited.size).toBe(0);
		expect(ids(INPUT)).toEqual(['events-1', 'events-2', 'events-3']);
	});

	it('skips edits naming a record or stream the input does not have', () => {
		const r = applyInputEdits(INPUT, [
			{ kind: 'move', id: 'nope', deltaMs: 1 },
			{ kind: 'add', id: 'clicks-user-1', stream: 'clicks', arrivalMs: 0, eventTimeMs: 0 },
			{ kind: 'delete', id: 'events-1' },
			{ kind: 'rekey', id: 'events-1', key: 'x' }
		]);
		expect(r.skipped).toBe(3);
		expect(ids(r.input)).toEqual(['events-2', 'events-3']);
	});

	it('gives a new record an event id when the stream is deduplicated by one', () => {
		const withIds: EventTimeInput = {
			...INPUT,
			streams: [{ name: 'events', topic: 't', events: [ev('events-1', 1000, 900, 'dev-a', 'e-1')] }]
		};
		const r = applyInputEdits(withIds, [
			{ kind: 'add', id: 'events-user-1', stream: 'events', arrivalMs: 2000, eventTimeMs: 0 }
		]);
		expect(r.input.streams[0]?.events[1]?.eventId).toBe('events-user-1');
	});
});

describe('ids and keys', () => {
	it('numbers added records per stream, never reusing one after a delete', () => {
		const edits: InputEdit[] = [
			{ kind: 'add', id: 'events-user-1', stream: 'events', arrivalMs: 0, eventTimeMs: 0 },
			{ kind: 'delete', id: 'events-user-1' }
		];
		expect(nextUserId(edits, 'events')).toBe('events-user-2');
		expect(nextUserId(edits, 'clicks')).toBe('clicks-user-1');
	});

	it('edited ids: what an edit list added or changed and did not delete, as apply reports', () => {
		const edits: InputEdit[] = [
			{ kind: 'move', id: 'events-1', deltaMs: 1000 },
			{ kind: 'add', id: 'events-user-1', stream: 'events', arrivalMs: 0, eventTimeMs: 0 },
			{ kind: 'rekey', id: 'events-2', key: 'dev-c' },
			{ kind: 'delete', id: 'events-2' }
		];
		expect([...editedIds(edits)].sort()).toEqual(['events-1', 'events-user-1']);
		expect([...applyInputEdits(INPUT, edits).edited].sort()).toEqual([...editedIds(edits)].sort());
	});

	it('cycles keys in sorted order and wraps', () => {
		const keys = streamKeys(INPUT.streams[0]!);
		expect(keys).toEqual(['dev-a', 'dev-b', 'dev-c']);
		expect(nextKey(keys, 'dev-b')).toBe('dev-c');
		expect(nextKey(keys, 'dev-c')).toBe('dev-a');
	});
});

describe('replay on the engine (basic-08)', () => {
	const scenario = eventTimeScenario('basic-08-late-data')!;
	const params = scenario.constrain(defaultParams(scenario.schema)).params;
	const code = scenario.program(params);
	const base = scenario.input(params, 1);
	const replay = (edits: InputEdit[]) => {
		const r = runEventTimeProgram(code, {
			input: applyInputEdits(base, edits).input,
			kafkaValue: (e) => scenario.kafkaValue(e)
		});
		if (!r.ok) throw new Error(r.error.message);
		return r.value;
	};
	const droppedIn = (run: ReturnType<typeof replay>) =>
		run.batches.reduce((n, b) => n + b.numRowsDroppedByWatermark, 0);

	it('a record added late with event time 0 is dropped by the watermark; deleting it restores the count', () => {
		const stream = base.streams[0]!.name;
		const before = replay([]);
		const at = base.runLengthMs * 0.75;
		const add: InputEdit = {
			kind: 'add',
			id: nextUserId([], stream),
			stream,
			arrivalMs: at,
			eventTimeMs: at
		};
		const late = replay([add, { kind: 'move', id: add.id, deltaMs: -at }]);
		expect(droppedIn(late)).toBe(droppedIn(before) + 1);
		expect(late.events.find((e) => e.id === add.id)).toMatchObject({
			dropped: true,
			eventTimeMs: 0
		});
		const gone = replay([
			add,
			{ kind: 'move', id: add.id, deltaMs: -at },
			{ kind: 'delete', id: add.id }
		]);
		expect(droppedIn(gone)).toBe(droppedIn(before));
		expect(gone.batches.map((b) => b.output)).toEqual(before.batches.map((b) => b.output));
	});

	it('a record added on time is counted, not dropped', () => {
		const stream = base.streams[0]!.name;
		const at = base.runLengthMs * 0.5;
		const run = replay([
			{ kind: 'add', id: `${stream}-user-1`, stream, arrivalMs: at, eventTimeMs: at }
		]);
		expect(run.events.find((e) => e.id === `${stream}-user-1`)).toMatchObject({ dropped: false });
		expect(droppedIn(run)).toBe(droppedIn(replay([])));
	});
});
