import { describe, expect, it } from 'vitest';
import { delayBatch, rateLimit } from '../../../simulations/sources/kafka/admission';

const offs = (o: Record<string, number>) => new Map(Object.entries(o));
const noEarliest = () => undefined;
/** How many offsets each partition takes going from `from` to the limited end. */
const taken = (from: Map<string, number>, end: ReadonlyMap<string, number>) =>
	[...end].map(([k, v]) => v - (from.get(k) ?? 0));

describe('rateLimit: maxOffsetsPerTrigger prorated by backlog (KafkaMicroBatchStream.rateLimit)', () => {
	it('backlogs 100/50/10, limit 40: floors the big shares, leaves the remainder unread', () => {
		// total = 160
		//   t-0: 40 × (100/160) = 25.0 → floor 25
		//   t-1: 40 × ( 50/160) = 12.5 → floor 12
		//   t-2: 40 × ( 10/160) =  2.5 → floor 2
		// 25 + 12 + 2 = 39 < 40: nothing redistributes the 1 lost to rounding.
		const from = offs({ 't-0': 0, 't-1': 0, 't-2': 0 });
		const end = rateLimit(40, from, offs({ 't-0': 100, 't-1': 50, 't-2': 10 }), noEarliest);
		expect(taken(from, end)).toEqual([25, 12, 2]);
	});

	it('a share below 1 is rounded UP so small partitions are not starved', () => {
		// sizes 1000 and 3, limit 10, total 1003:
		//   10 × 1000/1003 = 9.970 → floor 9;  10 × 3/1003 = 0.0299 → ceil 1   (SPARK-SEMANTICS R7.1)
		const from = offs({ 't-0': 0, 't-1': 0 });
		expect(taken(from, rateLimit(10, from, offs({ 't-0': 1000, 't-1': 3 }), noEarliest))).toEqual([
			9, 1
		]);
	});

	it('R7.1 example: limit 100 over 300/90/10 then 225/68/8', () => {
		// batch 1, total 400: 100×300/400 = 75, 100×90/400 = 22.5 → 22, 100×10/400 = 2.5 → 2   (99 rows)
		const from = offs({ a: 0, b: 0, c: 0 });
		const until = offs({ a: 300, b: 90, c: 10 });
		const first = rateLimit(100, from, until, noEarliest);
		expect(taken(from, first)).toEqual([75, 22, 2]);
		// batch 2, backlogs 225/68/8, total 301: 74.75 → 74, 22.59 → 22, 2.66 → 2
		expect(taken(new Map(first), rateLimit(100, first, until, noEarliest))).toEqual([74, 22, 2]);
	});

	it('a limit equal to the backlog can leave an offset behind: Scala computes limit × (size / total) in doubles', () => {
		// sizes 31 and 12, limit 43 = total: 43 × (31/43) = 30.999999999999996 → floor 30 (not 31);
		// 43 × (12/43) = 12 → 12. The batch reads 42 of 43; the next trigger reads the last one.
		const from = offs({ a: 0, b: 0 });
		expect(taken(from, rateLimit(43, from, offs({ a: 31, b: 12 }), noEarliest))).toEqual([30, 12]);
	});

	it('a tiny share can push the batch ABOVE the limit', () => {
		// sizes 5 and 5 and 1 with limit 2, total 11: 2×5/11 = 0.909 → ceil 1 (twice), 2×1/11 = 0.18 → ceil 1
		// → 3 offsets although the limit is 2.
		const from = offs({ a: 0, b: 0, c: 0 });
		expect(taken(from, rateLimit(2, from, offs({ a: 5, b: 5, c: 1 }), noEarliest))).toEqual([
			1, 1, 1
		]);
	});

	it('reads everything when the backlog is below one offset, and leaves empty partitions at their end', () => {
		const from = offs({ a: 7, b: 3 });
		expect([...rateLimit(5, from, offs({ a: 7, b: 3 }), noEarliest)]).toEqual([
			['a', 7],
			['b', 3]
		]);
		// b has no backlog: it keeps `until`; a alone gets the whole limit.
		expect([...rateLimit(5, from, offs({ a: 27, b: 3 }), noEarliest)]).toEqual([
			['a', 12],
			['b', 3]
		]);
	});

	it('a partition new since the start offsets is measured from its earliest offset', () => {
		// t-1 appeared with earliest 4 and latest 24: size 20; t-0 size 20; limit 10 → 5 each.
		const end = rateLimit(10, offs({ 't-0': 0 }), offs({ 't-0': 20, 't-1': 24 }), (k) =>
			k === 't-1' ? 4 : undefined
		);
		expect([...end]).toEqual([
			['t-0', 5],
			['t-1', 9]
		]);
	});

	it('kafka-max-offsets-per-trigger: 101/11/1 records, limit 10, batch after batch', () => {
		// batch 0, total 113: 10×101/113 = 8.94 → 8; 10×11/113 = 0.97 → 1; 10×1/113 = 0.09 → 1   → 100..107, 10, 1
		// batch 1, total 103 (93+10+0): 9.03 → 9; 0.97 → 1                                      → 108..116, 11
		// batch 2, total 93 (84+9): 9.03 → 9; 0.97 → 1                                           → 117..125, 12
		// batch 3, total 83 (75+8): 9.04 → 9; 0.96 → 1                                           → 126..134, 13
		const until = offs({ 'topic-0-0': 101, 'topic-0-1': 11, 'topic-0-2': 1 });
		let start: ReadonlyMap<string, number> = offs({
			'topic-0-0': 0,
			'topic-0-1': 0,
			'topic-0-2': 0
		});
		const perBatch: number[][] = [];
		for (let b = 0; b < 4; b++) {
			const end = rateLimit(10, start, until, noEarliest);
			perBatch.push(taken(new Map(start), end));
			start = end;
		}
		expect(perBatch).toEqual([
			[8, 1, 1],
			[9, 1, 0],
			[9, 1, 0],
			[9, 1, 0]
		]);
	});
});

describe('delayBatch: minOffsetsPerTrigger with maxTriggerDelay, against the clock', () => {
	// kafka-min-offsets-per-trigger: min 15, delay 5 s, a 100 ms trigger on a manual clock from 0.
	const MIN = 15;
	const DELAY = 5000;

	it('follows the scenario trigger by trigger', () => {
		const zero = offs({ p0: 0, p1: 0, p2: 0 });
		// t = 0: 0 − lastTrigger(0) = 0 < 5000, so the records are counted: 10 + 5 + 1 = 16 ≥ 15 → run.
		let d = delayBatch(MIN, offs({ p0: 10, p1: 5, p2: 1 }), zero, DELAY, 0, 0);
		expect(d).toEqual({ skip: false, lastTriggerMillis: 0, newRecords: 16 });
		// t = 100: 6 new on p1 → 6 < 15 → skipped; lastTriggerMillis stays 0.
		const s1 = offs({ p0: 10, p1: 5, p2: 1 });
		d = delayBatch(MIN, offs({ p0: 10, p1: 11, p2: 1 }), s1, DELAY, 100, d.lastTriggerMillis);
		expect(d).toEqual({ skip: true, lastTriggerMillis: 0, newRecords: 6 });
		// t = 200: 6 + 11 + 1 = 18 ≥ 15 → run, lastTriggerMillis = 200.
		d = delayBatch(MIN, offs({ p0: 21, p1: 11, p2: 2 }), s1, DELAY, 200, d.lastTriggerMillis);
		expect(d).toEqual({ skip: false, lastTriggerMillis: 200, newRecords: 18 });
		// t = 300: 5 + 5 = 10 < 15 → skipped.
		const s2 = offs({ p0: 21, p1: 11, p2: 2 });
		const l3 = offs({ p0: 26, p1: 16, p2: 2 });
		d = delayBatch(MIN, l3, s2, DELAY, 300, d.lastTriggerMillis);
		expect(d.skip).toBe(true);
		// t = 5300: 5300 − 200 = 5100 ≥ 5000 → run without counting, lastTriggerMillis = 5300.
		d = delayBatch(MIN, l3, s2, DELAY, 5300, d.lastTriggerMillis);
		expect(d).toEqual({ skip: false, lastTriggerMillis: 5300, newRecords: null });
	});

	it('the delay is measured from the last batch, inclusive at exactly maxTriggerDelay', () => {
		const s = offs({ p: 0 });
		const l = offs({ p: 1 });
		expect(delayBatch(MIN, l, s, DELAY, 5199, 200).skip).toBe(true);
		expect(delayBatch(MIN, l, s, DELAY, 5200, 200).skip).toBe(false);
	});

	it('when the delay has passed the trigger is not skipped even with nothing new (and the timer resets)', () => {
		const s = offs({ p: 4 });
		expect(delayBatch(MIN, s, s, DELAY, 9000, 1000)).toEqual({
			skip: false,
			lastTriggerMillis: 9000,
			newRecords: null
		});
	});

	it('a partition missing from the start counts its whole latest offset as new', () => {
		// Spark: offset − currentOffsets.getOrElse(tp, 0)
		expect(delayBatch(MIN, offs({ p: 0, q: 15 }), offs({ p: 0 }), DELAY, 10, 0).newRecords).toBe(
			15
		);
	});
});
