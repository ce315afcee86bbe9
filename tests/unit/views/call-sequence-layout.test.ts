// The call-sequence layout: one numbered row per call in its lane, in order, made calls solid,
// the rest faded, text cut to the lane's width.
import { describe, expect, it } from 'vitest';
import { layoutSequence, ROW_H } from '../../../src/lib/views/call-sequence/layout';
import type { ProtocolCall } from '../../../simulations/structured/datasource/protocol';

const call = (
	seq: number,
	side: ProtocolCall['side'],
	text: string,
	result = ''
): ProtocolCall => ({
	seq,
	batchId: 1,
	attempt: 0,
	atMs: 2000,
	side,
	method: text.split('(')[0] ?? text,
	cls: 'R',
	call: text,
	result
});

describe('layoutSequence', () => {
	const calls = [
		call(0, 'driver', 'latestOffset()', '{"offset": 100}'),
		call(1, 'checkpoint', 'offsets/1', '{"offset": 100}'),
		call(2, 'executor', 'read(IdRange(start=0, end=50))', '[(0, ' + "'s-0', 0.0)".repeat(20) + ']'),
		call(3, 'driver', 'commit([CountMessage(rows=50)], 1)', 'None')
	];

	it('places each call in its lane, one row down per call, and marks what has been made', () => {
		const l = layoutSequence(calls, 2, 1000);
		expect(l.rows.map((r) => [r.lane, r.x, r.y, r.state])).toEqual([
			['driver', 4, 26, 'done'],
			['checkpoint', 784, 26 + ROW_H, 'current'],
			['executor', 444, 26 + 2 * ROW_H, 'pending'],
			['driver', 4, 26 + 3 * ROW_H, 'pending']
		]);
		expect(l.rows[0]?.text).toBe('1. latestOffset() → {"offset": 100}');
		expect(l.rows[1]?.text).toBe('2. offsets/1 {"offset": 100}');
		expect(l.height).toBe(26 + 4 * ROW_H + 4);
	});

	it('cuts text to the lane: the executor lane holds (332 - 8) / 7 = 46 characters', () => {
		const r = layoutSequence(calls, 4, 1000).rows[2];
		expect(r?.width).toBe(332);
		expect(r?.text).toHaveLength(46);
		expect(r?.text.endsWith('…')).toBe(true);
	});
});
