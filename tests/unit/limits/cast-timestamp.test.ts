// Numbers cast to TIMESTAMP as Spark's Cast does them: a BIGINT saturates at the ends of a Long
// (TimeUnit.SECONDS.toMicros), a DOUBLE overflows in DoubleExactNumeric.toLong(d * 1e6), so the
// message names the product, DOUBLE and BIGINT.
import { describe, expect, it } from 'vitest';
import { formatTimestamp } from '../../../simulations/structured/expr/format';
import { DOUBLE, LONG, evalSql, field } from '../expr/helpers';

const schema = [field('n', LONG), field('d', DOUBLE)];

describe('CAST(number AS TIMESTAMP) at the ends of the range', () => {
	it('a BIGINT of seconds past the range saturates to the last microsecond of a Long', () => {
		const t = evalSql('CAST(9000000000000000 AS TIMESTAMP)', schema, [0, 0]);
		expect(formatTimestamp(t as number)).toMatch(/^\+294247-01-10 04:00:54\.77/);
		const low = evalSql('CAST(n AS TIMESTAMP)', schema, [-9e15, 0]);
		expect(formatTimestamp(low as number)).toMatch(/^-290308-12-21 19:59:05\.22/);
	});

	it('a DOUBLE past the range is CAST_OVERFLOW of the microseconds, DOUBLE to BIGINT', () => {
		for (const text of ['CAST(9e15 AS TIMESTAMP)', 'CAST(d AS TIMESTAMP)']) {
			expect(() => evalSql(text, schema, [0, 9e15])).toThrow(
				'[CAST_OVERFLOW] The value 9.0E21D of the type "DOUBLE" cannot be cast to "BIGINT" due to an overflow.'
			);
		}
	});

	it('a DOUBLE inside the range keeps its microseconds', () => {
		expect(evalSql('CAST(d AS TIMESTAMP)', schema, [0, 9e12])).toBe(9e18);
	});
});
