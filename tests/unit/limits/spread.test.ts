import { describe, expect, it } from 'vitest';
import { maxOf, minOf, pushAll, replaceAll } from '../../../simulations/core/arrays';
import { evalPython } from '../../../simulations/python/index';
import { prepareQuery, simulate } from '../../../simulations/structured/index';

// V8 refuses a call with more than about 125,000 arguments ("Maximum call stack size exceeded");
// 200,000 is past it on every engine the site runs on.
const BIG = 200_000;

describe('arrays of any length', () => {
	it('pushAll, replaceAll, maxOf and minOf take arrays past the argument limit', () => {
		const big = Array.from({ length: BIG }, (_, i) => i);
		expect(() => [].push(...(big as never[]))).toThrow(RangeError);
		expect(pushAll([1], big).length).toBe(BIG + 1);
		const xs = [9];
		expect(replaceAll(xs, big)).toBe(xs);
		expect(xs.length).toBe(BIG);
		expect(replaceAll(xs, xs).length).toBe(BIG);
		expect(maxOf(big)).toBe(BIG - 1);
		expect(minOf(big)).toBe(0);
		expect(maxOf([])).toBe(-Infinity);
		expect(minOf([], 0)).toBe(0);
		expect(maxOf([1, NaN])).toBeNaN();
	});

	it('an update-mode aggregation emits 125,000 groups in one batch', () => {
		const q = prepareQuery(
			`counts = events.groupBy("key").count()
query = counts.writeStream.outputMode("update").format("memory").queryName("b").start()
`,
			{ events: [{ name: 'key', type: { kind: 'string' } }] }
		);
		if (!q.ok) throw new Error(q.error.message);
		const rows = Array.from({ length: 125_000 }, (_, i) => [`k${i}`]);
		const trace = simulate(q.value, [{ atMs: 1, source: 'events', rows }], { untilMs: 100 });
		const emitted = trace.events.find((e) => e.event.type === 'rowsEmitted')?.event;
		expect(emitted?.type === 'rowsEmitted' ? emitted.rows.length : 0).toBe(125_000);
	});

	it('Python list growth, sort and printing take lists past the argument limit', () => {
		const r = evalPython(`xs = list(range(${BIG}))
ys = []
ys.extend(xs)
ys += xs
zs = [0] * 3 + xs * 2
ys.sort()
len(ys) + len(zs)`);
		expect(r).toEqual({ ok: true, value: BIG * 2 + 3 + BIG * 2 });
	});

	it('map() with no iterable is a TypeError, not an empty minimum', () => {
		const r = evalPython('map(str)');
		expect(r.ok ? '' : r.error.message).toContain('TypeError: map() takes at least 2 arguments');
	});
});
