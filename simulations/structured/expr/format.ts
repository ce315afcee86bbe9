/**
 * Values rendered as Spark renders them: CAST(x AS STRING) and literal column names. Doubles
 * print as Java's Double.toString (1.0, 1.5E10, 1.0E-4), timestamps as
 * `yyyy-MM-dd HH:mm:ss[.ffffff]` in the session time zone (UTC here, trailing zeros of the
 * fraction dropped), as Cast.castToString and TimestampFormatter do.
 */
import type { DataType, Value } from './ast';
import { dateTimeText } from '../../core/calendar';

export function javaDouble(n: number): string {
	if (Number.isNaN(n)) return 'NaN';
	if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
	if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
	const abs = Math.abs(n);
	if (abs >= 1e-3 && abs < 1e7) {
		const s = String(n);
		return s.includes('.') ? s : `${s}.0`;
	}
	const [mantissa = '', exponent = ''] = n.toExponential().split('e');
	const m = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
	return `${m}E${exponent.replace('+', '')}`;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Microseconds since the epoch → Spark's timestamp string (UTC). */
export function formatTimestamp(us: number): string {
	// Not Date: it stops at year 275760, a Long of microseconds reaches 294247.
	const base = dateTimeText(Math.floor(us / 1000));
	const micros = us - Math.floor(us / 1_000_000) * 1_000_000;
	if (micros === 0) return base;
	return `${base}.${pad(Math.round(micros), 6).replace(/0+$/, '')}`;
}

/** A day-time interval as ANSI SQL prints it: INTERVAL '0 00:00:05' DAY TO SECOND. */
export function formatInterval(us: number): string {
	const sign = us < 0 ? '-' : '';
	let rest = Math.abs(us);
	const days = Math.floor(rest / 86_400_000_000);
	rest -= days * 86_400_000_000;
	const h = Math.floor(rest / 3_600_000_000);
	rest -= h * 3_600_000_000;
	const m = Math.floor(rest / 60_000_000);
	rest -= m * 60_000_000;
	const s = Math.floor(rest / 1_000_000);
	const frac = rest - s * 1_000_000;
	const secs = frac === 0 ? pad(s) : `${pad(s)}.${pad(frac, 6).replace(/0+$/, '')}`;
	return `INTERVAL '${sign}${days} ${pad(h)}:${pad(m)}:${secs}' DAY TO SECOND`;
}

/** CAST(v AS STRING) for a value of type t (v not null). */
export function valueToString(v: Value, t: DataType): string {
	if (v === null) return 'NULL';
	switch (t.kind) {
		case 'double':
			return javaDouble(v as number);
		case 'timestamp':
			return formatTimestamp(v as number);
		case 'interval':
			return formatInterval(v as number);
		case 'array': {
			const items = (v as readonly Value[]).map((x) =>
				x === null ? 'null' : valueToString(x, t.element)
			);
			return `[${items.join(', ')}]`;
		}
		case 'struct': {
			const o = v as { readonly [f: string]: Value };
			const items = t.fields.map((f) => {
				const x = o[f.name] ?? null;
				return x === null ? 'null' : valueToString(x, f.type);
			});
			return `{${items.join(', ')}}`;
		}
		default:
			return String(v);
	}
}

/** An interval literal as Spark's Literal.sql prints a DayTimeIntervalType value, its fields
 *  taken from the largest to the smallest non-zero unit: INTERVAL '05' SECOND,
 *  INTERVAL '01:30' HOUR TO MINUTE, INTERVAL '1 00:00:05' DAY TO SECOND. */
export function intervalLiteralSql(us: number): string {
	const sign = us < 0 ? '-' : '';
	let rest = Math.abs(us);
	const parts: number[] = [];
	for (const size of [86_400_000_000, 3_600_000_000, 60_000_000]) {
		parts.push(Math.floor(rest / size));
		rest -= (parts[parts.length - 1] ?? 0) * size;
	}
	parts.push(rest / 1_000_000);
	const names = ['DAY', 'HOUR', 'MINUTE', 'SECOND'];
	let first = parts.findIndex((p) => p !== 0);
	let last = parts.length - 1 - [...parts].reverse().findIndex((p) => p !== 0);
	if (first < 0) first = last = 3;
	const text = (i: number): string => {
		const v = parts[i] ?? 0;
		if (i === 0) return String(v);
		if (i === 3 && !Number.isInteger(v)) {
			const micros = String(Math.round((v % 1) * 1e6)).padStart(6, '0');
			return `${pad(Math.floor(v))}.${micros.replace(/0+$/, '')}`;
		}
		return pad(v);
	};
	const sep = (i: number): string => (i === 1 ? ' ' : ':');
	let body = text(first);
	for (let i = first + 1; i <= last; i++) body += sep(i) + text(i);
	const unit = first === last ? names[first] : `${names[first]} TO ${names[last]}`;
	return `INTERVAL '${sign}${body}' ${unit}`;
}
