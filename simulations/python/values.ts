/**
 * Python values for the subset evaluator. PySpark hands user lambdas Python objects, so the
 * simulator must keep Python's distinctions that change results: int vs float (`7 // 2` is 3,
 * `7 / 2` is 3.5, `str(2.0)` is '2.0'), tuple vs list, None, bool as an int subclass.
 *
 * Representation (chosen so the common case is a bare JS primitive):
 * - int: a JS number holding an integer (exact up to 2**53; beyond that an OverflowError value);
 * - float: a PyFloat box, always, even for 2.0; - bool: JS boolean; - None: null; - str: JS string;
 * - list: a mutable JS array; - tuple: PyTuple; - dict: PyDict (insertion-ordered, keyed by
 *   pyKey); - iterators and PySpark's ResultIterable: PyIterable (materialised, never lazy);
 * - functions: PyFunction (user code) or PyBuiltin; - modules: PyModule; - engine objects
 *   (DStream, RDD, StreamingContext...): PyHost.
 */
import type { PyException, Span } from './errors';

export class PyFloat {
	constructor(readonly v: number) {}
}

export class PyTuple {
	constructor(readonly items: readonly PyValue[]) {}
}

export class PyDict {
	readonly entries = new Map<string, [PyValue, PyValue]>();
}

/** A finite iterable that is not a list: map/filter/zip/enumerate/generator results, dict views,
 *  and PySpark's ResultIterable (what groupByKey yields per key). */
export class PyIterable {
	constructor(
		readonly items: readonly PyValue[],
		readonly typeName: string
	) {}
}

/** Calls back into Python from a builtin or host method (sorted's key=, map, DStream lambdas). */
export type CallFn = (fn: PyValue, args: readonly PyValue[]) => PyValue;

export type BuiltinImpl = (
	args: readonly PyValue[],
	kwargs: ReadonlyMap<string, PyValue>,
	call: CallFn
) => PyValue;

export class PyBuiltin {
	constructor(
		readonly name: string,
		readonly fn: BuiltinImpl
	) {}
}

export class PyModule {
	constructor(
		readonly name: string,
		readonly attrs: ReadonlyMap<string, PyValue>
	) {}
}

/** An engine object exposed to Python. Attribute lookup returns a value or undefined (then the
 *  evaluator raises AttributeError naming `typeName`). */
export abstract class PyHost {
	abstract readonly typeName: string;
	/** `at` is where the attribute name is written (a host may answer a method call differently
	 *  from a plain attribute read, as PySpark's `df.col` vs `df.select(...)`). */
	abstract getAttr(name: string, at?: Span): PyValue | undefined;
	/** Operator overloads (PySpark's Column): `op` as written (`+`, `==`, `&`, `and`, ...);
	 *  `reflected` when the host is the right operand; undefined falls back to Python's rules. */
	binaryOp?(op: string, other: PyValue, reflected: boolean, at: Span): PyValue | undefined;
	unaryOp?(op: string, at: Span): PyValue | undefined;
	/** `host[key]` (df["col"], col["field"]). */
	getItem?(key: PyValue, at: Span): PyValue | undefined;
	/** `for x in host` / `list(host)`: the items, when the object is iterable (a pandas
	 *  DataFrame iterates its column names, a Series its values). */
	iterValues?(): readonly PyValue[];
	/** `len(host)`, when the object has a length. */
	length?(): number;
	/** `isinstance(v, host)`, when the host is a type (pyspark's GroupState). */
	isInstance?(v: PyValue): boolean;
	/** str()/repr() text when the object has one (a py4j Scala Option prints as `Some(12)`). */
	reprText(): string | undefined {
		return undefined;
	}
}

/** A user `def` or `lambda`; `invoke` is supplied by the interpreter that created it. */
/** A `def`'s type hints as written (`pd.Series`), for callers that read them as PySpark's
 *  pandas_udf does (inspect.signature); null where a parameter or the return has none. */
export interface FunctionHints {
	readonly params: readonly { readonly name: string; readonly hint: string | null }[];
	readonly returns: string | null;
}

export class PyFunction {
	hints?: FunctionHints;
	constructor(
		readonly name: string,
		readonly arity: number,
		readonly invoke: (args: readonly PyValue[], kwargs: ReadonlyMap<string, PyValue>) => PyValue,
		/** Its parameters' names, in order (what pytest matches fixtures by). */
		readonly paramNames: readonly string[] = []
	) {}
}

export type PyValue =
	| null
	| boolean
	| number
	| string
	| PyFloat
	| PyTuple
	| PyValue[]
	| PyDict
	| PyIterable
	| PyFunction
	| PyBuiltin
	| PyModule
	| PyHost;

/** Raised by value helpers; the interpreter attaches the source position. */
export type Raise = (pyType: string, message: string) => PyException;

export const tuple = (...items: PyValue[]): PyTuple => new PyTuple(items);
export const float = (v: number): PyFloat => new PyFloat(v);

export function typeName(v: PyValue): string {
	if (v === null) return 'NoneType';
	if (typeof v === 'boolean') return 'bool';
	if (typeof v === 'number') return 'int';
	if (typeof v === 'string') return 'str';
	if (v instanceof PyFloat) return 'float';
	if (v instanceof PyTuple) return 'tuple';
	if (Array.isArray(v)) return 'list';
	if (v instanceof PyDict) return 'dict';
	if (v instanceof PyIterable) return v.typeName;
	if (v instanceof PyFunction) return 'function';
	if (v instanceof PyBuiltin) return 'builtin_function_or_method';
	if (v instanceof PyModule) return 'module';
	return v.typeName;
}

/** int, float or bool as a JS number; undefined for anything else. */
export function numeric(v: PyValue): number | undefined {
	if (typeof v === 'number') return v;
	if (typeof v === 'boolean') return v ? 1 : 0;
	if (v instanceof PyFloat) return v.v;
	return undefined;
}

/** The elements of an iterable value, or undefined when it is not iterable. */
export function iterItems(v: PyValue): readonly PyValue[] | undefined {
	if (Array.isArray(v)) return v;
	if (v instanceof PyTuple || v instanceof PyIterable) return v.items;
	if (typeof v === 'string') return Array.from(v);
	if (v instanceof PyDict) return [...v.entries.values()].map(([k]) => k);
	if (v instanceof PyHost && v.iterValues) return v.iterValues();
	return undefined;
}

export function truthy(v: PyValue): boolean {
	if (v === null) return false;
	if (typeof v === 'boolean') return v;
	if (typeof v === 'number') return v !== 0;
	if (typeof v === 'string') return v.length > 0;
	if (v instanceof PyFloat) return v.v !== 0;
	if (Array.isArray(v)) return v.length > 0;
	if (v instanceof PyTuple) return v.items.length > 0;
	if (v instanceof PyDict) return v.entries.size > 0;
	// ResultIterable defines __len__; iterator objects (map, filter, zip...) are always true.
	if (v instanceof PyIterable) return v.typeName === 'ResultIterable' ? v.items.length > 0 : true;
	return true;
}

/** Hash key: equal Python values (1 == 1.0 == True) share a key; lists and dicts are unhashable. */
export function pyKey(v: PyValue, raise: Raise): string {
	const n = numeric(v);
	if (n !== undefined) return `n${n}`;
	if (v === null) return 'N';
	if (typeof v === 'string') return `s${v}`;
	if (v instanceof PyTuple) return `t(${v.items.map((x) => pyKey(x, raise)).join(',')})`;
	if (Array.isArray(v) || v instanceof PyDict || v instanceof PyIterable) {
		throw raise('TypeError', `unhashable type: '${typeName(v)}'`);
	}
	return `o${typeName(v)}`;
}

export function pyEquals(a: PyValue, b: PyValue): boolean {
	const na = numeric(a);
	const nb = numeric(b);
	if (na !== undefined || nb !== undefined)
		return na !== undefined && nb !== undefined && na === nb;
	if (a === null || b === null || typeof a === 'string' || typeof b === 'string') return a === b;
	if (a instanceof PyTuple && b instanceof PyTuple) return seqEquals(a.items, b.items);
	if (Array.isArray(a) && Array.isArray(b)) return seqEquals(a, b);
	if (a instanceof PyDict && b instanceof PyDict) {
		if (a.entries.size !== b.entries.size) return false;
		for (const [k, [, v]] of a.entries) {
			const other = b.entries.get(k);
			if (!other || !pyEquals(v, other[1])) return false;
		}
		return true;
	}
	return a === b;
}

function seqEquals(a: readonly PyValue[], b: readonly PyValue[]): boolean {
	return a.length === b.length && a.every((x, i) => pyEquals(x, b[i] ?? null));
}

/** Python's `<` ordering: -1, 0 or 1; TypeError across unorderable types. */
export function pyCompare(a: PyValue, b: PyValue, raise: Raise): number {
	const na = numeric(a);
	const nb = numeric(b);
	if (na !== undefined && nb !== undefined) return na < nb ? -1 : na > nb ? 1 : 0;
	if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
	const sa = a instanceof PyTuple ? a.items : Array.isArray(a) ? a : undefined;
	const sb = b instanceof PyTuple ? b.items : Array.isArray(b) ? b : undefined;
	if (sa && sb && a instanceof PyTuple === b instanceof PyTuple) {
		for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
			const x = sa[i] ?? null;
			const y = sb[i] ?? null;
			if (!pyEquals(x, y)) return pyCompare(x, y, raise);
		}
		return Math.sign(sa.length - sb.length);
	}
	const host = hostOrder(a, b);
	if (host !== undefined) return host;
	throw raise(
		'TypeError',
		`'<' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`
	);
}

/** The order a host type defines with its own `<` and `>` (a pandas Timestamp), so min(),
 *  max() and sorted() order it as Python does through __lt__; undefined when it defines none. */
function hostOrder(a: PyValue, b: PyValue): number | undefined {
	if (!(a instanceof PyHost) || !a.binaryOp) return undefined;
	const at = { from: 0, to: 0 };
	const lt = a.binaryOp('<', b, false, at);
	const gt = a.binaryOp('>', b, false, at);
	if (typeof lt !== 'boolean' || typeof gt !== 'boolean') return undefined;
	return lt ? -1 : gt ? 1 : 0;
}

/** A deep copy of the mutable parts, so a user function that mutates its argument (PySpark's own
 *  groupByKeyAndWindow does `a.extend(b)`) cannot change an RDD that Spark would have kept
 *  serialized. */
export function deepCopy(v: PyValue): PyValue {
	if (Array.isArray(v)) return v.map(deepCopy);
	// Tuples and ResultIterables are immutable: share them unless they hold something mutable.
	if (v instanceof PyTuple || v instanceof PyIterable) {
		let changed = false;
		const items = v.items.map((x) => {
			const c = deepCopy(x);
			if (c !== x) changed = true;
			return c;
		});
		if (!changed) return v;
		return v instanceof PyTuple ? new PyTuple(items) : new PyIterable(items, v.typeName);
	}
	if (v instanceof PyDict) {
		const d = new PyDict();
		for (const [k, [kk, vv]] of v.entries) d.entries.set(k, [kk, deepCopy(vv)]);
		return d;
	}
	return v;
}

/** A host's overload of `a op b`, trying the left operand then the reflected right one. */
export function hostBinary(op: string, a: PyValue, b: PyValue, at: Span): PyValue | undefined {
	const l = a instanceof PyHost ? a.binaryOp?.(op, b, false, at) : undefined;
	if (l !== undefined) return l;
	return b instanceof PyHost ? b.binaryOp?.(op, a, true, at) : undefined;
}
