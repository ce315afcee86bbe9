// maxOffsetsPerTrigger (KafkaMicroBatchStream.rateLimit, SPARK-SEMANTICS R7.1), the trigger
// clock (ProcessingTimeExecutor) and the partitioned source, by hand.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../simulations/core/rng';
import { admit, rateLimit } from '../../../simulations/cluster/admission';
import { arrivalsPerSecond, PartitionedArrivals } from '../../../simulations/cluster/input-profile';
import { skewWeights, splitCount } from '../../../simulations/cluster/partitions';
import { nextTriggerStart } from '../../../simulations/cluster/trigger';

describe('maxOffsetsPerTrigger', () => {
	it('prorates the limit over partitions, flooring shares ≥ 1', () => {
		// sizes 300/90/10, total 400, limit 100: 75, 22.5 → 22, 2.5 → 2 (99 rows)
		expect(rateLimit([0, 0, 0], [300, 90, 10], 100)).toEqual([75, 22, 2]);
		// next batch: sizes 225/68/8, total 301: 74.75 → 74, 22.59 → 22, 2.66 → 2
		expect(rateLimit([75, 22, 2], [300, 90, 10], 100)).toEqual([149, 44, 4]);
	});
	it('rounds shares below one up so small partitions are not starved', () => {
		// sizes 1000/3, limit 10: 9.97 → 9, 0.0299 → ceil = 1
		expect(rateLimit([0, 0], [1000, 3], 10)).toEqual([9, 1]);
	});
	it('reads everything when less than one record is new, and never past the latest offset', () => {
		expect(rateLimit([5, 7], [5, 7], 10)).toEqual([5, 7]);
		expect(rateLimit([0, 0], [3, 4], 1000)).toEqual([3, 4]);
	});
	it('without a limit a batch takes all that is available', () => {
		expect(admit({ kind: 'none' }, [0, 0], [300, 90])).toEqual([300, 90]);
	});
});

describe('trigger clock', () => {
	it('waits for the next multiple of the interval, or starts at once when the batch overran', () => {
		expect(nextTriggerStart(1000, 1188, 1000, true)).toEqual({ due: 2000, start: 2000 });
		expect(nextTriggerStart(1000, 2600, 1000, true)).toEqual({ due: 2000, start: 2600 });
		// default trigger: straight on; after an idle poll, pollingDelay 10 ms
		expect(nextTriggerStart(500, 700, 0, true)).toEqual({ due: 700, start: 700 });
		expect(nextTriggerStart(700, 700, 0, false)).toEqual({ due: 710, start: 710 });
	});
});

describe('partitions and arrivals', () => {
	it('splits counts exactly with the hot partition first', () => {
		// 10 rows, skew 0.5 over 4: weights 0.625/0.125×3 → 6.25, 1.25 ×3 → floors 6,1,1,1, one
		// leftover to the largest remainder (0.25 each, tie → lowest index 0) → 7,1,1,1
		expect(splitCount(10, skewWeights(4, 0.5))).toEqual([7, 1, 1, 1]);
		expect(splitCount(10, skewWeights(4, 0))).toEqual([3, 3, 2, 2]);
	});
	it('sums to the total for any weights (property)', () => {
		fc.assert(
			fc.property(
				fc.nat(1_000_000),
				fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 1, maxLength: 40 }),
				(n, w) => {
					const s = splitCount(n, w);
					return (
						s.reduce((a, b) => a + b, 0) === n && s.every((x) => x >= 0 && Number.isInteger(x))
					);
				}
			)
		);
	});
	it('spreads a second evenly: offsets at a time and arrival of an offset are inverse', () => {
		// 1000 records in second 0 on one partition: offset at 250 ms = 250; offset 249 arrived at 250.
		const src = new PartitionedArrivals([1000, 3], 1, 0);
		expect(src.offsetAt(0, 250)).toBe(250);
		expect(src.arrivalOf(0, 249)).toBe(250);
		// second 1 holds offsets 1000–1002: offset 1000 arrives at ceil(1 × 1000 / 3) = 334 ms into it.
		expect(src.arrivalOf(0, 1000)).toBe(1334);
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 50 }),
				fc.array(fc.nat(5000), { minLength: 1, maxLength: 20 }),
				(seed, perSecond) => {
					const s = new PartitionedArrivals(perSecond, 1 + (seed % 4), 0.3);
					for (let p = 0; p < s.partitions; p++) {
						const total = s.offsetAt(p, perSecond.length * 1000);
						for (let o = 0; o < total; o += Math.max(1, Math.floor(total / 17))) {
							const t = s.arrivalOf(p, o);
							if (!(s.offsetAt(p, t) > o && s.offsetAt(p, t - 1) <= o)) return false;
						}
					}
					return true;
				}
			)
		);
	});
	it('draws the same arrivals for the same seed', () => {
		const profile = {
			kind: 'bursts',
			recordsPerSecond: 100,
			factor: 10,
			everyMs: 10_000,
			durationMs: 2000
		} as const;
		expect(arrivalsPerSecond(profile, 60, createRng(7))).toEqual(
			arrivalsPerSecond(profile, 60, createRng(7))
		);
		const spike = arrivalsPerSecond(
			{ kind: 'spike', recordsPerSecond: 10, factor: 50, atMs: 3000, durationMs: 2000 },
			8,
			createRng(1)
		);
		expect(spike).toEqual([10, 10, 10, 500, 500, 10, 10, 10]);
	});
});
