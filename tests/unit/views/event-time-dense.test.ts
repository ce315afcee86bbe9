/**
 * The event-time plot's dense layer: rows that overlap on screen become one mark sized by its
 * count, every row is in exactly one mark, fates and inputs never merge, and the rare fates are
 * painted last (over the counted rows).
 */
import { describe, expect, it } from 'vitest';
import { aggregateMarks } from '$lib/views/event-time/dense';
import { DENSE_ROWS, layoutEventTime, type EtDot } from '$lib/views/event-time/layout';
import { TWO_STREAMS } from './fixtures/engine-runs';

const dot = (id: number, x: number, y: number, kind: EtDot['kind'] = 'on-time', shape = 0) => ({
	id: String(id),
	x,
	y,
	kind,
	shape,
	title: ''
});

describe('aggregateMarks', () => {
	it('merges rows of one fate and input in one cell, keeps every row counted once', () => {
		const dots = [
			dot(1, 10, 10),
			dot(2, 11, 11),
			dot(3, 12, 12),
			dot(4, 11, 11, 'dropped'),
			dot(5, 11, 11, 'on-time', 1),
			dot(6, 100, 100)
		];
		const marks = aggregateMarks(dots);
		expect(marks.reduce((n, m) => n + m.count, 0)).toBe(dots.length);
		const big = marks.find((m) => m.count === 3)!;
		expect(big).toMatchObject({ kind: 'on-time', shape: 0, x: 11, y: 11 });
		expect(big.r).toBeGreaterThan(marks.find((m) => m.x === 100)!.r);
		expect(marks.at(-1)!.kind).toBe('dropped');
	});

	it('the plot switches to aggregated marks above DENSE_ROWS rows on screen', () => {
		const f = TWO_STREAMS;
		const sparse = layoutEventTime(f.run, f.frame, { width: 800, height: 300 });
		expect(f.frame.arrived.length).toBeLessThanOrEqual(DENSE_ROWS);
		expect(sparse.dense).toBe(false);
		const many = Array.from({ length: DENSE_ROWS + 1 }, (_, i) => ({
			...f.run.events[0]!,
			id: `x${i}`,
			arrivalMs: i * 10
		}));
		const dense = layoutEventTime(
			f.run,
			{ ...f.frame, arrived: many },
			{ width: 800, height: 300 }
		);
		expect(dense.dense).toBe(true);
		expect(dense.marks.length).toBeLessThan(many.length);
		expect(dense.marks.reduce((n, m) => n + m.count, 0)).toBe(many.length);
	});

	it('marks kept per batch count equal binning every row afresh, whatever the order of frames', () => {
		const f = TWO_STREAMS;
		const run = { ...f.run }; // a run of its own: the layout's caches start empty
		const many = Array.from({ length: DENSE_ROWS + 40 }, (_, i) => ({
			...f.run.events[i % f.run.events.length]!,
			id: `x${i}`,
			arrivalMs: i * 10
		}));
		const canon = (ms: readonly { x: number; y: number; kind: string; count: number }[]) =>
			ms.map((m) => `${m.kind}@${m.x.toFixed(3)},${m.y.toFixed(3)}x${m.count}`).sort();
		const counts = f.frame.done.map((_, k) => k + 1);
		// Forward, backward (scrubbing back) and again: each frame as if drawn first.
		for (const k of [0, ...counts, ...counts.toReversed(), 0, ...counts]) {
			const frame = { ...f.frame, arrived: many, done: f.frame.done.slice(0, k) };
			const g = layoutEventTime(run, frame, { width: 800, height: 300 });
			expect(g.dense).toBe(true);
			expect(canon(g.marks)).toEqual(canon(aggregateMarks(g.dots)));
			expect(g.marks.map((m) => m.kind)).toEqual(
				[...g.marks].sort((a, b) => order(a.kind) - order(b.kind)).map((m) => m.kind)
			);
		}
	});
});

const order = (k: string) => ['on-time', 'pending', 'duplicate', 'dropped'].indexOf(k);
