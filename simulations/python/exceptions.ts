/**
 * Python exceptions as values: the builtin exception classes (`Exception`, `RuntimeError`,
 * `ValueError`, ...) with CPython's hierarchy, instances that `str()` to their message, and the
 * rule `except T` uses to decide whether it catches an exception. User functions handed to
 * Spark (applyInPandasWithState functions, StatefulProcessors, foreachBatch functions) raise and
 * catch these; an exception that escapes fails the query, as the Python worker's does.
 */
import { PyException } from './errors';
import { PyBuiltin, PyHost, PyTuple, type PyValue } from './values';
import { str } from './format';

/** CPython's builtin exception hierarchy, child → parent (the part user code meets). */
const PARENT: Record<string, string> = {
	Exception: 'BaseException',
	ArithmeticError: 'Exception',
	ZeroDivisionError: 'ArithmeticError',
	OverflowError: 'ArithmeticError',
	LookupError: 'Exception',
	KeyError: 'LookupError',
	IndexError: 'LookupError',
	ValueError: 'Exception',
	TypeError: 'Exception',
	AttributeError: 'Exception',
	NameError: 'Exception',
	UnboundLocalError: 'NameError',
	RuntimeError: 'Exception',
	NotImplementedError: 'RuntimeError',
	RecursionError: 'RuntimeError',
	AssertionError: 'Exception',
	StopIteration: 'Exception',
	ImportError: 'Exception',
	PySparkRuntimeError: 'RuntimeError',
	PySparkValueError: 'ValueError',
	PySparkTypeError: 'TypeError'
};

/** True when an exception of type `raised` is an instance of class `cls`. */
export function isSubclass(raised: string, cls: string): boolean {
	for (let t: string | undefined = raised; t !== undefined; t = PARENT[t])
		if (t === cls) return true;
	// An exception type this table does not know is still an Exception.
	return !(raised in PARENT) && raised !== 'BaseException' && cls === 'Exception';
}

/** Exceptions no `except` clause may catch: constructs outside the subset, budget overruns and
 *  engine failures crossing the interpreter (they are the simulator's, not the program's). */
export const uncatchable = (e: PyException): boolean =>
	e.pyType === 'NotSupported' || e.pyType === 'InternalError';

/** An exception instance: what `except T as e` binds and `raise` throws. */
export class PyExceptionValue extends PyHost {
	constructor(
		readonly typeName: string,
		readonly message: string
	) {
		super();
	}
	getAttr(name: string): PyValue | undefined {
		return name === 'args' ? new PyTuple(this.message === '' ? [] : [this.message]) : undefined;
	}
	reprText(): string {
		return this.message;
	}
}

/** A builtin exception class: calling it makes an instance. */
export class PyExceptionClass extends PyHost {
	readonly typeName = 'type';
	constructor(readonly name: string) {
		super();
	}
	getAttr(name: string): PyValue | undefined {
		if (name === '__name__') return this.name;
		if (name === '__call__')
			return new PyBuiltin(this.name, (args) => {
				const msg = args.length === 0 ? '' : args.length === 1 ? str(args[0] ?? null) : '';
				return new PyExceptionValue(this.name, msg);
			});
		return undefined;
	}
}

export const EXCEPTION_CLASSES: ReadonlyMap<string, PyExceptionClass> = new Map(
	[...Object.keys(PARENT), 'BaseException'].map((n) => [n, new PyExceptionClass(n)])
);

/** The exception `raise value` throws (an instance, or a class raised bare). */
export function toRaised(v: PyValue, raise: (t: string, m: string) => PyException): PyException {
	if (v instanceof PyExceptionValue) return new PyException(v.typeName, v.message);
	if (v instanceof PyExceptionClass) return new PyException(v.name, '');
	throw raise('TypeError', 'exceptions must derive from BaseException');
}

/** Whether `except <clause>` (a class or a tuple of classes) catches `e`. */
export function catches(
	clause: PyValue,
	e: PyException,
	raise: (t: string, m: string) => PyException
): boolean {
	if (clause instanceof PyTuple) return clause.items.some((c) => catches(c, e, raise));
	if (clause instanceof PyExceptionClass) return isSubclass(e.pyType, clause.name);
	throw raise(
		'TypeError',
		'catching classes that do not inherit from BaseException is not allowed'
	);
}
