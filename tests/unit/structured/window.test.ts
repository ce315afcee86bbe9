import { describe, expect, it } from 'vitest';
import { assignWindows } from '../../../simulations/structured/operators/window';

const S = 1_000_000;
const MIN = 60 * S;
const at = (h: number, m: number) => (h * 60 + m) * MIN;
const spec = (w: number, s: number, start = 0) => ({ durationUs: w, slideUs: s, startUs: start });

describe('assignWindows (Spark TimeWindowing)', () => {
	it('tumbling: start inclusive, end exclusive', () => {
		expect(assignWindows(at(12, 5), spec(5 * MIN, 5 * MIN))).toEqual([
			{ start: at(12, 5), end: at(12, 10) }
		]);
		expect(assignWindows(at(12, 5) - 1, spec(5 * MIN, 5 * MIN))).toEqual([
			{ start: at(12, 0), end: at(12, 5) }
		]);
	});
	it('sliding 10m/5m at 12:07 gives [12:05,12:15) then [12:00,12:10)', () => {
		expect(assignWindows(at(12, 7), spec(10 * MIN, 5 * MIN))).toEqual([
			{ start: at(12, 5), end: at(12, 15) },
			{ start: at(12, 0), end: at(12, 10) }
		]);
	});
	it('startTime 2m shifts the grid', () => {
		expect(assignWindows(at(12, 7), spec(10 * MIN, 5 * MIN, 2 * MIN))).toEqual([
			{ start: at(12, 7), end: at(12, 17) },
			{ start: at(12, 2), end: at(12, 12) }
		]);
	});
	it('window not a multiple of the slide keeps only windows containing t', () => {
		expect(assignWindows(at(12, 5), spec(12 * MIN, 5 * MIN))).toHaveLength(3);
		expect(assignWindows(at(12, 9), spec(12 * MIN, 5 * MIN))).toEqual([
			{ start: at(12, 5), end: at(12, 17) },
			{ start: at(12, 0), end: at(12, 12) }
		]);
	});
	it('negative start offset (window-start-offset-sql-negative)', () => {
		// 1459107574 s with 10 s windows starting at -5 s → [..565, ..575)
		const t = 1459107574 * S;
		expect(assignWindows(t, spec(10 * S, 10 * S, -5 * S))).toEqual([
			{ start: 1459107565 * S, end: 1459107575 * S }
		]);
	});
	it('negative timestamps use the Java remainder correction', () => {
		expect(assignWindows(-3 * S, spec(10 * S, 10 * S))).toEqual([{ start: -10 * S, end: 0 }]);
	});
	it('sub-second slides: 200 ms windows every 40 ms give 5 windows', () => {
		const ws = assignWindows(1459069200_410_000, spec(200_000, 40_000));
		expect(ws).toHaveLength(5);
		expect(ws[0]).toEqual({ start: 1459069200_400_000, end: 1459069200_600_000 });
		expect(ws[4]).toEqual({ start: 1459069200_240_000, end: 1459069200_440_000 });
	});
});
