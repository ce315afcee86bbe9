/**
 * Interval strings, as `F.window(t, "10 seconds")`, `withWatermark(c, "1 minute")` and SQL
 * `INTERVAL '2 seconds'` give them. Spark parses them with IntervalUtils.stringToInterval into a
 * CalendarInterval (months, days, microseconds); windows then require months == 0 ("Intervals
 * greater than a month is not supported", TimeWindow.getIntervalInMicroSeconds) and count a day
 * as exactly 24 hours (SPARK-SEMANTICS.md R3.1).
 */
import { err, ok, type Result } from '../../core/errors';

export interface CalendarInterval {
	readonly months: number;
	readonly days: number;
	readonly microseconds: number;
}

const MICROS: Readonly<Record<string, number>> = {
	microsecond: 1,
	millisecond: 1_000,
	second: 1_000_000,
	minute: 60_000_000,
	hour: 3_600_000_000
};

const UNITS = [
	'year',
	'month',
	'week',
	'day',
	'hour',
	'minute',
	'second',
	'millisecond',
	'microsecond'
];

/** Unit words Spark accepts (singular or plural), normalised to the singular. */
function unitOf(word: string): string | null {
	const w = word.toLowerCase();
	const singular = w.endsWith('s') ? w.slice(0, -1) : w;
	return UNITS.includes(singular) ? singular : null;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** "1 hour 30 minutes", "-10 seconds", "interval 5 seconds", "1.5 seconds" → CalendarInterval. */
export function parseCalendarInterval(text: string): Result<CalendarInterval, string> {
	const bad = (why: string): Result<never, string> =>
		err(`[INVALID_INTERVAL_FORMAT.${why}] Error parsing '${text}' to interval.`);
	const words = text
		.trim()
		.split(/\s+/)
		.filter((w) => w !== '');
	if (words.length > 0 && words[0]?.toLowerCase() === 'interval') words.shift();
	if (words.length === 0) return bad('INPUT_IS_EMPTY');
	let months = 0;
	let days = 0;
	let micros = 0;
	for (let i = 0; i < words.length; i += 2) {
		const num = words[i] ?? '';
		const unitWord = words[i + 1];
		if (!NUMBER.test(num)) {
			return err(
				`[INVALID_INTERVAL_FORMAT.INVALID_VALUE] Error parsing '${text}' to interval. Invalid value '${num}'.`
			);
		}
		if (unitWord === undefined) {
			return err(
				`[INVALID_INTERVAL_FORMAT.MISSING_UNIT] Error parsing '${text}' to interval. Missing unit after '${num}'.`
			);
		}
		const unit = unitOf(unitWord);
		if (unit === null) {
			return err(
				`[INVALID_INTERVAL_FORMAT.INVALID_UNIT] Error parsing '${text}' to interval. Invalid unit '${unitWord}'.`
			);
		}
		const value = Number(num);
		if (num.includes('.') && unit !== 'second') {
			return err(
				`[INVALID_INTERVAL_FORMAT.INVALID_FRACTION] Error parsing '${text}' to interval. '${num}' cannot have fractional part for unit '${unitWord}'.`
			);
		}
		if (unit === 'year') months += value * 12;
		else if (unit === 'month') months += value;
		else if (unit === 'week') days += value * 7;
		else if (unit === 'day') days += value;
		else micros += Math.round(value * (MICROS[unit] ?? 0));
	}
	return ok({ months, days, microseconds: micros });
}

export const MICROS_PER_DAY = 86_400_000_000;

/** A duration for windows, session gaps, watermark delays and triggers, in microseconds; `parse`
 *  is stringToInterval unless the caller reads the string as fromIntervalString does
 *  (interval-string.ts). */
export function parseDurationUs(
	text: string,
	parse: (text: string) => Result<CalendarInterval, string> = parseCalendarInterval
): Result<number, string> {
	const parsed = parse(text);
	if (!parsed.ok) return parsed;
	if (parsed.value.months !== 0) {
		return err(`Intervals greater than a month is not supported (${text}).`);
	}
	return ok(parsed.value.days * MICROS_PER_DAY + parsed.value.microseconds);
}
