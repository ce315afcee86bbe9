/**
 * Python arithmetic on subset values. The rules that differ from JavaScript and change results:
 * `/` always gives a float; `//` floors and `%` takes the sign of the divisor (-7 // 2 == -4,
 * -7 % 2 == 1); int ** negative int is a float; bool is an int; str/list/tuple support + and *.
 * Ints are exact JS numbers up to 2**53; a larger result raises OverflowError (documented limit).
 */
import { formatPercent } from './percent';
import { PyFloat, PyTuple, numeric, typeName } from './values';
import type { PyValue, Raise } from './values';
import { pushAll } from '../core/arrays';
import { CHARS_PER_STEP, chargeWork } from './meter';

const isInt = (v: PyValue): v is number | boolean =>
	typeof v === 'number' || typeof v === 'boolean';

function int(n: number, raise: Raise): number {
	if (!Number.isSafeInteger(n)) {
		throw raise('OverflowError', 'integer result exceeds the simulator range (2**53)');
	}
	return n === 0 ? 0 : n;
}

export function floorDivInt(a: number, b: number): number {
	const r = a % b;
	const q = (a - r) / b;
	return r !== 0 && r < 0 !== b < 0 ? q - 1 : q;
}

export function modInt(a: number, b: number): number {
	const r = a % b;
	return r !== 0 && r < 0 !== b < 0 ? r + b : r === 0 ? 0 : r;
}

function floatMod(a: number, b: number): number {
	const r = a % b;
	return r !== 0 && r < 0 !== b < 0 ? r + b : r;
}

function unsupported(op: string, a: PyValue, b: PyValue, raise: Raise): never {
	throw raise(
		'TypeError',
		`unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`
	);
}

function repeat<T>(items: readonly T[], n: number): T[] {
	chargeWork(items.length * n);
	const out: T[] = [];
	for (let i = 0; i < n; i++) pushAll(out, items);
	return out;
}

export function binaryOp(op: string, a: PyValue, b: PyValue, raise: Raise): PyValue {
	const na = numeric(a);
	const nb = numeric(b);
	if (na !== undefined && nb !== undefined) return numericOp(op, a, b, na, nb, raise);
	if (op === '+') {
		if (typeof a === 'string' && typeof b === 'string') {
			chargeWork(Math.floor((a.length + b.length) / CHARS_PER_STEP));
			return a + b;
		}
		if (Array.isArray(a) && Array.isArray(b)) {
			chargeWork(a.length + b.length);
			return [...a, ...b];
		}
		if (a instanceof PyTuple && b instanceof PyTuple) return new PyTuple([...a.items, ...b.items]);
	}
	if (op === '*') {
		const [seq, n] = isInt(b) ? [a, Number(b)] : [b, na];
		if (n !== undefined && (isInt(a) || isInt(b))) {
			if (typeof seq === 'string') {
				chargeWork(Math.floor((seq.length * Math.max(0, n)) / CHARS_PER_STEP));
				return seq.repeat(Math.max(0, n));
			}
			if (Array.isArray(seq)) return repeat(seq, n);
			if (seq instanceof PyTuple) return new PyTuple(repeat(seq.items, n));
		}
	}
	if (op === '%' && typeof a === 'string') return formatPercent(a, b, raise);
	return unsupported(op, a, b, raise);
}

function numericOp(
	op: string,
	a: PyValue,
	b: PyValue,
	x: number,
	y: number,
	raise: Raise
): PyValue {
	const ints = isInt(a) && isInt(b);
	switch (op) {
		case '+':
			return ints ? int(x + y, raise) : new PyFloat(x + y);
		case '-':
			return ints ? int(x - y, raise) : new PyFloat(x - y);
		case '*':
			return ints ? int(x * y, raise) : new PyFloat(x * y);
		case '/':
			if (y === 0)
				throw raise('ZeroDivisionError', ints ? 'division by zero' : 'float division by zero');
			return new PyFloat(x / y);
		case '//':
			if (y === 0) {
				throw raise(
					'ZeroDivisionError',
					ints ? 'integer division or modulo by zero' : 'float floor division by zero'
				);
			}
			return ints ? int(floorDivInt(x, y), raise) : new PyFloat(Math.floor(x / y));
		case '%':
			if (y === 0)
				throw raise('ZeroDivisionError', ints ? 'integer modulo by zero' : 'float modulo');
			return ints ? modInt(x, y) : new PyFloat(floatMod(x, y));
		case '**':
			if (ints && y >= 0) return int(x ** y, raise);
			if (x === 0 && y < 0)
				throw raise('ZeroDivisionError', '0.0 cannot be raised to a negative power');
			if (x < 0 && !Number.isInteger(y))
				throw raise('NotSupported', 'a complex result (negative number to a fractional power)');
			return new PyFloat(x ** y);
		case '&':
		case '|':
		case '^':
		case '<<':
		case '>>':
			if (!ints) return unsupported(op, a, b, raise);
			return bitOp(op, x, y, typeof a === 'boolean' && typeof b === 'boolean', raise);
		case '@':
			return unsupported(op, a, b, raise);
	}
	throw raise('NotSupported', `the operator ${op}`);
}

function bitOp(op: string, x: number, y: number, bools: boolean, raise: Raise): PyValue {
	if (Math.abs(x) > 2 ** 31 || Math.abs(y) > 2 ** 31)
		throw raise('OverflowError', 'bit operation outside the simulator range (2**31)');
	const r =
		op === '&'
			? x & y
			: op === '|'
				? x | y
				: op === '^'
					? x ^ y
					: op === '<<'
						? int(x * 2 ** y, raise)
						: Math.floor(x / 2 ** y);
	return bools && op !== '<<' && op !== '>>' ? r !== 0 : r;
}

export function unaryOp(op: string, v: PyValue, raise: Raise): PyValue {
	const n = numeric(v);
	if (n === undefined)
		throw raise('TypeError', `bad operand type for unary ${op}: '${typeName(v)}'`);
	if (op === '-') return v instanceof PyFloat ? new PyFloat(-n) : int(-n, raise);
	if (op === '+') return v instanceof PyFloat ? v : n;
	if (op === '~' && !(v instanceof PyFloat)) return int(-n - 1, raise);
	throw raise('TypeError', `bad operand type for unary ${op}: '${typeName(v)}'`);
}
