/**
 * Timestamp functions: timestamp_seconds / _millis / _micros (SecondsToTimestamp: integral
 * seconds multiply exactly, raising on overflow; a double keeps its fraction to the microsecond,
 * NaN and infinities give NULL), unix_seconds / _millis / _micros (floor), to_timestamp for
 * ISO-like text. Timestamps are microseconds since the epoch, UTC session time zone.
 */
import { ok } from '../../core/errors';
import type { Value } from './ast';
import { parseTimestampString } from './cast';
import { compiled, type Compiled } from './context';
import { checkArgs, strict1, wrongType, type FnSpec, type Registry } from './fn-common';
import { ExprRuntimeError, overflow } from './runtime-error';
import { LONG, TIMESTAMP, isIntegral, isNumeric } from './types';

const LONG_MAX = 2 ** 63;

function toTimestamp(unitUs: number, integralOnly: boolean): FnSpec {
	const accept = (c: Compiled): boolean =>
		c.type.kind === 'null' || (integralOnly ? isIntegral(c.type) : isNumeric(c.type));
	return {
		min: 1,
		max: 1,
		compile: (args, _e, name, at) => {
			const c = checkArgs(args, accept, integralOnly ? '"INTEGRAL"' : '"NUMERIC"', name, at);
			if (!c.ok) return c;
			const a = c.value[0] as Compiled;
			const fromDouble = (v: Value): Value => {
				const d = v as number;
				return Number.isFinite(d) ? Math.trunc(d * unitUs) : null;
			};
			const fromIntegral = (v: Value): Value => {
				const us = (v as number) * unitUs;
				if (us > LONG_MAX || us < -LONG_MAX - 1) throw overflow('long', 'try_multiply');
				return us;
			};
			const f = a.type.kind === 'double' ? fromDouble : fromIntegral;
			return ok(compiled(TIMESTAMP, name, a.nullable, strict1(a.eval, f)));
		}
	};
}

function fromTimestamp(unitUs: number): FnSpec {
	const accept = (c: Compiled): boolean => c.type.kind === 'timestamp' || c.type.kind === 'null';
	return {
		min: 1,
		max: 1,
		compile: (args, _e, name, at) => {
			const c = checkArgs(args, accept, '"TIMESTAMP"', name, at);
			if (!c.ok) return c;
			const a = c.value[0] as Compiled;
			const f = (v: Value): Value => Math.floor((v as number) / unitUs);
			return ok(compiled(LONG, name, a.nullable, strict1(a.eval, f)));
		}
	};
}

/** Patterns to_timestamp understands here: the ISO forms Spark's default parser reads. */
const ISO_PATTERNS = new Set([
	'yyyy-MM-dd HH:mm:ss',
	"yyyy-MM-dd'T'HH:mm:ss",
	'yyyy-MM-dd',
	'yyyy-MM-dd HH:mm:ss.SSS',
	"yyyy-MM-dd'T'HH:mm:ss.SSS"
]);

const toTimestampText: FnSpec = {
	min: 1,
	max: 2,
	compile: ([a, fmt], exprs, name, at) => {
		if (a === undefined) return wrongType(at, name, 0, '"STRING"');
		if (a.type.kind === 'timestamp') return ok({ ...a, name });
		if (a.type.kind !== 'string' && a.type.kind !== 'null') {
			return wrongType(at, name, 0, '"STRING"', a);
		}
		const pattern = exprs[1];
		const literal = pattern?.kind === 'lit' ? pattern.value : null;
		const known = typeof literal === 'string' && ISO_PATTERNS.has(literal);
		if (fmt !== undefined && !known) {
			return wrongType(at, name, 1, `one of the formats [${[...ISO_PATTERNS].join(', ')}]`, fmt);
		}
		const f = (v: Value): Value => {
			const t = parseTimestampString(v as string);
			if (t !== null) return t;
			const message =
				`Text '${String(v)}' could not be parsed. ` +
				'Use `try_to_timestamp` to tolerate invalid input string and return NULL instead.';
			throw new ExprRuntimeError('CANNOT_PARSE_TIMESTAMP', message);
		};
		return ok(compiled(TIMESTAMP, name, true, strict1(a.eval, f)));
	}
};

export const DATETIME_FUNCTIONS: Registry = {
	timestamp_seconds: toTimestamp(1_000_000, false),
	timestamp_millis: toTimestamp(1_000, true),
	timestamp_micros: toTimestamp(1, true),
	unix_seconds: fromTimestamp(1_000_000),
	unix_millis: fromTimestamp(1_000),
	unix_micros: fromTimestamp(1),
	to_timestamp: toTimestampText
};
