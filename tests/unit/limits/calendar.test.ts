import { describe, expect, it } from 'vitest';
import { civilFromMs, daysFromCivil, isoText, yearText } from '../../../simulations/core/calendar';
import { formatTimestamp } from '../../../simulations/structured/expr/format';
import { parseTimestampString } from '../../../simulations/structured/expr/cast';
import { iso } from '../../../simulations/structured/runtime/progress';

describe('timestamps over a Long of microseconds', () => {
	it('agrees with Date wherever Date reaches, day by day over 800 years and at random', () => {
		for (let ms = -5e12; ms < 2e13; ms += 86_400_000 * 97 + 3_600_007) {
			const c = civilFromMs(ms);
			const d = new Date(ms);
			expect([c.year, c.month, c.day, c.hour, c.minute, c.second, c.ms]).toEqual([
				d.getUTCFullYear(),
				d.getUTCMonth() + 1,
				d.getUTCDate(),
				d.getUTCHours(),
				d.getUTCMinutes(),
				d.getUTCSeconds(),
				d.getUTCMilliseconds()
			]);
			expect(daysFromCivil(c.year, c.month, c.day)).toBe(Math.floor(ms / 86_400_000));
			expect(isoText(ms)).toBe(d.toISOString());
		}
	});

	it("formats the ends of Spark's range (years -290308 to +294247), where Date throws", () => {
		expect(() => new Date(9.2e15).toISOString()).toThrow('Invalid time value');
		expect(formatTimestamp(2 ** 63)).toMatch(/^\+294247-01-10 04:00:54\.77/);
		expect(iso(-(2 ** 63) / 1000)).toBe('-290308-12-21T19:59:05.224Z');
		expect(yearText(12)).toBe('0012');
		expect(yearText(-1)).toBe('-0001');
	});

	it("parses Spark's timestamp strings with 4 to 6 digit, signed years; years below 100 stay themselves", () => {
		expect(parseTimestampString('0050-03-01 00:00:00')).toBe(
			daysFromCivil(50, 3, 1) * 86_400_000_000
		);
		expect(formatTimestamp(parseTimestampString('+287000-01-01 12:00:00') as number)).toBe(
			'+287000-01-01 12:00:00'
		);
		expect(parseTimestampString('2023-02-29')).toBeNull();
		expect(parseTimestampString('2024-02-29')).not.toBeNull();
		expect(parseTimestampString('999999-01-01')).toBeNull();
	});
});
