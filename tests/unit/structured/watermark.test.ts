import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	addEventTime,
	advanceWatermark,
	emptyStats,
	initialWatermark,
	isLate,
	type EventTimeStats
} from '../../../simulations/structured/operators/watermark';

const stats = (...ms: number[]) => {
	const s = emptyStats();
	for (const t of ms) addEventTime(s, t);
	return s;
};

describe('watermark (WatermarkTracker)', () => {
	const A = { nodeId: 1, delayMs: 10_000 };
	const B = { nodeId: 2, delayMs: 5_000 };
	it('a node that never saw data counts as 0 under the min policy', () => {
		const w = advanceWatermark(initialWatermark(), [A, B], new Map([[1, stats(11_000)]]), 'min');
		expect(w.globalMs).toBe(0);
		expect(w.perNode[1]).toBe(1_000);
	});
	it('max policy takes the larger', () => {
		const w = advanceWatermark(initialWatermark(), [A, B], new Map([[1, stats(20_000)]]), 'max');
		expect(w.globalMs).toBe(10_000);
	});
	it('SPARK-SEMANTICS R2.4 table (min)', () => {
		const m = (x: number) => x * 60_000;
		const a = { nodeId: 1, delayMs: m(10) };
		const b = { nodeId: 2, delayMs: m(5) };
		let w = initialWatermark();
		const steps: [number, number, number][] = [
			[1, m(740), 0],
			[2, m(728), m(723)],
			[1, m(725), m(723)],
			[2, m(750), m(730)]
		];
		for (const [node, max, expected] of steps) {
			w = advanceWatermark(w, [a, b], new Map<number, EventTimeStats>([[node, stats(max)]]), 'min');
			expect(w.globalMs).toBe(expected);
		}
	});
	it('never moves backwards (property)', () => {
		fc.assert(
			fc.property(
				fc.array(fc.tuple(fc.boolean(), fc.integer({ min: -1e6, max: 1e9 })), { maxLength: 30 }),
				(batches) => {
					let w = initialWatermark();
					for (const [first, t] of batches) {
						const prev = w.globalMs;
						w = advanceWatermark(w, [A, B], new Map([[first ? 1 : 2, stats(t)]]), 'min');
						expect(w.globalMs).toBeGreaterThanOrEqual(prev);
					}
				}
			)
		);
	});
	it('late predicate is inclusive (R2.7)', () => {
		expect(isLate(5_000_000, 5_000)).toBe(true);
		expect(isLate(5_000_001, 5_000)).toBe(false);
	});
});
