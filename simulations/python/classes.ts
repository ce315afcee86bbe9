/**
 * Small classes, enough for PySpark listener code (`class BatchDelays(StreamingListener):` with
 * methods taking `self`): a class object is callable, runs `__init__`, and instances keep their
 * own attributes; methods found on the class (or its base) are bound to the instance, as
 * Python's attribute lookup does; `@classmethod` binds to the class it is looked up on, and
 * `@dataclass` writes `__init__` from the annotated fields. No metaclasses, properties, super()
 * or multiple inheritance.
 */
import { PyException } from './errors';
import { PyBuiltin, PyFunction, PyHost } from './values';
import type { CallFn, PyValue } from './values';

export class PyClass extends PyHost {
	readonly typeName = 'type';
	constructor(
		readonly name: string,
		readonly attrs: ReadonlyMap<string, PyValue>,
		readonly base: PyHost | null
	) {
		super();
	}

	/** Class attribute lookup along the base chain (methods unbound). */
	lookup(name: string): PyValue | undefined {
		const own = this.attrs.get(name);
		if (own !== undefined) return own;
		if (this.base instanceof PyClass) return this.base.lookup(name);
		return this.base?.getAttr(name);
	}

	isInstance(v: PyValue): boolean {
		if (!(v instanceof PyInstance)) return false;
		for (let c: PyHost | null = v.cls; c !== null; c = c instanceof PyClass ? c.base : null)
			if (c === this) return true;
		return false;
	}

	getAttr(name: string): PyValue | undefined {
		if (name === '__name__') return this.name;
		if (name === '__call__') {
			return new PyBuiltin(this.name, (args, kwargs, call) => this.instantiate(args, kwargs, call));
		}
		const v = this.lookup(name);
		return v instanceof PyClassMethod ? v.bind(this) : v instanceof PyStaticMethod ? v.fn : v;
	}

	private instantiate(
		args: readonly PyValue[],
		kwargs: ReadonlyMap<string, PyValue>,
		call: CallFn
	): PyInstance {
		const obj = new PyInstance(this);
		const init = this.lookup('__init__');
		if (init instanceof PyFunction) init.invoke([obj, ...args], kwargs);
		else if (init instanceof PyBuiltin) init.fn([obj, ...args], kwargs, call);
		return obj;
	}
}

export class PyInstance extends PyHost {
	readonly dict = new Map<string, PyValue>();
	constructor(readonly cls: PyClass) {
		super();
	}

	get typeName(): string {
		return this.cls.name;
	}

	getAttr(name: string): PyValue | undefined {
		const own = this.dict.get(name);
		if (own !== undefined) return own;
		if (name === '__class__') return this.cls;
		const v = this.cls.lookup(name);
		if (v instanceof PyClassMethod) return v.bind(this.cls);
		if (v instanceof PyStaticMethod) return v.fn;
		if (v instanceof PyFunction) {
			return new PyFunction(v.name, Math.max(0, v.arity - 1), (args, kwargs) =>
				v.invoke([this, ...args], kwargs)
			);
		}
		if (v instanceof PyBuiltin && this.cls.attrs.get(name) !== v) {
			return new PyBuiltin(v.name, (args, kwargs, call) => v.fn([this, ...args], kwargs, call));
		}
		return v;
	}

	setAttr(name: string, v: PyValue): void {
		this.dict.set(name, v);
	}
}

/** A library base class whose methods all do nothing (pyspark's StreamingListener callbacks). */
export function noOpBase(name: string, methods: readonly string[]): PyClass {
	return new PyClass(name, new Map(methods.map((m) => [m, new PyBuiltin(m, () => null)])), null);
}

/** `@classmethod`: the function receives the class it is looked up on (or the instance's). */
export class PyClassMethod extends PyHost {
	readonly typeName = 'classmethod';
	constructor(readonly fn: PyValue) {
		super();
	}
	bind(cls: PyClass): PyValue {
		const fn = this.fn;
		return new PyBuiltin(
			fn instanceof PyFunction ? fn.name : 'classmethod',
			(args, kwargs, call) =>
				fn instanceof PyFunction ? fn.invoke([cls, ...args], kwargs) : call(fn, [cls, ...args])
		);
	}
	getAttr(): PyValue | undefined {
		return undefined;
	}
}

/** `@staticmethod`: the function, unbound wherever it is looked up. */
export class PyStaticMethod extends PyHost {
	readonly typeName = 'staticmethod';
	constructor(readonly fn: PyValue) {
		super();
	}
	getAttr(): PyValue | undefined {
		return undefined;
	}
}

/** `@dataclass`: an `__init__` taking the annotated fields in order (keywords too), and equality
 *  by fields; the class keeps its base and methods. */
export function dataclass(cls: PyValue): PyClass {
	if (!(cls instanceof PyClass))
		throw new PyException('TypeError', 'dataclass() should be called on a class');
	const declared = cls.attrs.get('__annotations__');
	const fields = Array.isArray(declared) ? declared.filter((f) => typeof f === 'string') : [];
	const init = new PyBuiltin('__init__', (args, kwargs) => {
		const [self, ...rest] = args;
		if (!(self instanceof PyInstance)) return null;
		fields.forEach((f, i) => {
			const v = i < rest.length ? rest[i] : kwargs.get(f);
			if (v === undefined)
				throw new PyException(
					'TypeError',
					`${cls.name}.__init__() missing 1 required positional argument: '${f}'`
				);
			self.setAttr(f, v as PyValue);
		});
		return null;
	});
	return new PyClass(cls.name, new Map([...cls.attrs, ['__init__', init]]), cls.base);
}
