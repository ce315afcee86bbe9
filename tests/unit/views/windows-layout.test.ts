import { describe, expect, it } from 'vitest';
import { assignLanes } from '../../../src/lib/views/windows/layout';
import { formatCell, tableRows } from '../../../src/lib/views/result-table/rows';

describe('assignLanes', () => {
	it('puts tumbling windows in one lane', () => {
		expect(
			assignLanes([
				{ start: 0, end: 10 },
				{ start: 10, end: 20 },
				{ start: 20, end: 30 }
			])
		).toEqual([0, 0, 0]);
	});
	it('alternates 10 s / 5 s sliding windows over two lanes', () => {
		const spans = [0, 5, 10, 15].map((s) => ({ start: s, end: s + 10 }));
		expect(assignLanes(spans)).toEqual([0, 1, 0, 1]);
	});
});

describe('result rows', () => {
	it('formats windows as [start, end) in seconds and doubles with two decimals', () => {
		expect(formatCell({ start: 10, end: 20 })).toBe('[10 s, 20 s)');
		expect(formatCell(21.456)).toBe('21.46');
		expect(formatCell(null)).toBe('null');
	});
	it('in complete mode only rows not in the previous table are marked changed', () => {
		const rows = tableRows(
			[
				['a', 2],
				['b', 1]
			],
			[
				['a', 1],
				['b', 1]
			],
			'complete'
		);
		expect(rows.map((r) => r.changed)).toEqual([true, false]);
	});
	it('in update mode every emitted row changed', () => {
		expect(tableRows([['a', 2]], [['a', 2]], 'update')[0]?.changed).toBe(true);
	});
});
