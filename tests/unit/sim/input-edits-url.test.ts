import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EventTimeMs, ProcTimeMs } from '../../../simulations/core/time';
import { checkInputEdits } from '../../../simulations/kinds/input-edit-check';
import { applyInputEdits, type InputEdit } from '../../../simulations/kinds/input-edits';
import { EVENT_TIME_SCENARIOS } from '../../../simulations/kinds/event-time/questions';
import type { EventTimeInput, SimEvent } from '../../../simulations/kinds/event-time/question';
import { defaultParams } from '../../../simulations/core/params';
import {
	decodeInputEdits,
	encodeInputEdits,
	MAX_EDITS_CHARS
} from '../../../src/lib/sim/input-edits-url';

const inputOf = (slug: string, seed = 1): EventTimeInput => {
	const s = EVENT_TIME_SCENARIOS[slug]!;
	return s.input(s.constrain(defaultParams(s.schema)).params, seed);
};
const late = inputOf('basic-08-late-data');
const join = inputOf('advanced-14-joins-aggregations');
const encode = (edits: readonly InputEdit[]) => {
	const e = encodeInputEdits(edits);
	if (!e.ok) throw new Error(e.reason);
	return e.value;
};

describe('encodeInputEdits / decodeInputEdits', () => {
	it('round-trips every kind of edit on basic-08, in a compact URL-safe value', () => {
		const [a, b] = late.streams[0]!.events;
		const key = a!.key === 'd-0' ? 'd-1' : 'd-0';
		const edits: InputEdit[] = [
			{ kind: 'add', id: 'events-user-1', stream: 'events', arrivalMs: 31234, eventTimeMs: 31234 },
			{ kind: 'move', id: 'events-user-1', deltaMs: -12000 },
			{ kind: 'rekey', id: a!.id, key },
			{ kind: 'delete', id: b!.id }
		];
		const value = encode(edits);
		expect(value).toBe(
			`1.a_events-user-1_31234_31234.m_events-user-1_-12000.k_${a!.id}_${key}.d_${b!.id}`
		);
		// URLSearchParams leaves it as it is: what the address bar shows is what was written.
		expect(new URLSearchParams({ edits: value }).toString()).toBe(`edits=${value}`);
		expect(decodeInputEdits(value, late)).toEqual({ edits, notices: [] });
	});

	it('an added record on a join page goes to the stream its id names', () => {
		const [left, right] = join.streams.map((s) => s.name);
		const edits: InputEdit[] = [
			{ kind: 'add', id: `${right}-user-1`, stream: right!, arrivalMs: 5000, eventTimeMs: 4000 },
			{ kind: 'add', id: `${left}-user-1`, stream: left!, arrivalMs: 6000, eventTimeMs: 6000 }
		];
		expect(decodeInputEdits(encode(edits), join)).toEqual({ edits, notices: [] });
	});

	it('escapes keys outside [A-Za-z0-9-] and reads them back', () => {
		const ev = (id: string, key: string): SimEvent => ({
			stream: 'events',
			id,
			arrivalMs: 1000 as ProcTimeMs,
			eventTimeMs: 1000 as EventTimeMs,
			key,
			reading: 1,
			delayed: false
		});
		const input: EventTimeInput = {
			...late,
			streams: [
				{ name: 'events', topic: 't', events: [ev('events-0', 'a'), ev('events-1', 'dév.ice_1 *')] }
			]
		};
		const edits: InputEdit[] = [{ kind: 'rekey', id: 'events-0', key: 'dév.ice_1 *' }];
		const value = encode(edits);
		expect(value).toMatch(/^[A-Za-z0-9*._-]+$/);
		expect(decodeInputEdits(value, input)).toEqual({ edits, notices: [] });
	});

	it('drops, with a notice each, edits naming what this seed’s input does not have', () => {
		const value = [
			'1',
			'm_events-9999_1000', // no such record
			'm_events-0_999999999', // nudge out of range
			'k_events-0_nope', // not a key of the stream
			'a_clicks-user-1_1000_1000', // no such stream on basic-08
			'x_events-0', // not an op
			'd_events-1' // fine
		].join('.');
		const r = decodeInputEdits(value, late);
		expect(r.edits).toEqual([{ kind: 'delete', id: 'events-1' }]);
		expect(r.notices).toEqual([
			'Input edit 1 of 6 in the link was dropped: there is no record “events-9999” in this input.',
			'Input edit 2 of 6 in the link was dropped: a nudge of 999999.999 s is out of range (at most ±120 s).',
			'Input edit 3 of 6 in the link was dropped: “nope” is not a key of stream “events” (d-0, d-1).',
			'2 more input edits in the link were dropped.'
		]);
	});

	it('an edit to a record deleted earlier in the list is dropped, the delete kept', () => {
		const r = decodeInputEdits('1.d_events-3.m_events-3_1000', late);
		expect(r.edits).toEqual([{ kind: 'delete', id: 'events-3' }]);
		expect(r.notices).toHaveLength(1);
	});

	it('refuses a value in another format version, or one too long, with one notice', () => {
		expect(decodeInputEdits('2.d_events-1', late).notices[0]).toMatch(/not in a format/);
		expect(decodeInputEdits('%%%', late).notices[0]).toMatch(/not in a format/);
		expect(decodeInputEdits('1.' + 'd_events-1.'.repeat(400), late).notices[0]).toMatch(
			/characters long/
		);
		expect(decodeInputEdits('1', late)).toEqual({ edits: [], notices: [] });
	});

	it('refuses to encode a list longer than a link holds (the share link says so)', () => {
		const many: InputEdit[] = Array.from({ length: 400 }, () => ({
			kind: 'move',
			id: 'events-10',
			deltaMs: 1000
		}));
		const r = encodeInputEdits(many);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.reason).toContain(String(MAX_EDITS_CHARS));
	});
});

describe('decodeInputEdits on malformed values (property)', () => {
	const ids = late.streams[0]!.events.map((e) => e.id);
	/** Every op of a decodable value either comes back or has a notice. */
	const accountsForEveryOp = (raw: string, input: EventTimeInput) => {
		const r = decodeInputEdits(raw, input);
		const ops = raw.split('.').length - 1;
		const whole = raw.split('.')[0] === '1' && raw.length <= MAX_EDITS_CHARS;
		if (!whole || r.edits.length < ops) expect(r.notices.length).toBeGreaterThan(0);
		else expect(r.notices).toEqual([]);
		// What is kept applies exactly: nothing skipped by the engine's own edit application.
		expect(applyInputEdits(input, r.edits).skipped).toBe(0);
	};

	// Text, and text made of the format's own characters (fc's 'binary' unit is slow to draw).
	const noise = fc.oneof(
		fc.string({ maxLength: 200 }),
		fc.string({ unit: fc.constantFrom(...'1._-*aAdkm0759fé€\u0000%'), maxLength: 80 })
	);

	it('never throws on arbitrary text, and says when it dropped something', () => {
		fc.assert(
			fc.property(noise, (s) => accountsForEveryOp(s, late)),
			{ seed: 20261124, numRuns: 200 }
		);
	});

	it('never throws on op-shaped tokens over real and unknown ids and numbers', () => {
		const id = fc.oneof(
			fc.constantFrom(...ids.slice(0, 6), 'events-user-1', 'events-user-2'),
			fc.string({ maxLength: 6 })
		);
		const num = fc.oneof(
			fc.integer({ min: -200_000, max: 200_000 }).map(String),
			fc.constantFrom('', '1e9', '-', 'NaN', '00')
		);
		const op = fc.oneof(
			fc.tuple(id, num, num).map(([i, a, b]) => `a_${i}_${a}_${b}`),
			fc.tuple(id, num).map(([i, d]) => `m_${i}_${d}`),
			fc
				.tuple(id, fc.constantFrom('d-0', 'd-1', 'x', '*zz', '*c3*a9'))
				.map(([i, k]) => `k_${i}_${k}`),
			id.map((i) => `d_${i}`),
			fc.string({ maxLength: 8 })
		);
		fc.assert(
			fc.property(fc.array(op, { maxLength: 30 }), (ops) =>
				accountsForEveryOp(['1', ...ops].join('.'), late)
			),
			{ seed: 424242, numRuns: 1000 }
		);
	});

	it('a link of edits the checker keeps decodes to exactly those edits', () => {
		const edit: fc.Arbitrary<InputEdit> = fc.oneof(
			fc.record({
				kind: fc.constant('add' as const),
				id: fc.integer({ min: 1, max: 4 }).map((n) => `events-user-${n}`),
				stream: fc.constant('events'),
				arrivalMs: fc.integer({ min: 0, max: 120_000 }),
				eventTimeMs: fc.integer({ min: 0, max: 120_000 })
			}),
			fc.record({
				kind: fc.constant('move' as const),
				id: fc.constantFrom(...ids.slice(0, 5), 'events-user-1'),
				deltaMs: fc.integer({ min: -130_000, max: 130_000 })
			}),
			fc.record({
				kind: fc.constant('rekey' as const),
				id: fc.constantFrom(...ids.slice(0, 5)),
				key: fc.constantFrom('d-0', 'd-1', 'd-9')
			}),
			fc.record({
				kind: fc.constant('delete' as const),
				id: fc.constantFrom(...ids.slice(0, 5), 'events-user-2')
			})
		);
		fc.assert(
			fc.property(fc.array(edit, { maxLength: 20 }), (edits) => {
				const checked = checkInputEdits(late, edits);
				const r = decodeInputEdits(encode(edits), late);
				expect(r.edits).toEqual(checked.edits);
				expect(r.notices.length > 0).toBe(checked.dropped.length > 0);
			}),
			{ seed: 7, numRuns: 500 }
		);
	});
});
