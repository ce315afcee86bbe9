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

/** Digits the leading field may have (castStringToDTInterval's *BoundPattern). */
const LEAD_DIGITS: Readonly<Record<DayTimeField, number>> = {
	day: 9,
	hour: 10,
	minute: 12,
	second: 13
};
const LETTER: Readonly<Record<DayTimeField, string>> = {
	day: 'd',
	hour: 'h',
	minute: 'm',
	second: 's'
};

/** The fields from `from` to `to`, or null when `from` comes after `to`. */
const fieldsOf = (from: DayTimeField, to: DayTimeField): DayTimeField[] | null => {
	const a = ORDER.indexOf(from);
	const b = ORDER.indexOf(to);
	return a > b ? null : ORDER.slice(a, b + 1);
};

/** `d h:m:s` joined as Spark writes it: a space after the day, colons between clock fields. */
const joined = (fields: readonly DayTimeField[], part: (f: DayTimeField, i: number) => string) =>
	fields.map((f, i) => (i === 0 ? '' : fields[i - 1] === 'day' ? ' ' : ':') + part(f, i)).join('');

/** The value pattern of a pair, sign excluded; seconds take up to 9 fraction digits. */
const patternOf = (fields: readonly DayTimeField[]): string =>
	joined(fields, (f, i) => `(\\d{1,${i === 0 ? LEAD_DIGITS[f] : 2}})`) +
	(fields.at(-1) === 'second' ? '(\\.\\d{1,9})?' : '');

const typeName = (from: DayTimeField, to: DayTimeField) =>
	from === to ? `interval ${from}` : `interval ${from} to ${to}`;

export function unmatchedDayTime(input: string, from: DayTimeField, to: DayTimeField): string {
	const fields = fieldsOf(from, to) ?? [from];
	// IntervalUtils.supportedFormat: `[+|-]d h:m:s.n` and its INTERVAL literal form.
	const f = joined(fields, (x) => (x === 'second' ? 's.n' : LETTER[x]));
	const literal = `INTERVAL [+|-]'[+|-]${f}' ${from.toUpperCase()}${from === to ? '' : ` TO ${to.toUpperCase()}`}`;
	return (
		`[INVALID_INTERVAL_FORMAT.UNMATCHED_FORMAT_STRING_WITH_NOTICE] Interval string does not match day-time format of ` +
		`\`[+|-]${f}\`, \`${literal}\` when cast to ${typeName(from, to)}: ${input}. ` +
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
	const fields = fieldsOf(from, to);
	if (fields === null)
		return { ok: false, error: `Intervals FROM ${from} TO ${to} are not supported.` };
	const m = new RegExp(`^([+-])?${patternOf(fields)}$`).exec(value.trim());
	if (!m) return { ok: false, error: unmatchedDayTime(value, from, to) };
	const negative = (m[1] === '-') !== outerNegative;
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
