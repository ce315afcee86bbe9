import { describe, expect, it } from 'vitest';
import { createRng } from '../../../simulations/core/rng';
import { KafkaBroker } from '../../../simulations/sources/kafka/broker';
import {
	produceUntil,
	producerSchedule,
	rateAt
} from '../../../simulations/sources/kafka/producer';

describe('Kafka producers: rate profiles and skew', () => {
	it('sends an exact number of records per tick, carrying fractions over', () => {
		// 25 records/s, 100 ms ticks: 2.5 per tick → 2, 3, 2, 3 … → 25 in a second.
		const s = producerSchedule(
			{
				topic: 't',
				profile: { kind: 'steady', recordsPerSecond: 25 },
				skew: [1],
				fromMs: 0,
				untilMs: 1000
			},
			createRng(1)
		);
		const perTick = [100, 200, 300, 400].map((t) => s.filter((x) => x.atMs === t).length);
		expect(perTick).toEqual([2, 3, 2, 3]);
		expect(s).toHaveLength(25);
	});

	it('a spike multiplies the rate for its duration only', () => {
		const profile = {
			kind: 'spike' as const,
			recordsPerSecond: 10,
			atMs: 1000,
			durationMs: 500,
			factor: 4
		};
		expect([
			rateAt(profile, 999),
			rateAt(profile, 1000),
			rateAt(profile, 1499),
			rateAt(profile, 1500)
		]).toEqual([10, 40, 40, 10]);
		// 2 s at 10/s plus 0.5 s at 30/s more = 20 + 15 = 35 records.
		const s = producerSchedule(
			{ topic: 't', profile, skew: [1], fromMs: 0, untilMs: 2000 },
			createRng(1)
		);
		expect(s).toHaveLength(35);
	});

	it('bursts repeat', () => {
		const profile = {
			kind: 'bursts' as const,
			recordsPerSecond: 10,
			everyMs: 1000,
			durationMs: 200,
			factor: 3
		};
		expect([rateAt(profile, 100), rateAt(profile, 300), rateAt(profile, 1100)]).toEqual([
			30, 10, 30
		]);
	});

	it('skews partitions by weight, the same way for the same seed', () => {
		const spec = {
			topic: 't',
			profile: { kind: 'steady' as const, recordsPerSecond: 100 },
			skew: [6, 3, 1, 0],
			fromMs: 0,
			untilMs: 10_000
		};
		const a = producerSchedule(spec, createRng(7));
		expect(producerSchedule(spec, createRng(7))).toEqual(a);
		const counts = [0, 1, 2, 3].map((p) => a.filter((x) => x.partition === p).length);
		expect(counts[3]).toBe(0);
		expect(counts.reduce((x, y) => x + y, 0)).toBe(1000);
		// Weighted 60/30/10 %: each count lands within a few percent of its share.
		expect(Math.abs((counts[0] ?? 0) - 600)).toBeLessThan(60);
		expect(Math.abs((counts[2] ?? 0) - 100)).toBeLessThan(40);
	});

	it('produceUntil appends what is due to the broker, once', () => {
		const b = new KafkaBroker();
		b.createTopic('t', 2);
		const s = producerSchedule(
			{
				topic: 't',
				profile: { kind: 'steady', recordsPerSecond: 10 },
				skew: [1, 1],
				fromMs: 0,
				untilMs: 1000
			},
			createRng(3)
		);
		let cursor = produceUntil(b, 't', s, 0, 500);
		expect(cursor).toBe(5);
		cursor = produceUntil(b, 't', s, cursor, 500);
		expect(cursor).toBe(5);
		expect(produceUntil(b, 't', s, cursor, 1000)).toBe(10);
		expect(b.latest({ topic: 't', partition: 0 }) + b.latest({ topic: 't', partition: 1 })).toBe(
			10
		);
	});
});
