import { describe, expect, it } from 'vitest';
import { procTime } from '../../../simulations/core/time';
import { rateLatestOffset, rateRows } from '../../../simulations/microbatch/rate-source';

describe('rate source (R7.2)', () => {
	const spec = { rowsPerSecond: 5, numPartitions: 2, creationMs: procTime(0) };

	it('rateLatestOffset counts whole seconds only: 2.7 s after creation → 2', () => {
		expect(rateLatestOffset(spec, procTime(2700))).toBe(2);
		expect(rateLatestOffset(spec, procTime(999))).toBe(0);
	});

	it('rateRows(5/s, 2 partitions, seconds 0→2) gives values 0…9, value v at 200·v ms', () => {
		const rows = rateRows(spec, 0, 2);
		expect(rows.map((r) => r.value)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(rows.map((r) => r.timestampMs)).toEqual(rows.map((r) => 200 * r.value));
	});

	it('partitions round-robin from the batch’s first value: partition 0 gets 0,2,4,6,8', () => {
		const rows = rateRows(spec, 0, 2);
		expect(rows.filter((r) => r.partition === 0).map((r) => r.value)).toEqual([0, 2, 4, 6, 8]);
		// A batch starting at an odd value still gives its first value to partition 0.
		const later = rateRows({ ...spec, rowsPerSecond: 3 }, 1, 2);
		expect(later.map((r) => [r.value, r.partition])).toEqual([
			[3, 0],
			[4, 1],
			[5, 0]
		]);
	});

	it('timestamps start at creation + s0 seconds', () => {
		const rows = rateRows({ ...spec, creationMs: procTime(627) }, 3, 4);
		expect(rows[0]?.timestampMs).toBe(3627);
		expect(rows.at(-1)?.timestampMs).toBe(3627 + 800);
	});

	it('an empty range reads no rows', () => {
		expect(rateRows(spec, 2, 2)).toEqual([]);
	});
});
