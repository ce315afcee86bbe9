import { describe, expect, it } from 'vitest';
import { renderProgram } from '../../../simulations/core/template';
import { EVENT_TIME_SCENARIOS } from '../../../simulations/kinds/event-time/questions';
import { EPOCH_OFFSET_MS, type SimEvent } from '../../../simulations/kinds/event-time/question';
import { defaultParams } from '../../../simulations/core/params';
import { fileTemplate } from './event-time-helpers';
import { engineBatches } from '../../../simulations/kinds/event-time/engine-batches';

const s = EVENT_TIME_SCENARIOS['basic-08-late-data']!;
const base = defaultParams(s.schema);
const render = (p: Record<string, string | number>) => s.program({ ...base, ...p });
const events = (p: Record<string, string | number>, seed = 1, script?: string) =>
	s.input({ ...base, ...p }, seed, script, engineBatches).streams[0]?.events ?? [];

/**
 * The watermark a batch at tick T uses, worked out directly from SPARK-SEMANTICS R2: with a
 * batch at every tick, it is max(event time of rows that arrived by the previous tick) − delay.
 */
const watermarkAt = (all: readonly SimEvent[], tickMs: number, delayMs: number) =>
	Math.max(...all.filter((e) => e.arrivalMs <= tickMs - 2000).map((e) => e.eventTimeMs)) - delayMs;

describe('basic-08-late-data scenario', () => {
	it('rewrites delay, window length and output mode', () => {
		const out = render({ watermarkDelay: 0, windowLength: 45, outputMode: 'complete' });
		expect(out).toContain('.withWatermark("event_time", "0 seconds")  # <- watermarkDelay');
		expect(out).toContain(
			'.groupBy(F.window("event_time", "45 seconds"), "device")  # <- windowLength'
		);
		expect(out).toContain('.outputMode("complete")  # <- outputMode');
		expect(render({ watermarkDelay: 60 })).toContain('"60 seconds")  # <- watermarkDelay');
	});

	it('the DStream tab tumbles on both windowLength lines', () => {
		const rewrites = s.rewrites({ ...base, windowLength: 30 });
		const d = renderProgram(fileTemplate(s.slug, 'dstream'), rewrites);
		expect(d.match(/^ {4}30, {2}# <- windowLength$/gm)).toHaveLength(2);
	});

	it('clamps out-of-range values with notices', () => {
		const c = s.constrain({ lateProb: 80, windowLength: 2, outputMode: 'merge' });
		expect(c.params).toMatchObject({ lateProb: 50, windowLength: 5, outputMode: 'append' });
		expect(c.notices).toHaveLength(3);
	});

	it('lateProb 0 gives no delayed events; disorder bounds how far event time trails arrival', () => {
		const none = events({ lateProb: 0, maxDisorder: 2 });
		expect(none.some((e) => e.delayed)).toBe(false);
		for (const e of none) expect(e.arrivalMs - e.eventTimeMs).toBeLessThanOrEqual(2000);
		const exact = events({ lateProb: 0, maxDisorder: 0 });
		for (const e of exact) expect(e.arrivalMs).toBe(e.eventTimeMs);
	});

	it('lateProb and lateBy shape the late events', () => {
		const late = events({ lateProb: 50, lateBy: 30, maxDisorder: 1 }, 4);
		const share = late.filter((e) => e.delayed).length / late.length;
		expect(share).toBeGreaterThan(0.35);
		expect(share).toBeLessThan(0.65);
		for (const e of late) expect(e.arrivalMs - e.eventTimeMs).toBeLessThanOrEqual(31_000);
		expect(Math.max(...late.map((e) => e.arrivalMs - e.eventTimeMs))).toBeGreaterThan(20_000);
	});

	it('input is deterministic by seed', () => {
		expect(JSON.stringify(s.input(base, 11))).toBe(JSON.stringify(s.input(base, 11)));
		expect(JSON.stringify(s.input(base, 11))).not.toBe(JSON.stringify(s.input(base, 12)));
	});

	for (const [delay, windowLength] of [
		[1, 10],
		[5, 10],
		[20, 5],
		[5, 60]
	] as const) {
		it(`inside-vs-beyond-delay: one row each side (delay ${delay} s, window ${windowLength} s)`, () => {
			const preset = s.presets.find((p) => p.id === 'inside-vs-beyond-delay');
			expect(preset?.script).toBe('inside-vs-beyond-delay');
			const params = { ...base, ...preset?.params, watermarkDelay: delay, windowLength };
			const input = s.input(params, 2, preset?.script, engineBatches);
			const all = input.streams[0]?.events ?? [];
			const inside = all.find((e) => e.scripted === 'inside-delay');
			const beyond = all.find((e) => e.scripted === 'beyond-delay');
			expect(inside && beyond).toBeTruthy();
			if (!inside || !beyond) return;
			expect(inside.arrivalMs).toBe(beyond.arrivalMs);
			const tick = Math.ceil(inside.arrivalMs / 2000) * 2000;
			// The check below assumes a batch at every tick up to this one.
			for (let t = 2000; t <= tick; t += 2000) {
				expect(
					all.some((e) => e.arrivalMs > t - 2000 && e.arrivalMs <= t),
					`tick ${t}`
				).toBe(true);
			}
			const generated = all.filter((e) => !e.scripted);
			const lateFilter = watermarkAt(generated, tick - 2000, delay * 1000);
			const eviction = watermarkAt(generated, tick, delay * 1000);
			const seen = generated.filter((e) => e.arrivalMs <= tick);
			const maxSeen = Math.max(...seen.map((e) => e.eventTimeMs));
			// R4.4: a windowed aggregation drops a late row when window.end ≤ the late watermark.
			const windowEnd = (e: SimEvent) => {
				const epochMs = e.eventTimeMs + EPOCH_OFFSET_MS;
				return epochMs - (epochMs % (windowLength * 1000)) + windowLength * 1000 - EPOCH_OFFSET_MS;
			};
			expect(windowEnd(beyond)).toBeLessThanOrEqual(lateFilter);
			expect(beyond.eventTimeMs).toBeLessThan(maxSeen - delay * 1000);
			expect(windowEnd(inside)).toBeGreaterThan(lateFilter);
			expect(inside.eventTimeMs).toBeGreaterThan(eviction);
			expect(inside.eventTimeMs).toBeLessThan(maxSeen);
		});
	}

	it('with a 0 s delay only the row beyond is scripted, and a note says why', () => {
		const input = s.input(
			{ ...base, lateProb: 0, watermarkDelay: 0 },
			2,
			'inside-vs-beyond-delay',
			engineBatches
		);
		const scripted = (input.streams[0]?.events ?? []).filter((e) => e.scripted);
		expect(scripted.map((e) => e.scripted)).toEqual(['beyond-delay']);
		expect(input.notes).toHaveLength(1);
	});

	it('without the script there are no scripted rows', () => {
		expect(events({ lateProb: 0 }).some((e) => e.scripted)).toBe(false);
	});
});
