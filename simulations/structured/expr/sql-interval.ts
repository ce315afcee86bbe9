/**
 * SQL interval literals: `INTERVAL 5 SECONDS`, `interval '10' second`, `INTERVAL '2 seconds'`,
 * `INTERVAL 1 HOUR 30 MINUTES` (SqlBaseParser's multiUnitsInterval). The engine models
 * day-time intervals only, in microseconds; year-month intervals are rejected, as windows and
 * event-time arithmetic on streams need absolute durations (TimeWindow, R3.1).
 */
import type { Expr } from './ast';
import { parseCalendarInterval, MICROS_PER_DAY } from './duration';
import { SqlSyntaxError } from './sql-lexer';
import type { SqlParser } from './sql-parser';
import { INTERVAL } from './types';

const UNIT = /^(year|month|week|day|hour|minute|second|millisecond|microsecond)s?$/i;

export function parseIntervalLiteral(p: SqlParser, offset: number): Expr {
	const parts: string[] = [];
	const first = p.peek();
	if (first.kind === 'string' && !(p.peek(1).kind === 'ident' && UNIT.test(p.peek(1).text))) {
		p.next();
		parts.push(first.text);
	} else {
		while (true) {
			let sign = '';
			if (p.isOp('-') || p.isOp('+')) sign = p.next().text === '-' ? '-' : '';
			const v = p.peek();
			if (v.kind !== 'number' && v.kind !== 'string') {
				if (parts.length === 0) p.fail();
				break;
			}
			p.next();
			const u = p.peek();
			if (u.kind !== 'ident' || !UNIT.test(u.text)) p.fail();
			p.next();
			const value = v.text.trim();
			const negated = sign === '-' ? (value.startsWith('-') ? value.slice(1) : `-${value}`) : value;
			parts.push(`${negated} ${u.text}`);
			if (p.isKw('to')) {
				throw new SqlSyntaxError(
					p.peek().offset,
					'Interval literals with `TO` units are not supported here; write e.g. INTERVAL 90 SECONDS.'
				);
			}
		}
	}
	const text = parts.join(' ');
	const parsed = parseCalendarInterval(text);
	if (!parsed.ok) throw new SqlSyntaxError(first.offset, parsed.error);
	if (parsed.value.months !== 0) {
		throw new SqlSyntaxError(
			offset,
			'Year-month intervals are not supported: streaming windows and event-time arithmetic use day-time intervals (days, hours, minutes, seconds).'
		);
	}
	const micros = parsed.value.days * MICROS_PER_DAY + parsed.value.microseconds;
	return { kind: 'lit', value: micros, type: INTERVAL, at: p.pos(offset) };
}
