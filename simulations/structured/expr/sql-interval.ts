/**
 * SQL interval literals: `INTERVAL 5 SECONDS`, `interval '10' second`, `INTERVAL '2 seconds'`,
 * `INTERVAL 1 HOUR 30 MINUTES` (SqlBaseParser's multiUnitsInterval), and the unit-to-unit forms
 * `INTERVAL '1 2:03:04' DAY TO SECOND`, `INTERVAL -'10:20' MINUTE TO SECOND`
 * (unitToUnitInterval, interval-unit-to-unit.ts). The engine models
 * day-time intervals only, in microseconds; year-month intervals are rejected, as windows and
 * event-time arithmetic on streams need absolute durations (TimeWindow, R3.1).
 */
import type { Expr } from './ast';
import { parseCalendarInterval, MICROS_PER_DAY } from './duration';
import { SqlSyntaxError } from './sql-lexer';
import type { SqlParser } from './sql-parser';
import { INTERVAL } from './types';
import { dayTimeUnitToUnit, type DayTimeField } from './interval-unit-to-unit';

const UNIT = /^(year|month|week|day|hour|minute|second|millisecond|microsecond)s?$/i;

const YEAR_MONTH =
	'Year-month intervals are not supported: streaming windows and event-time arithmetic use day-time intervals (days, hours, minutes, seconds).';

const fieldOf = (unit: string): string => unit.toLowerCase().replace(/s$/, '');

export function parseIntervalLiteral(p: SqlParser, offset: number): Expr {
	const parts: string[] = [];
	/** Microseconds of the unit-to-unit parts (`'1 2:03' DAY TO MINUTE`). */
	let unitToUnit = 0;
	let sawUnitToUnit = false;
	const first = p.peek();
	if (first.kind === 'string' && !(p.peek(1).kind === 'ident' && UNIT.test(p.peek(1).text))) {
		p.next();
		parts.push(first.text);
	} else {
		while (true) {
			let sign = '';
			// A sign belongs to the interval only when a value follows it (`- 5 seconds`); after the
			// last unit it is the enclosing expression's operator (`s - INTERVAL 5 SECONDS - t`).
			const after = p.peek(1).kind;
			if ((p.isOp('-') || p.isOp('+')) && (after === 'number' || after === 'string'))
				sign = p.next().text === '-' ? '-' : '';
			const v = p.peek();
			if (v.kind !== 'number' && v.kind !== 'string') {
				if (parts.length === 0 && !sawUnitToUnit) p.fail();
				break;
			}
			p.next();
			const u = p.peek();
			if (u.kind !== 'ident' || !UNIT.test(u.text)) p.fail();
			p.next();
			const value = v.text.trim();
			if (p.isKw('to')) {
				p.next();
				const u2 = p.peek();
				if (u2.kind !== 'ident' || !UNIT.test(u2.text)) p.fail();
				p.next();
				const from = fieldOf(u.text);
				const to = fieldOf(u2.text);
				if (['year', 'month'].includes(from) || ['year', 'month'].includes(to))
					throw new SqlSyntaxError(offset, YEAR_MONTH);
				const r = dayTimeUnitToUnit(v.text, from as DayTimeField, to as DayTimeField, sign === '-');
				if (!r.ok) throw new SqlSyntaxError(v.offset, r.error);
				unitToUnit += r.micros;
				sawUnitToUnit = true;
				continue;
			}
			const negated = sign === '-' ? (value.startsWith('-') ? value.slice(1) : `-${value}`) : value;
			parts.push(`${negated} ${u.text}`);
		}
	}
	const text = parts.length === 0 ? '0 seconds' : parts.join(' ');
	const parsed = parseCalendarInterval(text);
	if (!parsed.ok) throw new SqlSyntaxError(first.offset, parsed.error);
	if (parsed.value.months !== 0) {
		throw new SqlSyntaxError(offset, YEAR_MONTH);
	}
	const micros = parsed.value.days * MICROS_PER_DAY + parsed.value.microseconds + unitToUnit;
	return { kind: 'lit', value: micros, type: INTERVAL, at: p.pos(offset) };
}
