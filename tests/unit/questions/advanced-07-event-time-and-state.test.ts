import { describe, expect, it } from 'vitest';
import { EVENT_TIME_SCENARIOS } from '../../../simulations/kinds/event-time/questions';
import { defaultParams } from '../../../simulations/core/params';
import { runEventTimeProgram } from '../../../simulations/kinds/event-time/run';

const s = EVENT_TIME_SCENARIOS['advanced-07-event-time-and-state']!;
const base = defaultParams(s.schema);
const render = (p: Record<string, string | number>) => s.program({ ...base, ...p });
const events = (p: Record<string, string | number>, seed = 1) =>
	s.input({ ...base, ...p }, seed).streams[0]?.events ?? [];

describe('advanced-07-event-time-and-state scenario', () => {
	it('a delay rewrites withWatermark and keeps dropDuplicatesWithinWatermark and append', () => {
		const out = render({ watermarkDelay: 25, windowLength: 15 });
		expect(out).toContain('.withWatermark("event_time", "25 seconds")  # <- watermarkDelay');
		expect(out).toContain('.dropDuplicatesWithinWatermark(["event_id"])');
		expect(out).toContain('.outputMode("append")');
		expect(out).toContain('F.window("event_time", "15 seconds")');
	});

	it('no watermark: dropDuplicates, update mode, no withWatermark line', () => {
		const out = render({ watermarkDelay: 0 });
		expect(out).not.toContain('withWatermark');
		expect(out).toContain('    .dropDuplicates(["event_id"])  # <- watermarkDelay');
		expect(out).toContain('    .outputMode("update")  # <- watermarkDelay');
	});

	it('clamps with notices', () => {
		const c = s.constrain({ duplicateProb: 45, eventRate: 0, watermarkDelay: 61 });
		expect(c.params).toMatchObject({ duplicateProb: 30, eventRate: 1, watermarkDelay: 60 });
		expect(c.notices).toHaveLength(3);
	});

	it('duplicateProb 0: every event_id is unique', () => {
		const all = events({ duplicateProb: 0 });
		expect(all.some((e) => e.duplicateOf)).toBe(false);
		expect(new Set(all.map((e) => e.eventId)).size).toBe(all.length);
	});

	it('duplicates share the event_id, come later, and lie within the spread', () => {
		const all = events({ duplicateProb: 30, duplicateSpread: 20 }, 3);
		const byId = new Map(all.map((e) => [e.id, e]));
		const dups = all.filter((e) => e.duplicateOf);
		expect(dups.length / (all.length - dups.length)).toBeGreaterThan(0.2);
		expect(dups.length / (all.length - dups.length)).toBeLessThan(0.4);
		for (const d of dups) {
			const first = byId.get(d.duplicateOf ?? '');
			expect(first?.eventId).toBe(d.eventId);
			const gap = d.eventTimeMs - (first?.eventTimeMs ?? 0);
			expect(gap).toBeGreaterThanOrEqual(0);
			expect(gap).toBeLessThanOrEqual(20_000);
			expect(d.arrivalMs).toBeGreaterThanOrEqual(first?.arrivalMs ?? 0);
		}
		const gaps = dups.map((d) => d.eventTimeMs - (byId.get(d.duplicateOf ?? '')?.eventTimeMs ?? 0));
		expect(Math.max(...gaps)).toBeGreaterThan(10_000);
	});

	/** Copies that pass dropDuplicatesWithinWatermark (R5.2), worked out batch by batch. */
	const slipping = (p: Record<string, number>) => {
		const all = events(p, 6);
		const delayMs = (p.watermarkDelay ?? 10) * 1000;
		const byId = new Map(all.map((e) => [e.id, e]));
		// With a batch every 2 s: the watermark of the batch at tick T.
		const wm = (tick: number) =>
			Math.max(...all.filter((e) => e.arrivalMs <= tick - 2000).map((e) => e.eventTimeMs)) -
			delayMs;
		return all.filter((d) => {
			const first = byId.get(d.duplicateOf ?? '');
			if (!first) return false;
			const tick = Math.ceil(d.arrivalMs / 2000) * 2000;
			const expired = wm(tick) >= first.eventTimeMs + delayMs;
			return expired && d.eventTimeMs > wm(tick - 2000);
		}).length;
	};

	it('spread-beyond-delay lets some copies through; the default spread does not', () => {
		const preset = s.presets.find((p) => p.id === 'spread-beyond-delay');
		expect(slipping({ ...(preset?.params as Record<string, number>) })).toBeGreaterThan(5);
		expect(slipping({})).toBe(0);
	});

	it('eventRate sets the number of distinct events', () => {
		const fast = events({ eventRate: 200, duplicateProb: 0 });
		expect(fast.length).toBeGreaterThan(11_000);
		expect(fast.length).toBeLessThanOrEqual(12_000);
		expect(events({ eventRate: 1, duplicateProb: 0 }).length).toBeLessThanOrEqual(60);
	});

	it('kafkaValue carries event_id first, as EVENT_SCHEMA lists it; input is deterministic', () => {
		const e = events({})[0]!;
		const v = JSON.parse(s.kafkaValue(e)) as Record<string, unknown>;
		expect(Object.keys(v)).toEqual(['event_id', 'device', 'reading', 'event_time']);
		expect(v.event_id).toBe(e.eventId);
		expect(JSON.stringify(s.input(base, 9))).toBe(JSON.stringify(s.input(base, 9)));
		expect(JSON.stringify(s.input(base, 9))).not.toBe(JSON.stringify(s.input(base, 10)));
	});
});

describe('advanced-07: the run marks the rows dropDuplicatesWithinWatermark dropped', () => {
	it('one marked row per duplicate the engine counted (numDroppedDuplicateRows), each a copy', () => {
		const params = { ...base };
		const input = s.input(params, 1);
		const res = runEventTimeProgram(s.program(params), {
			input,
			kafkaValue: (e) => s.kafkaValue(e)
		});
		if (!res.ok) throw new Error(res.error.message);
		const run = res.value;
		const counted = run.batches.reduce(
			(n, b) =>
				n +
				(b.progress?.stateOperators ?? []).reduce(
					(m, op) => m + Number(op.customMetrics?.['numDroppedDuplicateRows'] ?? 0),
					0
				),
			0
		);
		const marked = run.events.filter((e) => e.duplicate);
		expect(counted).toBeGreaterThan(0);
		expect(marked).toHaveLength(counted);
		const sent = new Map(input.streams[0]!.events.map((e) => [e.id, e]));
		// Every marked row is a copy the producer re-sent (the original was kept).
		expect(marked.every((e) => sent.get(e.id)?.duplicateOf !== undefined)).toBe(true);
		expect(marked.every((e) => !e.dropped && e.windows.length === 0)).toBe(true);
	});
});
