import { describe, expect, it } from 'vitest';
import { windowsFor } from '../../../simulations/structured/expr/index';
import { LONG, TS, WINDOW, compileError, evalSql, field } from './helpers';

const MIN = 60e6;
/** 12:00 in minutes. */
const H12 = 12 * 60;
const at = (h: number, m: number): number => (h * 60 + m) * MIN;
const range = (ws: { start: number; end: number }[]): string[] =>
	ws.map((w) => `${w.start / MIN}-${w.end / MIN}`);

describe('windowsFor: SPARK-SEMANTICS R3.1 worked examples', () => {
	it('t=12:07, window 10m, slide 5m', () => {
		const ws = windowsFor(at(12, 7), 10 * MIN, 5 * MIN, 0);
		expect(range(ws)).toEqual([`${H12 + 5}-${H12 + 15}`, `${H12}-${H12 + 10}`]);
	});
	it('t=12:07, window 10m, slide 5m, startTime 2m', () => {
		const ws = windowsFor(at(12, 7), 10 * MIN, 5 * MIN, 2 * MIN);
		expect(range(ws)).toEqual([`${H12 + 7}-${H12 + 17}`, `${H12 + 2}-${H12 + 12}`]);
	});
	it('window 12m, slide 5m: three candidates at 12:05, two at 12:09', () => {
		expect(windowsFor(at(12, 5), 12 * MIN, 5 * MIN, 0)).toHaveLength(3);
		const ws = windowsFor(at(12, 9), 12 * MIN, 5 * MIN, 0);
		expect(range(ws)).toEqual([`${H12 + 5}-${H12 + 17}`, `${H12}-${H12 + 12}`]);
	});
	it('tumbling: start inclusive, end exclusive; negative times', () => {
		expect(windowsFor(10e6, 10e6, 10e6, 0)).toEqual([{ start: 10e6, end: 20e6 }]);
		expect(windowsFor(-1, 10e6, 10e6, 0)).toEqual([{ start: -10e6, end: 0 }]);
		expect(windowsFor(3e6, 10e6, 10e6, -5e6)).toEqual([{ start: -5e6, end: 5e6 }]);
	});
});

describe('window / session_window as a projection', () => {
	const schema = [field('time', TS), field('value', LONG)];
	it('tumbling window with a start offset', () => {
		const offset = "window(time, '10 seconds', '10 seconds', '5 seconds')";
		expect(evalSql(offset, schema, [12e6, 1])).toEqual({ start: 5e6, end: 15e6 });
		expect(evalSql("window(time, '10 seconds')", schema, [null, 1])).toBeNull();
	});
	it('a window struct as time column uses window_time', () => {
		const w = [field('window', WINDOW)];
		const rewindowed = evalSql("window(window, '10 seconds')", w, [{ start: 5e6, end: 10e6 }]);
		expect(rewindowed).toEqual({ start: 0, end: 10e6 });
	});
	it('session_window: literal and per-row gaps', () => {
		const fixed = "session_window(time, '10 seconds')";
		expect(evalSql(fixed, schema, [3e6, 1])).toEqual({ start: 3e6, end: 13e6 });
		const dyn =
			"session_window(time, CASE WHEN value = 1 THEN '2 seconds' " +
			"WHEN value = 2 THEN '10 seconds' ELSE '20 seconds' END)";
		expect(evalSql(dyn, schema, [3e6, 1])).toEqual({ start: 3e6, end: 5e6 });
		expect(evalSql(dyn, schema, [3e6, 3])).toEqual({ start: 3e6, end: 23e6 });
		const concat = "session_window(time, concat(CAST(value * 10 AS STRING), ' seconds'))";
		expect(evalSql(concat, schema, [3e6, 2])).toEqual({ start: 3e6, end: 23e6 });
		expect(evalSql(concat, schema, [3e6, null])).toBeNull();
	});
	it("TimeWindow's checks", () => {
		const error = (text: string): string => compileError(text, schema);
		expect(error("window(time, '0 seconds')")).toMatch(/VALUE_OUT_OF_RANGE.*window_duration/);
		expect(error("window(time, '10 seconds', '20 seconds')")).toMatch(
			/PARAMETER_CONSTRAINT_VIOLATION.*slide_duration.*<=.*window_duration/
		);
		expect(error("window(time, '10 seconds', '5 seconds', '5 seconds')")).toMatch(
			/abs\(start_time\)/
		);
		expect(error("window(value, '10 seconds')")).toMatch(
			/requires the \("TIMESTAMP" or "TIMESTAMP_NTZ"\) type/
		);
	});
});
