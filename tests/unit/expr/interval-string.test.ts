// IntervalUtils.fromIntervalString, as withWatermark and F.window read their strings on Spark 4.1
// (checked with PySpark 4.1: all four accepted forms ran; "10 foo" and "INTERVAL '10' FOO" failed
// with CANNOT_PARSE_INTERVAL in both calls).
import { describe, expect, it } from 'vitest';
import {
	durationFromIntervalString,
	fromIntervalString
} from '../../../simulations/structured/expr/interval-string';

const TEN_S = 10_000_000;

describe('fromIntervalString', () => {
	it('reads the unit list and every SQL interval literal form to the same 10 seconds', () => {
		for (const text of [
			'10 seconds',
			'interval 10 seconds',
			"INTERVAL '0 00:00:10' DAY TO SECOND",
			"INTERVAL '00:10' MINUTE TO SECOND",
			"INTERVAL '10' SECOND",
			"INTERVAL '10 seconds'"
		])
			expect([text, durationFromIntervalString(text)]).toEqual([text, { ok: true, value: TEN_S }]);
	});
	it('fails with CANNOT_PARSE_INTERVAL, the string quoted as Spark quotes it', () => {
		const bad = fromIntervalString("INTERVAL '10' FOO");
		expect(bad.ok).toBe(false);
		if (!bad.ok)
			expect(bad.error).toBe(
				"[CANNOT_PARSE_INTERVAL] Unable to parse 'INTERVAL \\'10\\' FOO'. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. If the issue persists, please double check that the input value is not null or empty and try again. SQLSTATE: 22006"
			);
		const foo = fromIntervalString('10 foo');
		expect(foo.ok ? '' : foo.error).toMatch(
			/^\[CANNOT_PARSE_INTERVAL\] Unable to parse '10 foo'\./
		);
	});
	it('keeps months for a watermark delay; a window duration refuses them', () => {
		expect(fromIntervalString('1 month')).toEqual({
			ok: true,
			value: { months: 1, days: 0, microseconds: 0 }
		});
		expect(durationFromIntervalString('1 month').ok).toBe(false);
	});
});
