/**
 * IntervalUtils.fromIntervalString (Spark 4.1), what `withWatermark` and `F.window` read their
 * duration strings with: a string that starts with "interval" is parsed as a SQL interval literal
 * (so the unit-to-unit form `INTERVAL '0 00:00:10' DAY TO SECOND`, `INTERVAL '10' SECOND` and
 * `INTERVAL '10 seconds'` are accepted), any other string by stringToInterval
 * (duration.ts: "10 seconds", "1 hour 30 minutes"). A string neither reads fails with
 * CANNOT_PARSE_INTERVAL (Spark 4.1 run on `withWatermark("t", "10 foo")` and `F.window`).
 */
import { err, ok, type Result } from '../../core/errors';
import { parseCalendarInterval, parseDurationUs, type CalendarInterval } from './duration';
import { parseSqlExpr } from './sql-parser';

export function fromIntervalString(text: string): Result<CalendarInterval, string> {
	const parsed = text.trim().toLowerCase().startsWith('interval')
		? sqlInterval(text)
		: parseCalendarInterval(text);
	// Any failure surfaces as QueryCompilationErrors.cannotParseIntervalError (checked on 4.1).
	return parsed.ok ? parsed : err(cannotParseInterval(text));
}

function sqlInterval(text: string): Result<CalendarInterval, string> {
	const parsed = parseSqlExpr(text.trim());
	if (!parsed.ok) return err(parsed.error.message);
	const e = parsed.value;
	// The SQL literal is a day-time interval in microseconds (sql-interval.ts).
	return e.kind === 'lit' && typeof e.value === 'number'
		? ok({ months: 0, days: 0, microseconds: e.value })
		: err('not an interval literal');
}

/** Spark's CANNOT_PARSE_INTERVAL, the string quoted as toSQLValue quotes it. */
const cannotParseInterval = (text: string): string =>
	`[CANNOT_PARSE_INTERVAL] Unable to parse '${text.replace(/[\\']/g, (c) => `\\${c}`)}'. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. If the issue persists, please double check that the input value is not null or empty and try again. SQLSTATE: 22006`;

/** fromIntervalString for a window's or a session gap's duration, which must not hold months. */
export const durationFromIntervalString = (text: string): Result<number, string> =>
	parseDurationUs(text, fromIntervalString);
