/**
 * Binary operators with Spark SQL semantics: NULL in → NULL out; `/` on numbers gives DOUBLE,
 * `%` keeps the wider integral type (Java remainder: sign of the dividend); INT/BIGINT overflow
 * and division by zero raise (ANSI); timestamp ± interval, timestamp - timestamp; comparisons
 * after type coercion (numbers widen, a string meets the other side's type); three-valued AND/OR.
 */
import { ok, type Result } from '../../core/errors';
import type { BinaryOp, DataType, Pos, Value } from './ast';
import { castFunction } from './cast';
import { compareValues, valuesEqual } from './compare';
import { compiled, typeMismatch, type Compiled, type Eval } from './context';
import { divideByZero, overflow } from './runtime-error';
import {
	BOOLEAN,
	DOUBLE,
	INTERVAL,
	LONG,
	TIMESTAMP,
	commonType,
	isNumeric,
	sameType,
	sqlTypeName
} from './types';

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const LONG_MAX = 2 ** 63;

/** Casts `c` to `to` (non-null values only), keeping its name. */
export function coerce(c: Compiled, to: DataType): Compiled {
	if (sameType(c.type, to)) return c;
	const conv = castFunction(c.type, to);
	if (!conv.ok) return c;
	const f = conv.value;
	const e = c.eval;
	return compiled(to, c.name, c.nullable, (row) => {
		const v = e(row);
		return v === null ? null : f(v);
	});
}

/** The type both sides of a comparison or arithmetic meet at, or null if none. */
function meet(a: DataType, b: DataType): DataType | null {
	const common = commonType(a, b);
	if (common !== null) return common;
	if (a.kind === 'string' && isNumeric(b)) return b.kind === 'int' ? LONG : b;
	if (b.kind === 'string' && isNumeric(a)) return a.kind === 'int' ? LONG : a;
	if (a.kind === 'string' && b.kind === 'timestamp') return TIMESTAMP;
	if (b.kind === 'string' && a.kind === 'timestamp') return TIMESTAMP;
	return null;
}

function strict2(l: Eval, r: Eval, f: (a: number, b: number) => Value): Eval {
	return (row) => {
		const a = l(row);
		if (a === null) return null;
		const b = r(row);
		if (b === null) return null;
		return f(a as number, b as number);
	};
}

function checked(type: DataType, fn: string): (n: number) => number {
	if (type.kind === 'int') {
		return (n) => {
			if (n < INT_MIN || n > INT_MAX) throw overflow('integer', fn);
			return n;
		};
	}
	if (type.kind === 'long' || type.kind === 'timestamp' || type.kind === 'interval') {
		return (n) => {
			if (n < -LONG_MAX - 1 || n > LONG_MAX) throw overflow('long', fn);
			return n;
		};
	}
	return (n) => n;
}

/** `[DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES]` for `name`. */
function diffTypes(l: Compiled, r: Compiled, name: string, at: Pos): Result<never> {
	const types = `("${sqlTypeName(l.type)}" and "${sqlTypeName(r.type)}")`;
	const detail = `the left and right operands of the binary operator have incompatible types ${types}.`;
	return typeMismatch(at, 'BINARY_OP_DIFF_TYPES', name, detail);
}

function arithmetic(
	op: BinaryOp,
	l: Compiled,
	r: Compiled,
	name: string,
	at: Pos
): Result<Compiled> {
	const lt = l.type.kind;
	const rt = r.type.kind;
	const nullable = l.nullable || r.nullable;
	const diff = (): Result<never> => diffTypes(l, r, name, at);
	// Datetime arithmetic first: TimestampAddInterval, SubtractTimestamps.
	if (op === '+' || op === '-') {
		const sign = op === '+' ? 1 : -1;
		if (lt === 'timestamp' && rt === 'interval') {
			const c = checked(TIMESTAMP, 'try_add');
			const f = strict2(l.eval, r.eval, (a, b) => c(a + sign * b));
			return ok(compiled(TIMESTAMP, name, nullable, f));
		}
		if (op === '+' && lt === 'interval' && rt === 'timestamp') {
			return ok(
				compiled(
					TIMESTAMP,
					name,
					nullable,
					strict2(l.eval, r.eval, (a, b) => a + b)
				)
			);
		}
		if (op === '-' && lt === 'timestamp' && rt === 'timestamp') {
			return ok(
				compiled(
					INTERVAL,
					name,
					nullable,
					strict2(l.eval, r.eval, (a, b) => a - b)
				)
			);
		}
		if (lt === 'interval' && (rt === 'interval' || rt === 'null')) {
			const f = strict2(l.eval, r.eval, (a, b) => a + sign * b);
			return ok(compiled(INTERVAL, name, nullable, f));
		}
	}
	if ((op === '*' || op === '/') && lt === 'interval' && isNumeric(r.type)) {
		const f =
			op === '*'
				? (a: number, b: number) => Math.trunc(a * b)
				: (a: number, b: number) => {
						if (b === 0) throw divideByZero();
						return Math.trunc(a / b);
					};
		return ok(compiled(INTERVAL, name, nullable, strict2(l.eval, r.eval, f)));
	}
	const type = meet(l.type, r.type);
	if (type === null || !(isNumeric(type) || type.kind === 'null')) return diff();
	const t = type.kind === 'null' ? DOUBLE : type;
	const le = coerce(l, t).eval;
	const re = coerce(r, t).eval;
	switch (op) {
		case '+': {
			const c = checked(t, 'try_add');
			return ok(
				compiled(
					t,
					name,
					nullable,
					strict2(le, re, (a, b) => c(a + b))
				)
			);
		}
		case '-': {
			const c = checked(t, 'try_subtract');
			return ok(
				compiled(
					t,
					name,
					nullable,
					strict2(le, re, (a, b) => c(a - b))
				)
			);
		}
		case '*': {
			const c = checked(t, 'try_multiply');
			return ok(
				compiled(
					t,
					name,
					nullable,
					strict2(le, re, (a, b) => c(a * b))
				)
			);
		}
		case '/':
			return ok(
				compiled(
					DOUBLE,
					name,
					true,
					strict2(le, re, (a, b) => {
						if (b === 0) throw divideByZero();
						return a / b;
					})
				)
			);
		case '%':
			return ok(
				compiled(
					t,
					name,
					true,
					strict2(le, re, (a, b) => {
						if (b === 0) throw divideByZero();
						return a % b;
					})
				)
			);
		default:
			return diff();
	}
}

function comparison(
	op: BinaryOp,
	l: Compiled,
	r: Compiled,
	name: string,
	at: Pos
): Result<Compiled> {
	const type = meet(l.type, r.type);
	if (type === null) return diffTypes(l, r, name, at);
	const le = coerce(l, type).eval;
	const re = coerce(r, type).eval;
	if (op === '<=>') {
		return ok(
			compiled(BOOLEAN, name, false, (row) => {
				const a = le(row);
				const b = re(row);
				return a === null || b === null ? a === b : valuesEqual(a, b);
			})
		);
	}
	const test: (a: Value, b: Value) => boolean =
		op === '='
			? valuesEqual
			: op === '!='
				? (a, b) => !valuesEqual(a, b)
				: op === '<'
					? (a, b) => compareValues(a, b) < 0
					: op === '<='
						? (a, b) => compareValues(a, b) <= 0
						: op === '>'
							? (a, b) => compareValues(a, b) > 0
							: (a, b) => compareValues(a, b) >= 0;
	const simple = type.kind === 'long' || type.kind === 'int' || type.kind === 'timestamp';
	// Integral and timestamp values are plain numbers without NaN: JavaScript operators suffice.
	const fast: ((a: number, b: number) => boolean) | null = !simple
		? null
		: op === '='
			? (a, b) => a === b
			: op === '!='
				? (a, b) => a !== b
				: op === '<'
					? (a, b) => a < b
					: op === '<='
						? (a, b) => a <= b
						: op === '>'
							? (a, b) => a > b
							: (a, b) => a >= b;
	const nullable = l.nullable || r.nullable;
	if (fast !== null) return ok(compiled(BOOLEAN, name, nullable, strict2(le, re, fast)));
	return ok(
		compiled(BOOLEAN, name, nullable, (row) => {
			const a = le(row);
			if (a === null) return null;
			const b = re(row);
			if (b === null) return null;
			return test(a, b);
		})
	);
}

function logical(
	op: 'AND' | 'OR',
	l: Compiled,
	r: Compiled,
	name: string,
	at: Pos
): Result<Compiled> {
	for (const [side, c] of [
		['first', l],
		['second', r]
	] as const) {
		if (c.type.kind !== 'boolean' && c.type.kind !== 'null') {
			const found = `"${c.name}" has the type "${sqlTypeName(c.type)}"`;
			const detail = `The ${side} parameter requires the "BOOLEAN" type, however ${found}.`;
			return typeMismatch(at, 'UNEXPECTED_INPUT_TYPE', name, detail);
		}
	}
	const le = l.eval;
	const re = r.eval;
	const nullable = l.nullable || r.nullable;
	if (op === 'AND') {
		return ok(
			compiled(BOOLEAN, name, nullable, (row) => {
				const a = le(row);
				if (a === false) return false;
				const b = re(row);
				if (b === false) return false;
				return a === null || b === null ? null : true;
			})
		);
	}
	return ok(
		compiled(BOOLEAN, name, nullable, (row) => {
			const a = le(row);
			if (a === true) return true;
			const b = re(row);
			if (b === true) return true;
			return a === null || b === null ? null : false;
		})
	);
}

export function compileBinary(
	op: BinaryOp,
	l: Compiled,
	r: Compiled,
	name: string,
	at: Pos
): Result<Compiled> {
	switch (op) {
		case 'AND':
		case 'OR':
			return logical(op, l, r, name, at);
		case '+':
		case '-':
		case '*':
		case '/':
		case '%':
			return arithmetic(op, l, r, name, at);
		default:
			return comparison(op, l, r, name, at);
	}
}
