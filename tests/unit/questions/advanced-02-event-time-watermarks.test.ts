import { describe, expect, it } from 'vitest';
import { EVENT_TIME_SCENARIOS } from '../../../simulations/kinds/event-time/questions';
import { EPOCH_OFFSET_MS, type SimEvent } from '../../../simulations/kinds/event-time/question';
import { defaultParams } from '../../../simulations/core/params';
import { engineBatches } from '../../../simulations/kinds/event-time/engine-batches';

const s = EVENT_TIME_SCENARIOS['advanced-02-event-time-watermarks']!;
const base = defaultParams(s.schema);
const render = (p: Record<string, string | number>) => s.program({ ...base, ...p });
const streams = (p: Record<string, string | number>, seed = 1, script?: string) => {
	const input = s.input({ ...base, ...p }, seed, script, engineBatches);
	const by = (name: string) => input.streams.find((x) => x.name === name)?.events ?? [];
	return { input, eu: by('eu'), us: by('us') };
};

/**
 * Global watermark (min policy) for the batch at tick T, straight from SPARK-SEMANTICS R2.4 with a
 * batch at every tick: per stream max(event time arrived by T − 2 s) − delay, min over streams,
 * never moving back.
 */
function globalWatermark(eu: readonly SimEvent[], us: readonly SimEvent[], tickMs: number): number {
	let wm = -EPOCH_OFFSET_MS;
	for (let t = 2000; t <= tickMs - 2000; t += 2000) {
		const max = (xs: readonly SimEvent[]) =>
			Math.max(...xs.filter((e) => e.arrivalMs <= t).map((e) => e.eventTimeMs));
		wm = Math.max(wm, Math.min(max(eu) - 10_000, max(us) - 30_000));
	}
	return wm;
}

describe('advanced-02-event-time-watermarks scenario', () => {
	it('rewrites the policy and each stream’s own delay on its own chain', () => {
		const out = render({
			watermarkPolicy: 'max',
			watermarkDelayEu: 3,
			watermarkDelayUs: 45,
			windowLength: 30
		});
		expect(out).toContain('.config("spark.sql.streaming.multipleWatermarkPolicy", "max")');
		const eu = out.indexOf('.withWatermark("event_time", "3 seconds")  # <- watermarkDelayEu');
		const us = out.indexOf('.withWatermark("event_time", "45 seconds")  # <- watermarkDelayUs');
		expect(eu).toBeGreaterThan(out.indexOf('eu = ('));
		expect(us).toBeGreaterThan(out.indexOf('us = ('));
		expect(out).toContain('F.window("event_time", "30 seconds")');
	});

	it('clamps with notices; usPausedAt snaps to 10 s steps', () => {
		const c = s.constrain({ usPausedAt: 33, watermarkPolicy: 'avg', usLag: -5 });
		expect(c.params).toMatchObject({ usPausedAt: 30, watermarkPolicy: 'min', usLag: 0 });
		expect(c.notices).toHaveLength(3);
	});

	it('a paused US stream produces nothing after its pause; EU goes on', () => {
		const { eu, us, input } = streams({ usPausedAt: 30 });
		expect(us.length).toBeGreaterThan(30);
		expect(us.every((e) => e.arrivalMs < 30_000)).toBe(true);
		expect(eu.some((e) => e.arrivalMs > input.runLengthMs - 10_000)).toBe(true);
		const never = streams({ usPausedAt: 0 }).us;
		expect(never.some((e) => e.arrivalMs > input.runLengthMs - 10_000)).toBe(true);
	});

	it('usLag holds US event times back by the lag; EU is untouched', () => {
		const lagged = streams({ usLag: 20 }, 5);
		const plain = streams({ usLag: 0 }, 5);
		expect(JSON.stringify(lagged.eu)).toBe(JSON.stringify(plain.eu));
		lagged.us.forEach((e, i) => {
			expect(e.arrivalMs - e.eventTimeMs).toBeGreaterThanOrEqual(20_000);
			expect(plain.us[i]!.eventTimeMs - e.eventTimeMs).toBe(20_000);
		});
	});

	it('records carry their stream’s devices and topics; input is deterministic', () => {
		const { input, eu, us } = streams({});
		expect(input.streams.map((x) => x.topic)).toEqual(['sensors-eu', 'sensors-us']);
		expect(eu.every((e) => e.key.startsWith('eu-') && e.stream === 'eu')).toBe(true);
		expect(us.every((e) => e.key.startsWith('us-') && e.stream === 'us')).toBe(true);
		expect(new Set([...eu, ...us].map((e) => e.id)).size).toBe(eu.length + us.length);
		expect(JSON.stringify(s.input(base, 1))).toBe(JSON.stringify(input));
	});

	/** Rows each stream loses to the late filter (R4.4: window.end ≤ previous batch's watermark). */
	function dropped(p: Record<string, string | number>) {
		const { eu, us } = streams(p, 4);
		const params = { ...base, ...p };
		const delays = [Number(params.watermarkDelayEu) * 1000, Number(params.watermarkDelayUs) * 1000];
		const pick = params.watermarkPolicy === 'max' ? Math.max : Math.min;
		const wmAt = (tick: number) => {
			let wm = -EPOCH_OFFSET_MS;
			for (let t = 2000; t <= tick - 2000; t += 2000) {
				const max = (xs: readonly SimEvent[]) =>
					Math.max(...xs.filter((e) => e.arrivalMs <= t).map((e) => e.eventTimeMs));
				wm = Math.max(wm, pick(max(eu) - (delays[0] ?? 0), max(us) - (delays[1] ?? 0)));
			}
			return wm;
		};
		const isDropped = (e: SimEvent) => {
			const epochMs = e.eventTimeMs + EPOCH_OFFSET_MS;
			const end = epochMs - (epochMs % 10_000) + 10_000 - EPOCH_OFFSET_MS;
			return end <= wmAt(Math.ceil(e.arrivalMs / 2000) * 2000 - 2000);
		};
		return { eu: eu.filter(isDropped).length, us: us.filter(isDropped).length, total: us.length };
	}

	it('min keeps every row; the max-policy preset drops lagging US rows', () => {
		expect(dropped({})).toMatchObject({ eu: 0, us: 0 });
		const preset = s.presets.find((p) => p.id === 'max-policy');
		const max = dropped({ ...preset?.params });
		expect(max.us / max.total).toBeGreaterThan(0.5);
	});

	for (const seed of [1, 2, 3]) {
		it(`late-filter-vs-eviction: kept, then evicted in one batch (seed ${seed})`, () => {
			const preset = s.presets.find((p) => p.id === 'late-filter-vs-eviction');
			const { eu, us, input } = streams(preset?.params ?? {}, seed, preset?.script);
			const row = eu.find((e) => e.scripted);
			expect(row, input.notes.join(' ')).toBeDefined();
			if (!row) return;
			const tick = Math.ceil(row.arrivalMs / 2000) * 2000;
			const plain = eu.filter((e) => !e.scripted);
			for (let t = 2000; t <= tick; t += 2000) {
				const inTick = (e: SimEvent) => e.arrivalMs > t - 2000 && e.arrivalMs <= t;
				expect(plain.some(inTick) && us.some(inTick), `tick ${t}`).toBe(true);
			}
			const late = globalWatermark(plain, us, tick - 2000);
			const eviction = globalWatermark(plain, us, tick);
			const epochMs = row.eventTimeMs + EPOCH_OFFSET_MS;
			const windowEnd = (Math.floor(epochMs / 10_000) + 1) * 10_000 - EPOCH_OFFSET_MS;
			expect(row.eventTimeMs).toBeGreaterThan(late);
			expect(windowEnd).toBeLessThanOrEqual(eviction);
		});
	}
});
