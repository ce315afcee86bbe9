/**
 * `INTERVAL '1 2:03:04.5' DAY TO SECOND` and the other unit-to-unit day-time forms (Spark 4.1
 * IntervalUtils.castStringToDTInterval through fromDayTimeString, as AstBuilder's
 * visitUnitToUnitInterval calls it): one pattern per (from, to) pair, a sign before the quote
 * and/or inside it (two minuses make a plus), hours < 24 and minutes, seconds < 60 below the
 * leading field, up to 9 fraction digits of a second (kept to the microsecond). A string that
 * does not match carries Spark's INVALID_INTERVAL_FORMAT text with its supported formats.
 */
import { MICROS_PER_DAY } from './duration';

export type DayTimeField = 'day' | 'hour' | 'minute' | 'second';

const ORDER: readonly DayTimeField[] = ['day', 'hour', 'minute', 'second'];
const MICROS: Readonly<Record<DayTimeField, number>> = {
	day: MICROS_PER_DAY,
	hour: 3_600_000_000,
	minute: 60_000_000,
	second: 1_000_000
};

const N = '(\\d{1,2})';
const FRACTION = '(\\.\\d{1,9})?';
/** The value pattern of each pair (castStringToDTInterval's *PatternString), sign excluded. */
const PATTERNS: Readonly<Record<string, string>> = {
	'day-day': '(\\d{1,9})',
	'day-hour': `(\\d{1,9}) ${N}`,
	'day-minute': `(\\d{1,9}) ${N}:${N}`,
	'day-second': `(\\d{1,9}) ${N}:${N}:${N}${FRACTION}`,
	'hour-hour': '(\\d{1,10})',
	'hour-minute': `(\\d{1,10}):${N}`,
	'hour-second': `(\\d{1,10}):${N}:${N}${FRACTION}`,
	'minute-minute': '(\\d{1,12})',
	'minute-second': `(\\d{1,12}):${N}${FRACTION}`,
	'second-second': `(\\d{1,13})${FRACTION}`
};
/** IntervalUtils.supportedFormat for day-time pairs. */
const FORMATS: Readonly<Record<string, string>> = {
	'day-day': '[+|-]d',
	'day-hour': '[+|-]d h',
	'day-minute': '[+|-]d h:m',
	'day-second': '[+|-]d h:m:s.n',
	'hour-hour': '[+|-]h',
	'hour-minute': '[+|-]h:m',
	'hour-second': '[+|-]h:m:s.n',
	'minute-minute': '[+|-]m',
	'minute-second': '[+|-]m:s.n',
	'second-second': '[+|-]s.n'
};

const typeName = (from: DayTimeField, to: DayTimeField) =>
	from === to ? `interval ${from}` : `interval ${from} to ${to}`;

const literalForm = (from: DayTimeField, to: DayTimeField, f: string) =>
	`INTERVAL [+|-]'[+|-]${f.slice(5)}' ${from.toUpperCase()}${from === to ? '' : ` TO ${to.toUpperCase()}`}`;

export function unmatchedDayTime(input: string, from: DayTimeField, to: DayTimeField): string {
	const f = FORMATS[`${from}-${to}`] ?? '';
	return (
		`[INVALID_INTERVAL_FORMAT.UNMATCHED_FORMAT_STRING_WITH_NOTICE] Interval string does not match day-time format of ` +
		`\`${f}\`, \`${literalForm(from, to, f)}\` when cast to ${typeName(from, to)}: ${input}. ` +
		'Set "spark.sql.legacy.fromDayTimeString.enabled" to "true" to restore the behavior before Spark 3.0. SQLSTATE: 22006'
	);
}

/**
 * The microseconds of `'value' FROM TO`, with `outerNegative` for a minus before the quote.
 * Throws the message Spark gives (a pattern mismatch, or a field out of its range).
 */
export function dayTimeUnitToUnit(
	value: string,
	from: DayTimeField,
	to: DayTimeField,
	outerNegative = false
): { ok: true; micros: number } | { ok: false; error: string } {
	const key = `${from}-${to}`;
	const pattern = PATTERNS[key];
	if (pattern === undefined || ORDER.indexOf(from) > ORDER.indexOf(to))
		return { ok: false, error: `Intervals FROM ${from} TO ${to} are not supported.` };
	const m = new RegExp(`^([+-])?${pattern}$`).exec(value.trim());
	if (!m) return { ok: false, error: unmatchedDayTime(value, from, to) };
	const negative = (m[1] === '-') !== outerNegative;
	const fields = ORDER.slice(ORDER.indexOf(from), ORDER.indexOf(to) + 1);
	let micros = 0;
	for (let i = 0; i < fields.length; i++) {
		const field = fields[i] as DayTimeField;
		const n = Number(m[i + 2]);
		// toLongWithRange: the leading field is unbounded, the ones below it are clock fields.
		const max = i === 0 ? Number.MAX_SAFE_INTEGER : field === 'hour' ? 23 : 59;
		if (n > max)
			return { ok: false, error: `requirement failed: ${field} ${n} outside range [0, ${max}]` };
		micros += n * MICROS[field];
	}
	const fraction = to === 'second' ? m[fields.length + 2] : undefined;
	if (fraction !== undefined) micros += Math.floor(Number(`0${fraction}`) * 1e6 + 1e-6);
	return { ok: true, micros: negative ? -micros : micros };
}
