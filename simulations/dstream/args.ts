/**
 * Argument binding for engine methods called from Python (`reduceByKeyAndWindow(func, invFunc,
 * windowDuration, slideDuration=None, numPartitions=None, filterFunc=None)`), with CPython's
 * TypeError wording, and PySpark's duration rule: seconds become `int(seconds * 1000)` ms.
 */
import { raise } from '../python/builtins';
import { PyBuiltin, PyFunction, numeric, typeName } from '../python/values';
import type { PyValue } from '../python/values';

export type Bound = Record<string, PyValue | undefined>;

/** Binds positional and keyword arguments to `names`; the first `required` must be present. */
export function bindArgs(
	method: string,
	names: readonly string[],
	required: number,
	args: readonly PyValue[],
	kwargs: ReadonlyMap<string, PyValue>
): Bound {
	if (args.length > names.length) {
		throw raise(
			'TypeError',
			`${method}() takes from ${required} to ${names.length} positional arguments but ${args.length} were given`
		);
	}
	const out: Bound = {};
	names.forEach((n, i) => {
		out[n] = i < args.length ? args[i] : kwargs.get(n);
	});
	for (const k of kwargs.keys()) {
		if (!names.includes(k))
			throw raise('TypeError', `${method}() got an unexpected keyword argument '${k}'`);
	}
	const missing = names.slice(0, required).filter((n) => out[n] === undefined);
	if (missing.length) {
		throw raise(
			'TypeError',
			`${method}() missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ${missing.map((m) => `'${m}'`).join(' and ')}`
		);
	}
	return out;
}

export function durationMs(v: PyValue | undefined, what: string): number {
	const n = numeric(v ?? null);
	if (n === undefined || typeof v === 'boolean')
		throw raise('TypeError', `${what} must be a number of seconds, not ${typeName(v ?? null)}`);
	// PySpark converts with int(seconds * 1000), whose errors these are.
	if (Number.isNaN(n)) throw raise('ValueError', 'cannot convert float NaN to integer');
	if (!Number.isFinite(n * 1000))
		throw raise('OverflowError', 'cannot convert float infinity to integer');
	return Math.trunc(n * 1000);
}

export function intArg(v: PyValue | undefined, fallback: number): number {
	if (v === undefined || v === null) return fallback;
	if (typeof v !== 'number')
		throw raise('TypeError', `'${typeName(v)}' object cannot be interpreted as an integer`);
	return v;
}

export function fnArg(v: PyValue | undefined, what: string): PyValue {
	if (!(v instanceof PyFunction || v instanceof PyBuiltin)) {
		throw raise('TypeError', `${what} must be a function, not ${typeName(v ?? null)}`);
	}
	return v;
}

/** A Python function's positional parameter count (PySpark checks `__code__.co_argcount`). */
export function arity(f: PyValue): number {
	return f instanceof PyFunction ? f.arity : 1;
}

export const str0 = (v: PyValue | undefined): string =>
	typeof v === 'string' ? v : String(v ?? '');
