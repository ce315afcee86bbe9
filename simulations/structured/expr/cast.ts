/**
 * CAST with ANSI semantics (Spark 4 default, Cast with `ansiEnabled`): numbers → TIMESTAMP are
 * seconds since the epoch (×1e6 µs, fractions kept to the microsecond, truncated), TIMESTAMP →
 * integral is floor(seconds), TIMESTAMP → DOUBLE seconds with fraction; malformed strings and
 * out-of-range values raise CAST_INVALID_INPUT / CAST_OVERFLOW instead of giving NULL.
 * Source: Spark's Cast.scala (castToLong, castToTimestamp, canAnsiCast).
 */
import { err, ok, type Result } from '../../core/errors';
import type { DataType, Value } from './ast';
import { javaDouble, valueToString } from './format';
import { castInvalidInput, castOverflow } from './runtime-error';
import { sameType, sqlTypeName } from './types';
import { daysFromCivil, isValidDate } from '../../core/calendar';

type Convert = (v: Value) => Value;

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const LONG_LIMIT = 2 ** 63;

const INTEGRAL_STRING = /^[+-]?\d+(\.\d*)?$|^[+-]?\.\d+$/;
const DOUBLE_STRING = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[dDfF]?$/;
/** yyyy[-MM[-dd]][( |T)HH:mm[:ss[.fraction]]][zone], Spark's stringToTimestamp forms. */
const TIMESTAMP_STRING = new RegExp(
	'^([+-]?\\d{4,6})(?:-(\\d{1,2})(?:-(\\d{1,2}))?)?' +
		'(?:[ T](\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d{1,9}))?)?)?' +
		'\\s*(Z|UTC|[+-]\\d{2}:?\\d{2})?$',
	'i'
);

function sqlValue(v: Value, t: DataType): string {
	if (t.kind === 'string') return `'${String(v)}'`;
	if (t.kind === 'double') return `${javaDouble(v as number)}D`;
	if (t.kind === 'long') return `${String(v)}L`;
	return valueToString(v, t);
}

/** Range check for an integral target; `from` names the source type in the error. */
function integral(to: DataType, from: DataType): (n: number, original: Value) => number {
	const [lo, hi] = to.kind === 'int' ? [INT_MIN, INT_MAX] : [-LONG_LIMIT - 1, LONG_LIMIT];
	return (n, original) => {
		if (!(n >= lo && n <= hi)) {
			throw castOverflow(sqlValue(original, from), sqlTypeName(from), sqlTypeName(to));
		}
		return n;
	};
}

/** Parses Spark's timestamp strings in the UTC session time zone; null if malformed. */
export function parseTimestampString(s: string): number | null {
	const m = TIMESTAMP_STRING.exec(s.trim());
	if (m === null) return null;
	const num = (i: number, d = 0): number => (m[i] === undefined ? d : Number(m[i]));
	const [y, mo, d, h, mi, sec] = [num(1), num(2, 1), num(3, 1), num(4), num(5), num(6)];
	if (h > 23 || mi > 59 || sec > 59 || !isValidDate(y, mo, d)) return null;
	// Integer calendar arithmetic, not Date.UTC (which maps years 0-99 to 1900-1999 and stops
	// at year 275760).
	const ms = (daysFromCivil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + sec) * 1000;
	const frac = m[7] === undefined ? 0 : Math.trunc(Number(`0.${m[7]}`) * 1e6 + 1e-7);
	let offsetUs = 0;
	const zone = m[8]?.toUpperCase();
	if (zone !== undefined && zone !== 'Z' && zone !== 'UTC') {
		const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
		if (z === null) return null;
		offsetUs = (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 3600 + Number(z[3]) * 60) * 1e6;
	}
	const us = ms * 1000 + frac - offsetUs;
	// Past a Long of microseconds (about year 294247) Spark's multiplyExact overflows: no timestamp.
	return us >= -(2 ** 63) && us <= 2 ** 63 ? us : null;
}

/** Cast.typeCheckFailureMessage under ANSI: casts only the legacy mode allows (BOOLEAN ↔
 *  TIMESTAMP) suggest turning ANSI off; the rest cannot be cast at all. */
function castRefusal(from: DataType, to: DataType): string {
	const [f, t] = [`"${sqlTypeName(from)}"`, `"${sqlTypeName(to)}"`];
	const legacyOnly =
		(from.kind === 'boolean' && to.kind === 'timestamp') ||
		(from.kind === 'timestamp' && to.kind === 'boolean');
	if (!legacyOnly) return `CAST_WITHOUT_SUGGESTION|cannot cast ${f} to ${t}.`;
	const hint = `If you have to cast ${f} to ${t}, you can set "spark.sql.ansi.enabled" as 'false'.`;
	return `CAST_WITH_CONF_SUGGESTION|cannot cast ${f} to ${t} with ANSI mode on. ${hint}`;
}

/** The conversion of a non-null value from `from` to `to`, or Spark's analysis error as
 *  `<DATATYPE_MISMATCH subclass>|<detail>`. */
export function castFunction(from: DataType, to: DataType): Result<Convert, string> {
	if (sameType(from, to)) return ok((v) => v);
	if (from.kind === 'null') return ok(() => null);
	const invalid = (v: Value): never => {
		throw castInvalidInput(String(v), sqlTypeName(from), sqlTypeName(to));
	};
	const f = from.kind;
	switch (to.kind) {
		case 'string':
			return ok((v) => valueToString(v, from));
		case 'int':
		case 'long': {
			const check = integral(to, from);
			if (f === 'int' || f === 'long') return ok((v) => check(v as number, v));
			if (f === 'double') return ok((v) => check(Math.trunc(v as number), v));
			if (f === 'boolean') return ok((v) => (v ? 1 : 0));
			if (f === 'timestamp') return ok((v) => check(Math.floor((v as number) / 1e6), v));
			if (f === 'string') {
				return ok((v) => {
					const s = (v as string).trim();
					if (!INTEGRAL_STRING.test(s)) return invalid(v);
					const n = Math.trunc(Number(s));
					return Number.isFinite(n) ? check(n, v) : invalid(v);
				});
			}
			break;
		}
		case 'double':
			if (f === 'int' || f === 'long') return ok((v) => v);
			if (f === 'boolean') return ok((v) => (v ? 1 : 0));
			if (f === 'timestamp') return ok((v) => (v as number) / 1e6);
			if (f === 'string') {
				return ok((v) => {
					const s = (v as string).trim();
					const special = /^([+-]?)(inf|infinity)$/i.exec(s);
					if (special !== null) return special[1] === '-' ? -Infinity : Infinity;
					if (/^nan$/i.test(s)) return NaN;
					return DOUBLE_STRING.test(s) ? Number(s.replace(/[dDfF]$/, '')) : invalid(v);
				});
			}
			break;
		case 'boolean':
			if (f === 'int' || f === 'long' || f === 'double') return ok((v) => v !== 0);
			if (f === 'string') {
				return ok((v) => {
					const s = (v as string).trim().toLowerCase();
					if (['t', 'true', 'y', 'yes', '1'].includes(s)) return true;
					if (['f', 'false', 'n', 'no', '0'].includes(s)) return false;
					return invalid(v);
				});
			}
			break;
		case 'timestamp': {
			// longToTimestamp is TimeUnit.SECONDS.toMicros, which saturates at the ends of a Long
			// instead of overflowing: CAST(9000000000000000 AS TIMESTAMP) is +294247-01-10.
			if (f === 'int' || f === 'long')
				return ok((v) => Math.min(LONG_LIMIT, Math.max(-LONG_LIMIT, (v as number) * 1e6)));
			if (f === 'double') {
				// doubleToTimestampAnsi: DoubleExactNumeric.toLong(d * MICROS_PER_SECOND), so an
				// overflow names the product, a DOUBLE, and BIGINT (not the literal and TIMESTAMP).
				const check = integral({ kind: 'long' }, from);
				return ok((v) => {
					const d = v as number;
					if (!Number.isFinite(d)) return invalid(javaDouble(d));
					const us = d * 1e6;
					return check(Math.trunc(us), us);
				});
			}
			if (f === 'string') {
				return ok((v) => {
					const t = parseTimestampString(v as string);
					return t === null ? invalid(v) : t;
				});
			}
			break;
		}
		case 'array':
			if (from.kind === 'array') {
				const inner = castFunction(from.element, to.element);
				if (!inner.ok) return inner;
				const fn = inner.value;
				return ok((v) => (v as readonly Value[]).map((x) => (x === null ? null : fn(x))));
			}
			break;
		default:
			break;
	}
	return err(castRefusal(from, to));
}
