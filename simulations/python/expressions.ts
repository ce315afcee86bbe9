/**
 * Expression evaluation over the @lezer/python tree: literals, names, operators with Python's
 * short-circuit values (`a or b` returns a or b, not a bool) and chained comparisons
 * (`a < b <= c`), conditional expressions, lambdas, calls, attributes, indexing, slicing and
 * comprehensions. Nothing is compiled or passed to `eval`; every node is walked here.
 */
import type { SyntaxNode } from '@lezer/common';
import { binaryOp, unaryOp } from './arith';
import { PyException, asPyException, notSupported } from './errors';
import type { Span } from './errors';
import { str } from './format';
import { parseNumber, parseString } from './literals';
import { builtinMethod } from './methods';
import { evalSubscript } from './subscript';
import { COMPARE, compareChain } from './compare';
import { comprehension, dictComprehension, dictDisplay } from './displays';
import { formatString } from './fstring';
import { bind, params } from './params';
import { PyInstance } from './classes';
import {
	PyBuiltin,
	PyDict,
	PyFunction,
	PyHost,
	PyIterable,
	PyModule,
	PyTuple,
	hostBinary,
	iterItems,
	pyKey,
	truthy,
	typeName
} from './values';
import type { PyValue, Raise } from './values';
import { limitMessage } from '../core/budget';
import { useMeter } from './meter';

export class Scope {
	readonly vars = new Map<string, PyValue>();
	constructor(
		readonly parent: Scope | null,
		/** Names a function assigns: reading one before assignment is UnboundLocalError. */
		readonly locals: ReadonlySet<string> | null = null
	) {}
}

export const kids = (n: SyntaxNode): SyntaxNode[] => {
	const out: SyntaxNode[] = [];
	for (let c = n.firstChild; c; c = c.nextSibling) if (c.name !== 'Comment') out.push(c);
	return out;
};

/** Node identity for caches: Lezer hands out a new wrapper object on every traversal. */
const nodeKey = (n: SyntaxNode): number => (n.from * 65536 + n.to) * 1024 + n.type.id;

export class ExprEvaluator {
	protected steps = 0;
	protected depth = 0;
	constructor(
		readonly src: string,
		readonly builtins: ReadonlyMap<string, PyValue>,
		protected readonly maxSteps: number,
		/** Spans of the calls being evaluated, innermost last: engine objects read it to remember
		 *  where the program created each DStream. */
		readonly callSpans: Span[] = []
	) {}

	private readonly childCache = new Map<number, SyntaxNode[]>();
	private readonly literalCache = new Map<number, PyValue>();

	/** A node's children without comments, cached: user functions run once per record. */
	kids(n: SyntaxNode): SyntaxNode[] {
		if (this.src.length >= 65536) return kids(n);
		const key = nodeKey(n);
		let k = this.childCache.get(key);
		if (!k) this.childCache.set(key, (k = kids(n)));
		return k;
	}

	private literal(n: SyntaxNode, parse: () => PyValue): PyValue {
		const key = nodeKey(n);
		let v = this.literalCache.get(key);
		if (v === undefined) this.literalCache.set(key, (v = parse()));
		return v;
	}

	text(n: SyntaxNode): string {
		return this.src.slice(n.from, n.to);
	}

	error(pyType: string, message: string, n: Span): PyException {
		return new PyException(pyType, message, { from: n.from, to: n.to });
	}

	/** Raise with the position of `n`, for value helpers that only know the message. */
	raiser(n: Span): Raise {
		return (pyType, message) => this.error(pyType, message, n);
	}

	/** The node of the last step, where builtin work over the budget is reported. */
	private at: Span = { from: 0, to: 0 };

	tick(n: SyntaxNode): void {
		this.at = n;
		if (++this.steps > this.maxSteps) this.overBudget(n);
	}

	/** Builtin work (items a builtin makes or reads), counted as steps. */
	charge(n: number): void {
		this.steps += n;
		if (this.steps > this.maxSteps) this.overBudget(this.at);
	}

	private overBudget(at: Span): never {
		throw this.error('NotSupported', limitMessage('pythonSteps', this.steps, this.maxSteps), at);
	}

	/** Calls a Python value; a builtin's error without a position gets the call's position. */
	callValue(
		fn: PyValue,
		args: readonly PyValue[],
		kwargs: ReadonlyMap<string, PyValue>,
		at: Span
	): PyValue {
		if (fn instanceof PyFunction) return fn.invoke(args, kwargs);
		if (fn instanceof PyBuiltin) {
			// Work the builtin charges is reported at this call.
			this.at = at;
			try {
				return fn.fn(args, kwargs, (f, a) => this.callValue(f, a, new Map(), at));
			} catch (e) {
				throw asPyException(e, at);
			}
		}
		const dunder = fn instanceof PyHost ? fn.getAttr('__call__') : undefined;
		if (dunder) return this.callValue(dunder, args, kwargs, at);
		throw this.error('TypeError', `'${typeName(fn)}' object is not callable`, at);
	}

	lookup(name: string, scope: Scope, n: SyntaxNode): PyValue {
		for (let s: Scope | null = scope; s; s = s.parent) {
			const v = s.vars.get(name);
			if (v !== undefined) return v;
			if (s.locals?.has(name)) {
				throw this.error(
					'UnboundLocalError',
					`cannot access local variable '${name}' where it is not associated with a value`,
					n
				);
			}
		}
		const b = this.builtins.get(name);
		if (b === undefined) throw this.error('NameError', `name '${name}' is not defined`, n);
		return b;
	}

	evalExpr(n: SyntaxNode, scope: Scope): PyValue {
		this.tick(n);
		switch (n.name) {
			case 'Number':
				return this.literal(n, () => parseNumber(this.text(n), n));
			case 'String':
				return this.literal(n, () => parseString(this.text(n), n));
			case 'ContinuedString':
				return this.kids(n)
					.map((c) => str(this.evalExpr(c, scope)))
					.join('');
			case 'FormatString':
				return formatString(this, n, scope);
			case 'Boolean':
				return this.text(n) === 'True';
			case 'None':
				return null;
			case 'VariableName':
				return this.lookup(this.text(n), scope, n);
			case 'ParenthesizedExpression':
				return this.evalExpr(this.inner(n), scope);
			case 'TupleExpression':
				return new PyTuple(this.evalList(this.kids(n).slice(1, -1), scope));
			case 'ArrayExpression':
				return this.evalList(this.kids(n).slice(1, -1), scope);
			case 'DictionaryExpression':
				return dictDisplay(this, n, scope);
			case 'ArrayComprehensionExpression':
				return comprehension(this, this.kids(n).slice(1, -1), scope);
			case 'ComprehensionExpression':
				return new PyIterable(comprehension(this, this.kids(n).slice(1, -1), scope), 'generator');
			case 'DictionaryComprehensionExpression':
				return dictComprehension(this, n, scope);
			case 'UnaryExpression':
				return this.unary(n, scope);
			case 'BinaryExpression':
				return this.binary(n, scope);
			case 'ConditionalExpression': {
				const [body, , cond, , orelse] = this.kids(n);
				if (!body || !cond || !orelse) throw this.error('SyntaxError', 'invalid syntax', n);
				return truthy(this.evalExpr(cond, scope))
					? this.evalExpr(body, scope)
					: this.evalExpr(orelse, scope);
			}
			case 'LambdaExpression':
				return this.lambda(n, scope);
			case 'CallExpression':
				return this.call(n, scope);
			case 'MemberExpression':
				return this.member(n, scope);
			case '⚠':
				throw this.error('SyntaxError', 'invalid syntax', n);
		}
		throw notSupported(NAMES[n.name] ?? `The expression \`${this.text(n).slice(0, 30)}\``, n);
	}

	inner(n: SyntaxNode): SyntaxNode {
		const k = this.kids(n);
		if (k.length !== 3 || !k[1]) throw this.error('SyntaxError', 'invalid syntax', n);
		return k[1];
	}

	/** Comma-separated expressions (tokens such as ',' skipped). */
	evalList(ns: readonly SyntaxNode[], scope: Scope): PyValue[] {
		return ns.filter((c) => c.name !== ',').map((c) => this.evalExpr(c, scope));
	}

	iterate(n: SyntaxNode, scope: Scope): readonly PyValue[] {
		const v = this.evalExpr(n, scope);
		const it = iterItems(v);
		if (!it) throw this.error('TypeError', `'${typeName(v)}' object is not iterable`, n);
		return it;
	}

	/** Binds a target list (`k, v` or `(a, b)` or a name or a subscript) to a value. */
	assignTargets(targets: readonly SyntaxNode[], v: PyValue, scope: Scope): void {
		const ts = targets.filter((t) => t.name !== ',');
		if (ts.length === 1 && targets.length === 1 && ts[0]) return this.assign(ts[0], v, scope);
		const at = ts[0] ?? targets[0];
		const xs = iterItems(v);
		if (!xs || !at)
			throw this.error(
				'TypeError',
				`cannot unpack non-iterable ${typeName(v)} object`,
				at ?? { from: 0, to: 0 }
			);
		if (xs.length > ts.length)
			throw this.error('ValueError', `too many values to unpack (expected ${ts.length})`, at);
		if (xs.length < ts.length)
			throw this.error(
				'ValueError',
				`not enough values to unpack (expected ${ts.length}, got ${xs.length})`,
				at
			);
		ts.forEach((t, i) => this.assign(t, xs[i] ?? null, scope));
	}

	assign(t: SyntaxNode, v: PyValue, scope: Scope): void {
		if (t.name === 'VariableName') {
			scope.vars.set(this.text(t), v);
		} else if (t.name === 'TupleExpression' || t.name === 'ArrayExpression') {
			this.assignTargets(this.kids(t).slice(1, -1), v, scope);
		} else if (t.name === 'ParenthesizedExpression') {
			this.assign(this.inner(t), v, scope);
		} else if (t.name === 'MemberExpression' && this.kids(t)[1]?.name === '.') {
			const [obj, , prop] = this.kids(t);
			if (!obj || !prop) throw notSupported('This assignment target', t);
			const target = this.evalExpr(obj, scope);
			if (!(target instanceof PyInstance)) {
				throw this.error(
					'AttributeError',
					`'${typeName(target)}' object attribute '${this.text(prop)}' is read-only`,
					t
				);
			}
			target.setAttr(this.text(prop), v);
		} else if (t.name === 'MemberExpression' && this.kids(t)[1]?.name === '[') {
			const [obj, , idx] = this.kids(t);
			if (!obj || !idx) throw notSupported('This assignment target', t);
			const target = this.evalExpr(obj, scope);
			const key = this.evalExpr(idx, scope);
			if (Array.isArray(target) && typeof key === 'number' && this.kids(t).length === 4) {
				const i = key < 0 ? target.length + key : key;
				if (i < 0 || i >= target.length)
					throw this.error('IndexError', 'list assignment index out of range', t);
				target[i] = v;
			} else if (target instanceof PyDict) {
				target.entries.set(pyKey(key, this.raiser(idx)), [key, v]);
			} else {
				throw this.error(
					'TypeError',
					`'${typeName(target)}' object does not support item assignment`,
					t
				);
			}
		} else {
			throw notSupported(`Assigning to \`${this.text(t).slice(0, 30)}\``, t);
		}
	}

	private unary(n: SyntaxNode, scope: Scope): PyValue {
		const [op, arg] = this.kids(n);
		if (!op || !arg) throw this.error('SyntaxError', 'invalid syntax', n);
		const v = this.evalExpr(arg, scope);
		const hosted = v instanceof PyHost ? v.unaryOp?.(this.text(op), n) : undefined;
		if (hosted !== undefined) return hosted;
		if (op.name === 'not') return !truthy(v);
		return unaryOp(this.text(op), v, this.raiser(n));
	}

	opText(k: readonly SyntaxNode[]): string {
		return k
			.slice(1, -1)
			.map((c) => this.text(c))
			.join(' ');
	}

	private binary(n: SyntaxNode, scope: Scope): PyValue {
		const k = this.kids(n);
		const left = k[0];
		const right = k[k.length - 1];
		const op = this.opText(k);
		if (!left || !right || k.length < 3) throw this.error('SyntaxError', 'invalid syntax', n);
		if (op === 'and' || op === 'or') {
			const a = this.evalExpr(left, scope);
			// A host may refuse truthiness (PySpark's Column raises on `and` / `or`).
			if (a instanceof PyHost) a.binaryOp?.(op, null, false, n);
			return truthy(a) === (op === 'and') ? this.evalExpr(right, scope) : a;
		}
		if (COMPARE.has(op)) return compareChain(this, n, scope);
		const a = this.evalExpr(left, scope);
		const b = this.evalExpr(right, scope);
		return hostBinary(op, a, b, n) ?? binaryOp(op, a, b, this.raiser(n));
	}

	enter(at: Span): void {
		useMeter(this);
		if (++this.depth > 200)
			throw this.error('RecursionError', 'maximum recursion depth exceeded', at);
	}

	private lambda(n: SyntaxNode, scope: Scope): PyFunction {
		const k = this.kids(n);
		const list = k.find((c) => c.name === 'ParamList');
		const body = k[k.length - 1];
		if (!body) throw this.error('SyntaxError', 'invalid syntax', n);
		const ps = params(this, list, scope);
		return new PyFunction('<lambda>', ps.length, (args, kwargs) => {
			this.enter(n);
			try {
				const inner = new Scope(scope);
				bind(this, '<lambda>', ps, args, kwargs, inner, n);
				return this.evalExpr(body, inner);
			} finally {
				this.depth--;
			}
		});
	}

	private call(n: SyntaxNode, scope: Scope): PyValue {
		const [calleeNode, argList] = this.kids(n);
		if (!calleeNode || !argList) throw this.error('SyntaxError', 'invalid syntax', n);
		return this.callWithArgList(n, this.evalExpr(calleeNode, scope), argList, scope);
	}

	/** Calls `callee` with the arguments an ArgList node says (a call expression, or a
	 *  decorator with arguments, whose ArgList lezer puts beside the name). */
	protected callWithArgList(
		n: SyntaxNode,
		callee: PyValue,
		argList: SyntaxNode,
		scope: Scope
	): PyValue {
		const k = this.kids(argList).slice(1, -1);
		const args: PyValue[] = [];
		const kwargs = new Map<string, PyValue>();
		if (k.some((c) => c.name === 'for')) {
			args.push(new PyIterable(comprehension(this, k, scope), 'generator'));
		} else {
			const parts = k.filter((c) => c.name !== ',');
			for (let i = 0; i < parts.length; i++) {
				const c = parts[i];
				if (!c) continue;
				if (c.name === '*' || c.name === '**')
					throw notSupported('Argument unpacking (*args, **kwargs)', c);
				if (c.name === 'VariableName' && parts[i + 1]?.name === 'AssignOp') {
					const v = parts[i + 2];
					if (!v) throw this.error('SyntaxError', 'invalid syntax', c);
					kwargs.set(this.text(c), this.evalExpr(v, scope));
					i += 2;
				} else {
					if (kwargs.size)
						throw this.error('SyntaxError', 'positional argument follows keyword argument', c);
					args.push(this.evalExpr(c, scope));
				}
			}
		}
		this.callSpans.push({ from: n.from, to: n.to });
		try {
			return this.callValue(callee, args, kwargs, n);
		} catch (e) {
			throw asPyException(e, n);
		} finally {
			this.callSpans.pop();
		}
	}

	getAttr(v: PyValue, name: string, at: SyntaxNode): PyValue {
		let out: PyValue | undefined;
		if (v instanceof PyHost) out = v.getAttr(name, at);
		else if (v instanceof PyModule) {
			out = v.attrs.get(name);
			if (out === undefined && v.attrs.size === 0)
				throw notSupported(`The module '${v.name}' (${v.name}.${name})`, at);
		} else out = builtinMethod(v, name);
		if (out === undefined) {
			const what = v instanceof PyModule ? `module '${v.name}'` : `'${typeName(v)}' object`;
			throw this.error('AttributeError', `${what} has no attribute '${name}'`, at);
		}
		return out;
	}

	private member(n: SyntaxNode, scope: Scope): PyValue {
		const k = this.kids(n);
		const [objNode, sep] = k;
		if (!objNode || !sep) throw this.error('SyntaxError', 'invalid syntax', n);
		const obj = this.evalExpr(objNode, scope);
		if (sep.name === '.') {
			const prop = k[2];
			if (!prop) throw this.error('SyntaxError', 'invalid syntax', n);
			try {
				return this.getAttr(obj, this.text(prop), prop);
			} catch (e) {
				throw asPyException(e, prop);
			}
		}
		return evalSubscript(this, obj, k.slice(2, -1), scope, n);
	}
}

const NAMES: Record<string, string> = {
	SetExpression: 'Sets',
	SetComprehensionExpression: 'Set comprehensions',
	Ellipsis: 'Ellipsis (...)',
	AwaitExpression: 'await',
	YieldExpression: 'yield',
	NamedExpression: 'The walrus operator (:=)',
	StarExpression: 'Star expressions'
};
