/**
 * Python builtins of the subset (len, sum, min, max, sorted, abs, str, int, float, bool, list,
 * tuple, dict, range, enumerate, zip, map, filter, any, all, reversed, round, isinstance, repr)
 * and the `operator` module PySpark code imports for reduce functions (operator.add...).
 * Errors use CPython 3.12's wording so a learner can search them.
 */
import { binaryOp } from './arith';
import { floatRepr, repr, str, toFixedPy } from './format';
import { PyException } from './errors';
import { EXCEPTION_CLASSES } from './exceptions';
import { PyClassMethod, PyStaticMethod } from './classes';
import {
	PyBuiltin,
	PyDict,
	PyFloat,
	PyHost,
	PyIterable,
	PyModule,
	PyTuple,
	iterItems,
	numeric,
	pyCompare,
	pyEquals,
	pyKey,
	truthy,
	typeName
} from './values';
import type { BuiltinImpl, CallFn, PyValue, Raise } from './values';
import { minOf } from '../core/arrays';
import { chargeWork } from './meter';

export const raise: Raise = (pyType, message) => new PyException(pyType, message);

export function items(v: PyValue, what = 'object'): readonly PyValue[] {
	const it = iterItems(v);
	if (!it)
		throw raise(
			'TypeError',
			`'${typeName(v)}' ${what} is not iterable`.replace(' object object', ' object')
		);
	// A builtin reading n items does the work of an n-step loop.
	chargeWork(it.length);
	return it;
}

function arg(args: readonly PyValue[], i: number, fn: string, min = i + 1): PyValue {
	if (args.length < min)
		throw raise(
			'TypeError',
			`${fn}() takes at least ${min} argument${min === 1 ? '' : 's'} (${args.length} given)`
		);
	return args[i] ?? null;
}

/** Stable sort by Python ordering; `reverse` keeps equal elements in their original order. */
export function sortValues(
	xs: readonly PyValue[],
	key: PyValue,
	reverse: boolean,
	call: CallFn
): PyValue[] {
	const keyed = xs.map((x, i) => ({ x, i, k: key === null ? x : call(key, [x]) }));
	keyed.sort((a, b) => {
		const c = pyCompare(a.k, b.k, raise);
		return (reverse ? -c : c) || a.i - b.i;
	});
	return keyed.map((e) => e.x);
}

function extreme(name: 'min' | 'max', sign: number): BuiltinImpl {
	return (args, kwargs, call) => {
		const xs = args.length === 1 ? items(args[0] ?? null) : args;
		const key = kwargs.get('key') ?? null;
		if (xs.length === 0) {
			if (kwargs.has('default')) return kwargs.get('default') ?? null;
			throw raise('ValueError', `${name}() iterable argument is empty`);
		}
		let best = xs[0] ?? null;
		let bestKey = key === null ? best : call(key, [best]);
		for (const x of xs.slice(1)) {
			const k = key === null ? x : call(key, [x]);
			if (pyCompare(k, bestKey, raise) * sign > 0) {
				best = x;
				bestKey = k;
			}
		}
		return best;
	};
}

function toInt(v: PyValue): number {
	if (typeof v === 'number') return v;
	if (typeof v === 'boolean') return v ? 1 : 0;
	if (v instanceof PyFloat) {
		if (!Number.isFinite(v.v))
			throw raise(
				Number.isNaN(v.v) ? 'ValueError' : 'OverflowError',
				`cannot convert float ${floatRepr(v.v)} to integer`
			);
		return Math.trunc(v.v) || 0;
	}
	if (typeof v === 'string') {
		const t = v.trim().replace(/_/g, '');
		if (/^[+-]?\d+$/.test(t)) return Number(t);
		throw raise('ValueError', `invalid literal for int() with base 10: ${repr(v)}`);
	}
	throw raise(
		'TypeError',
		`int() argument must be a string, a bytes-like object or a real number, not '${typeName(v)}'`
	);
}

function toFloat(v: PyValue): PyFloat {
	const n = numeric(v);
	if (n !== undefined) return new PyFloat(n);
	if (typeof v === 'string') {
		const t = v.trim().toLowerCase();
		if (/^[+-]?(inf|infinity)$/.test(t))
			return new PyFloat(t.startsWith('-') ? -Infinity : Infinity);
		if (/^[+-]?nan$/.test(t)) return new PyFloat(NaN);
		if (/^[+-]?(\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(e[+-]?\d+)?$/.test(t))
			return new PyFloat(Number(t.replace(/_/g, '')));
		throw raise('ValueError', `could not convert string to float: ${repr(v)}`);
	}
	throw raise(
		'TypeError',
		`float() argument must be a string or a real number, not '${typeName(v)}'`
	);
}

function roundHalfEven(x: number): number {
	const f = Math.floor(x);
	const d = x - f;
	if (d > 0.5) return f + 1;
	if (d < 0.5) return f;
	return f % 2 === 0 ? f : f + 1;
}

function range(args: readonly PyValue[]): PyIterable {
	const ns = args.map((a) => {
		if (typeof a !== 'number' && typeof a !== 'boolean')
			throw raise('TypeError', `'${typeName(a)}' object cannot be interpreted as an integer`);
		return Number(a);
	});
	const [start, stop, step] =
		ns.length === 1 ? [0, ns[0] ?? 0, 1] : [ns[0] ?? 0, ns[1] ?? 0, ns[2] ?? 1];
	if (step === 0) throw raise('ValueError', 'range() arg 3 must not be zero');
	const count = Math.max(0, Math.ceil((stop - start) / step));
	// Made eagerly here, so charged before it is made: range(10**9) ends on the run's budget.
	chargeWork(count);
	return new PyIterable(
		Array.from({ length: count }, (_, i) => start + i * step),
		'range'
	);
}

const TYPE_NAMES: Record<string, readonly string[]> = {
	int: ['int', 'bool'],
	float: ['float'],
	str: ['str'],
	bool: ['bool'],
	list: ['list'],
	tuple: ['tuple'],
	dict: ['dict']
};

function isInstance(v: PyValue, t: PyValue): boolean {
	if (t instanceof PyTuple) return t.items.some((x) => isInstance(v, x));
	if (t instanceof PyHost && t.isInstance) return t.isInstance(v);
	if (!(t instanceof PyBuiltin) || !TYPE_NAMES[t.name])
		throw raise('TypeError', 'isinstance() arg 2 must be a type, a tuple of types, or a union');
	return TYPE_NAMES[t.name]?.includes(typeName(v)) ?? false;
}

export function makeDict(pairs: readonly PyValue[]): PyDict {
	const d = new PyDict();
	for (const p of pairs) {
		const kv = items(p);
		if (kv.length !== 2)
			throw raise(
				'ValueError',
				`dictionary update sequence element has length ${kv.length}; 2 is required`
			);
		const k = kv[0] ?? null;
		d.entries.set(pyKey(k, raise), [k, kv[1] ?? null]);
	}
	return d;
}

const table: Record<string, BuiltinImpl> = {
	len: (a) => {
		const v = arg(a, 0, 'len');
		if (v instanceof PyDict) return v.entries.size;
		if (v instanceof PyHost && v.length) return v.length();
		if (
			v instanceof PyIterable &&
			!['ResultIterable', 'range', 'dict_items', 'dict_keys', 'dict_values'].includes(v.typeName)
		) {
			throw raise('TypeError', `object of type '${v.typeName}' has no len()`);
		}
		const it = iterItems(v);
		if (!it) throw raise('TypeError', `object of type '${typeName(v)}' has no len()`);
		return it.length;
	},
	sum: (a, kw) => {
		let acc: PyValue = kw.get('start') ?? a[1] ?? 0;
		for (const x of items(arg(a, 0, 'sum'))) {
			if (typeof x === 'string')
				throw raise('TypeError', "sum() can't sum strings [use ''.join(seq) instead]");
			acc = binaryOp('+', acc, x, raise);
		}
		return acc;
	},
	min: extreme('min', -1),
	max: extreme('max', 1),
	sorted: (a, kw, call) =>
		sortValues(
			items(arg(a, 0, 'sorted')),
			kw.get('key') ?? null,
			truthy(kw.get('reverse') ?? false),
			call
		),
	abs: (a) => {
		const v = arg(a, 0, 'abs');
		if (v instanceof PyFloat) return new PyFloat(Math.abs(v.v));
		const n = numeric(v);
		if (n === undefined) throw raise('TypeError', `bad operand type for abs(): '${typeName(v)}'`);
		return Math.abs(n);
	},
	round: (a) => {
		const v = arg(a, 0, 'round');
		const n = numeric(v);
		if (n === undefined)
			throw raise('TypeError', `type ${typeName(v)} doesn't define __round__ method`);
		const nd = a[1] ?? null;
		if (nd === null) return roundHalfEven(n);
		const digits = Number(nd);
		const r =
			digits >= 0 ? Number(toFixedPy(n, digits)) : Math.round(n / 10 ** -digits) * 10 ** -digits;
		return v instanceof PyFloat ? new PyFloat(r) : Math.round(r);
	},
	str: (a) => (a.length === 0 ? '' : str(a[0] ?? null)),
	repr: (a) => repr(arg(a, 0, 'repr')),
	int: (a) => (a.length === 0 ? 0 : toInt(a[0] ?? null)),
	float: (a) => (a.length === 0 ? new PyFloat(0) : toFloat(a[0] ?? null)),
	bool: (a) => (a.length === 0 ? false : truthy(a[0] ?? null)),
	list: (a) => (a.length === 0 ? [] : [...items(a[0] ?? null)]),
	tuple: (a) => new PyTuple(a.length === 0 ? [] : [...items(a[0] ?? null)]),
	dict: (a, kw) => {
		const d =
			a.length === 0
				? new PyDict()
				: a[0] instanceof PyDict
					? makeDict([...(a[0] as PyDict).entries.values()].map(([k, v]) => new PyTuple([k, v])))
					: makeDict(items(a[0] ?? null));
		for (const [k, v] of kw) d.entries.set(pyKey(k, raise), [k, v]);
		return d;
	},
	range: (a) => range(a),
	enumerate: (a) =>
		new PyIterable(
			items(arg(a, 0, 'enumerate')).map((x, i) => new PyTuple([i + Number(a[1] ?? 0), x])),
			'enumerate'
		),
	zip: (a) => {
		const lists = a.map((x) => items(x));
		const n = minOf(
			lists.map((l) => l.length),
			0
		);
		return new PyIterable(
			Array.from({ length: n }, (_, i) => new PyTuple(lists.map((l) => l[i] ?? null))),
			'zip'
		);
	},
	map: (a, _kw, call) => {
		const f = arg(a, 0, 'map', 2);
		const lists = a.slice(1).map((x) => items(x));
		const n = minOf(lists.map((l) => l.length));
		return new PyIterable(
			Array.from({ length: n }, (_, i) =>
				call(
					f,
					lists.map((l) => l[i] ?? null)
				)
			),
			'map'
		);
	},
	filter: (a, _kw, call) => {
		const f = arg(a, 0, 'filter', 2);
		return new PyIterable(
			items(arg(a, 1, 'filter')).filter((x) => truthy(f === null ? x : call(f, [x]))),
			'filter'
		);
	},
	reversed: (a) =>
		new PyIterable([...items(arg(a, 0, 'reversed'))].reverse(), 'list_reverseiterator'),
	any: (a) => items(arg(a, 0, 'any')).some(truthy),
	all: (a) => items(arg(a, 0, 'all')).every(truthy),
	isinstance: (a) => isInstance(arg(a, 0, 'isinstance', 2), arg(a, 1, 'isinstance', 2)),
	classmethod: (a) => new PyClassMethod(arg(a, 0, 'classmethod')),
	staticmethod: (a) => new PyStaticMethod(arg(a, 0, 'staticmethod'))
};

export const BUILTINS: ReadonlyMap<string, PyValue> = new Map<string, PyValue>([
	...Object.entries(table).map(([name, fn]): [string, PyValue] => [name, new PyBuiltin(name, fn)]),
	...EXCEPTION_CLASSES
]);

const op2 = (name: string, sym: string): [string, PyValue] => [
	name,
	new PyBuiltin(name, (a) => binaryOp(sym, arg(a, 0, name, 2), arg(a, 1, name, 2), raise))
];

/** `import operator` / `from operator import add`: the reduce functions PySpark code passes. */
export const OPERATOR_MODULE = new PyModule(
	'operator',
	new Map<string, PyValue>([
		op2('add', '+'),
		op2('sub', '-'),
		op2('mul', '*'),
		op2('truediv', '/'),
		op2('floordiv', '//'),
		op2('mod', '%'),
		op2('pow', '**'),
		['eq', new PyBuiltin('eq', (a) => pyEquals(arg(a, 0, 'eq', 2), arg(a, 1, 'eq', 2)))],
		['neg', new PyBuiltin('neg', (a) => binaryOp('-', 0, arg(a, 0, 'neg'), raise))]
	])
);
