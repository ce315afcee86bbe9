/**
 * Statements of the Python subset: assignment (with unpacking and `+=`), if/elif/else, for and
 * while (with break/continue/else), def with positional parameters and defaults, return, pass,
 * import. Function locals follow Python's rule (a name assigned anywhere in the body is local),
 * so reading it early is UnboundLocalError, as CPython reports.
 */
import type { SyntaxNode } from '@lezer/common';
import { binaryOp } from './arith';
import { PyException, asPyException, notSupported } from './errors';
import { PyExceptionValue, catches, toRaised, uncatchable } from './exceptions';
import { str } from './format';
import type { Span } from './errors';
import { ExprEvaluator, Scope } from './expressions';
import { bind, params } from './params';
import { PyClass } from './classes';
import {
	PyFunction,
	PyHost,
	PyIterable,
	PyModule,
	PyTuple,
	hostBinary,
	pyEquals,
	truthy,
	typeName
} from './values';
import type { FunctionHints, PyValue } from './values';
import { replaceAll } from '../core/arrays';

/** The class-body name holding its annotated fields (`start: int`), in order. */
export const ANNOTATIONS = '__annotations__';

type Flow =
	| undefined
	| {
			readonly kind: 'return';
			readonly value: PyValue;
	  }
	| { readonly kind: 'break' | 'continue' };

const STATEMENT_NAMES: Record<string, string> = {
	DeleteStatement: '`del`',
	ScopeStatement: 'global/nonlocal',
	MatchStatement: '`match`',
	PrintStatement: 'The Python 2 print statement'
};

/** What an assert compared: `assert a == b` gives both sides (pytest's report of a failure);
 *  any other test gives only whether it held. */
export type AssertHook = (
	at: Span,
	passed: boolean,
	sides: readonly [PyValue, PyValue] | null
) => void;

export class Interpreter extends ExprEvaluator {
	/** Sees every assert as it runs (a test bench's pass/fail per step). */
	onAssert: AssertHook | undefined;
	/** Values yielded by each generator function running, innermost last. */
	private readonly yields: PyValue[][] = [];
	/** Exceptions being handled by an `except` block, innermost last (for a bare `raise`). */
	private readonly handling: PyException[] = [];
	constructor(
		src: string,
		builtins: ReadonlyMap<string, PyValue>,
		private readonly modules: ReadonlyMap<string, PyModule>,
		maxSteps: number,
		callSpans: Span[] = []
	) {
		super(src, builtins, maxSteps, callSpans);
	}

	/** Resets the step budget: each top-level run or engine callback gets a fresh one. */
	resetBudget(): void {
		this.steps = 0;
	}

	execBlock(n: SyntaxNode, scope: Scope): Flow {
		for (const s of this.kids(n)) {
			if (s.name === ':') continue;
			const flow = this.execStatement(s, scope);
			if (flow) return flow;
		}
		return undefined;
	}

	execStatement(n: SyntaxNode, scope: Scope): Flow {
		this.tick(n);
		switch (n.name) {
			case 'ExpressionStatement':
				this.expressionValue(n, scope);
				return undefined;
			case 'AssignStatement':
				return this.assignStatement(n, scope);
			case 'UpdateStatement': {
				const [target, op, value] = this.kids(n);
				if (!target || !op || !value) throw this.error('SyntaxError', 'invalid syntax', n);
				if (target.name !== 'VariableName' && target.name !== 'MemberExpression') {
					throw notSupported('Augmented assignment to this target', target);
				}
				const cur = this.evalExpr(target, scope);
				const next = binaryOp(
					this.text(op).slice(0, -1),
					cur,
					this.evalExpr(value, scope),
					this.raiser(n)
				);
				// `xs += ys` extends a list in place, as Python's list.__iadd__ does.
				if (Array.isArray(cur) && Array.isArray(next) && this.text(op) === '+=') {
					replaceAll(cur, next);
					return undefined;
				}
				this.assign(target, next, scope);
				return undefined;
			}
			case 'IfStatement':
				return this.ifStatement(n, scope);
			case 'ForStatement':
				return this.forStatement(n, scope);
			case 'WhileStatement':
				return this.whileStatement(n, scope);
			case 'ReturnStatement': {
				const values = this.kids(n).slice(1);
				if (values.length === 0) return { kind: 'return', value: null };
				const vs = this.evalList(values, scope);
				return {
					kind: 'return',
					value: values.some((c) => c.name === ',') ? this.tupleOf(vs) : (vs[0] ?? null)
				};
			}
			case 'PassStatement':
				return undefined;
			case 'BreakStatement':
				return { kind: 'break' };
			case 'ContinueStatement':
				return { kind: 'continue' };
			case 'FunctionDefinition':
				this.define(n, scope);
				return undefined;
			case 'ClassDefinition':
				this.defineClass(n, scope);
				return undefined;
			case 'DecoratedStatement':
				this.decorated(n, scope);
				return undefined;
			case 'WithStatement':
				return this.withStatement(n, scope);
			case 'ImportStatement':
				this.importStatement(n, scope);
				return undefined;
			case 'TryStatement':
				return this.tryStatement(n, scope);
			case 'RaiseStatement':
				return this.raiseStatement(n, scope);
			case 'AssertStatement':
				return this.assertStatement(n, scope);
			case 'YieldStatement':
				return this.yieldStatement(n, scope);
			case '⚠':
				throw this.error('SyntaxError', 'invalid syntax', n);
		}
		throw notSupported(
			STATEMENT_NAMES[n.name] ?? `The statement \`${this.text(n).split('\n')[0]?.slice(0, 40)}\``,
			n
		);
	}

	/** An expression statement's value; `a, b` is a tuple. */
	expressionValue(n: SyntaxNode, scope: Scope): PyValue {
		const k = this.kids(n);
		const vs = this.evalList(k, scope);
		return k.some((c) => c.name === ',') ? new PyTuple(vs) : (vs[0] ?? null);
	}

	private tupleOf(vs: PyValue[]): PyValue {
		return new PyTuple(vs);
	}

	private assignStatement(n: SyntaxNode, scope: Scope): Flow {
		const groups: SyntaxNode[][] = [[]];
		for (const c of this.kids(n)) {
			if (c.name === 'AssignOp') groups.push([]);
			else if (c.name !== 'TypeDef') groups[groups.length - 1]?.push(c);
		}
		const valueNodes = groups.pop() ?? [];
		if (groups.length === 0) {
			// `start: int` in a class body declares a field (a dataclass's), in order.
			const name = this.kids(n)[0];
			const fields = scope.vars.get(ANNOTATIONS);
			if (name?.name === 'VariableName' && Array.isArray(fields)) {
				fields.push(this.text(name));
				return undefined;
			}
			throw notSupported('Annotations without a value', n);
		}
		const vs = this.evalList(valueNodes, scope);
		const value = valueNodes.some((c) => c.name === ',') ? this.tupleOf(vs) : (vs[0] ?? null);
		for (const g of groups) this.assignTargets(g, value, scope);
		return undefined;
	}

	private ifStatement(n: SyntaxNode, scope: Scope): Flow {
		const k = this.kids(n);
		for (let i = 0; i < k.length; i++) {
			const c = k[i];
			if (c?.name === 'if' || c?.name === 'elif') {
				const cond = k[i + 1];
				const body = k[i + 2];
				if (!cond || !body) throw this.error('SyntaxError', 'invalid syntax', c);
				if (truthy(this.evalExpr(cond, scope))) return this.execBlock(body, scope);
				i += 2;
			} else if (c?.name === 'else') {
				const body = k[i + 1];
				return body ? this.execBlock(body, scope) : undefined;
			}
		}
		return undefined;
	}

	private forStatement(n: SyntaxNode, scope: Scope): Flow {
		const k = this.kids(n);
		const inAt = k.findIndex((c) => c.name === 'in');
		const targets = k.slice(1, inAt);
		const src = k[inAt + 1];
		const body = k[inAt + 2];
		const orelse = k[inAt + 3]?.name === 'else' ? k[inAt + 4] : undefined;
		if (!src || !body || inAt < 0) throw this.error('SyntaxError', 'invalid syntax', n);
		for (const v of [...this.iterate(src, scope)]) {
			this.assignTargets(targets, v, scope);
			const flow = this.execBlock(body, scope);
			if (flow?.kind === 'break') return undefined;
			if (flow?.kind === 'return') return flow;
		}
		return orelse ? this.execBlock(orelse, scope) : undefined;
	}

	private whileStatement(n: SyntaxNode, scope: Scope): Flow {
		const [, cond, body, elseKw, orelse] = this.kids(n);
		if (!cond || !body) throw this.error('SyntaxError', 'invalid syntax', n);
		while (truthy(this.evalExpr(cond, scope))) {
			this.tick(n);
			const flow = this.execBlock(body, scope);
			if (flow?.kind === 'break') return undefined;
			if (flow?.kind === 'return') return flow;
		}
		return elseKw?.name === 'else' && orelse ? this.execBlock(orelse, scope) : undefined;
	}

	/** Names a function body binds (excluding nested function bodies): Python's local set. */
	private localNames(body: SyntaxNode, params: readonly string[]): Set<string> {
		const out = new Set(params);
		const addTargets = (t: SyntaxNode) => {
			if (t.name === 'VariableName') out.add(this.text(t));
			else if (['TupleExpression', 'ArrayExpression', 'ParenthesizedExpression'].includes(t.name))
				this.kids(t).forEach(addTargets);
		};
		const walk = (n: SyntaxNode) => {
			for (const c of this.kids(n)) {
				if (c.name === 'AssignStatement') {
					const k = this.kids(c);
					const last = k.map((x) => x.name).lastIndexOf('AssignOp');
					k.slice(0, last).forEach(addTargets);
				} else if (c.name === 'UpdateStatement') {
					const t = c.firstChild;
					if (t) addTargets(t);
				} else if (c.name === 'ForStatement') {
					const k = this.kids(c);
					k.slice(
						1,
						k.findIndex((x) => x.name === 'in')
					).forEach(addTargets);
					walk(c);
				} else if (c.name === 'FunctionDefinition') {
					const name = this.kids(c)[1];
					if (name) out.add(this.text(name));
				} else if (c.name === 'TryStatement') {
					const k = this.kids(c);
					k.forEach((x, i) => {
						if (x.name === 'as' && k[i + 1]) addTargets(k[i + 1] as SyntaxNode);
					});
					walk(c);
				} else if (['IfStatement', 'WhileStatement', 'WithStatement', 'Body'].includes(c.name)) {
					walk(c);
				}
			}
		};
		walk(body);
		return out;
	}

	/** `with a as x, b:` enters each context manager (`__enter__`), runs the body, then calls
	 *  `__exit__` in reverse order even when the body fails, as Python does. */
	private withStatement(n: SyntaxNode, scope: Scope): Flow {
		const k = this.kids(n);
		const body = k[k.length - 1];
		if (!body || body.name !== 'Body') throw this.error('SyntaxError', 'invalid syntax', n);
		const items: { expr: SyntaxNode; target?: SyntaxNode }[] = [];
		for (let i = 1; i < k.length - 1; i++) {
			const c = k[i];
			if (!c || c.name === ',') continue;
			if (k[i + 1]?.name === 'as') {
				items.push({ expr: c, target: k[i + 2] });
				i += 2;
			} else items.push({ expr: c });
		}
		const exits: PyValue[] = [];
		try {
			for (const it of items) {
				const mgr = this.evalExpr(it.expr, scope);
				const enter = mgr instanceof PyHost ? mgr.getAttr('__enter__') : undefined;
				const exit = mgr instanceof PyHost ? mgr.getAttr('__exit__') : undefined;
				if (!enter || !exit) {
					throw this.error(
						'TypeError',
						`'${typeName(mgr)}' object does not support the context manager protocol`,
						it.expr
					);
				}
				const value = this.callValue(enter, [], new Map(), it.expr);
				exits.push(exit);
				if (it.target) this.assign(it.target, value, scope);
			}
			return this.execBlock(body, scope);
		} finally {
			for (const exit of exits.reverse()) this.callValue(exit, [null, null, null], new Map(), n);
		}
	}

	/** The class body runs in its own namespace; its functions close over the enclosing scope. */
	private defineClass(n: SyntaxNode, scope: Scope): void {
		const k = this.kids(n);
		const nameNode = k[1];
		const body = k.find((c) => c.name === 'Body');
		if (!nameNode || !body) throw this.error('SyntaxError', 'invalid syntax', n);
		const argList = k.find((c) => c.name === 'ArgList');
		const bases = argList ? this.evalList(this.kids(argList).slice(1, -1), scope) : [];
		if (bases.length > 1) throw notSupported('Multiple inheritance', argList ?? n);
		const base = bases[0] ?? null;
		if (base !== null && !(base instanceof PyHost)) {
			throw this.error('TypeError', 'the base of a class must be a class', argList ?? n);
		}
		const ns = new Scope(scope);
		ns.vars.set(ANNOTATIONS, []);
		for (const s of this.kids(body)) {
			if (s.name === ':') continue;
			if (s.name === 'FunctionDefinition') this.define(s, ns, scope);
			else if (s.name === 'DecoratedStatement') this.decorated(s, ns, scope);
			else if (this.execStatement(s, ns))
				throw this.error('SyntaxError', "'return' outside function", s);
		}
		scope.vars.set(this.text(nameNode), new PyClass(this.text(nameNode), ns.vars, base));
	}

	/** `@dataclass`, `@classmethod`, `@staticmethod`, or any decorator that is a plain name or
	 *  attribute: the definition runs, then each decorator (innermost first) replaces it. */
	private decorated(n: SyntaxNode, scope: Scope, closure: Scope = scope): void {
		const k = this.kids(n);
		const target = k.find((c) => c.name === 'FunctionDefinition' || c.name === 'ClassDefinition');
		const nameNode = target ? this.kids(target)[1] : undefined;
		if (!target || !nameNode) throw this.error('SyntaxError', 'invalid syntax', n);
		const decorators = k
			.filter((c) => c.name === 'Decorator')
			.map((d) => this.decoratorValue(d, scope));
		if (target.name === 'FunctionDefinition') this.define(target, scope, closure);
		else this.defineClass(target, scope);
		const name = this.text(nameNode);
		let value = scope.vars.get(name) ?? null;
		// Applying a decorator is a call located at the decorated definition.
		this.callSpans.push({ from: target.from, to: target.to });
		try {
			for (const d of decorators.reverse()) value = this.callValue(d, [value], new Map(), n);
		} finally {
			this.callSpans.pop();
		}
		scope.vars.set(name, value);
	}

	/** A decorator's value: a name or dotted name (lezer gives its parts flat), called when an
	 *  argument list follows (`@udf(returnType=DoubleType())` is the decorator udf(...) returns). */
	private decoratorValue(d: SyntaxNode, scope: Scope): PyValue {
		const parts = this.kids(d).filter((c) => c.name !== 'At');
		const argList = parts.at(-1)?.name === 'ArgList' ? parts.pop() : undefined;
		const [first, ...rest] = parts;
		if (!first || first.name !== 'VariableName' || rest.length % 2 !== 0)
			throw notSupported('This decorator form', d);
		let value = this.evalExpr(first, scope);
		for (let i = 0; i < rest.length; i += 2) {
			const dot = rest[i];
			const prop = rest[i + 1];
			if (dot?.name !== '.' || !prop || prop.name !== 'VariableName')
				throw notSupported('This decorator form', d);
			value = this.getAttr(value, this.text(prop), prop);
		}
		return argList ? this.callWithArgList(d, value, argList, scope) : value;
	}

	private define(n: SyntaxNode, scope: Scope, closure: Scope = scope): void {
		const k = this.kids(n);
		const nameNode = k[1];
		const list = k.find((c) => c.name === 'ParamList');
		const body = k.find((c) => c.name === 'Body');
		if (!nameNode || !body) throw this.error('SyntaxError', 'invalid syntax', n);
		const name = this.text(nameNode);
		const ps = params(this, list, scope);
		const locals = this.localNames(
			body,
			ps.map((p) => p.name)
		);
		const generator = this.hasYield(body);
		const fn = new PyFunction(
			name,
			ps.length,
			(args, kwargs) => {
				this.enter(nameNode);
				if (generator) this.yields.push([]);
				try {
					const inner = new Scope(closure, locals);
					bind(this, name, ps, args, kwargs, inner, nameNode);
					const flow = this.execBlock(body, inner);
					if (generator)
						return new PyIterable(this.yields[this.yields.length - 1] ?? [], 'generator');
					return flow?.kind === 'return' ? flow.value : null;
				} finally {
					if (generator) this.yields.pop();
					this.depth--;
				}
			},
			ps.map((p) => p.name)
		);
		fn.hints = this.hintsOf(k, list);
		scope.vars.set(name, fn);
	}

	/** The type hints of a def (`def f(c: pd.Series) -> pd.Series`), as source text. */
	private hintsOf(k: readonly SyntaxNode[], list: SyntaxNode | undefined): FunctionHints {
		const hint = (t: SyntaxNode | undefined): string | null =>
			t?.name === 'TypeDef' ? this.text(t).replace(/^(->|:)\s*/, '') : null;
		const ps: { name: string; hint: string | null }[] = [];
		const items = list ? this.kids(list) : [];
		items.forEach((c, i) => {
			if (c.name === 'VariableName') ps.push({ name: this.text(c), hint: hint(items[i + 1]) });
		});
		const at = list ? k.indexOf(list) : -1;
		return { params: ps, returns: hint(at >= 0 ? k[at + 1] : undefined) };
	}

	/** A `def` whose own body yields is a generator function. Its generator is run to the end
	 *  when called, the yielded values kept in order: the engine consumes every generator it
	 *  gets in full (Spark's Python worker drains the user function's iterator), and side effects
	 *  (a GroupState update between two yields) still happen in program order. */
	private hasYield(body: SyntaxNode): boolean {
		const walk = (n: SyntaxNode): boolean =>
			this.kids(n).some(
				(c) =>
					c.name === 'YieldStatement' ||
					c.name === 'YieldExpression' ||
					(!['FunctionDefinition', 'ClassDefinition', 'LambdaExpression'].includes(c.name) &&
						walk(c))
			);
		return walk(body);
	}

	private yieldStatement(n: SyntaxNode, scope: Scope): Flow {
		const sink = this.yields[this.yields.length - 1];
		if (!sink) throw this.error('SyntaxError', "'yield' outside function", n);
		const values = this.kids(n).slice(1);
		if (values[0]?.name === 'from') {
			sink.push(...this.iterate(values[1] as SyntaxNode, scope));
			return undefined;
		}
		const vs = this.evalList(values, scope);
		sink.push(values.some((c) => c.name === ',') ? this.tupleOf(vs) : (vs[0] ?? null));
		return undefined;
	}

	/** `raise X(...)`, `raise X`, or a bare `raise` inside an `except` block (re-raises). */
	private raiseStatement(n: SyntaxNode, scope: Scope): Flow {
		const value = this.kids(n)[1];
		if (!value) {
			const current = this.handling[this.handling.length - 1];
			if (!current) throw this.error('RuntimeError', 'No active exception to reraise', n);
			throw current;
		}
		const e = toRaised(this.evalExpr(value, scope), this.raiser(n));
		e.span = n;
		throw e;
	}

	private assertStatement(n: SyntaxNode, scope: Scope): Flow {
		const [, cond, comma, msg] = this.kids(n);
		if (!cond) throw this.error('SyntaxError', 'invalid syntax', n);
		const hook = this.onAssert;
		const k = cond.name === 'BinaryExpression' ? this.kids(cond) : [];
		if (hook && k.length === 3 && this.opText(k) === '==' && k[0]?.name !== 'BinaryExpression') {
			// Both sides once each, as `a == b` evaluates them; the hook sees what was compared.
			const a = this.evalExpr(k[0] as SyntaxNode, scope);
			const b = this.evalExpr(k[2] as SyntaxNode, scope);
			const held = hostBinary('==', a, b, cond) ?? pyEquals(a, b);
			hook(n, truthy(held), [a, b]);
			if (truthy(held)) return undefined;
		} else {
			const held = truthy(this.evalExpr(cond, scope));
			hook?.(n, held, null);
			if (held) return undefined;
		}
		const text = comma?.name === ',' && msg ? str(this.evalExpr(msg, scope)) : '';
		throw this.error('AssertionError', text, n);
	}

	/** try / except [T [as e]] / else / finally, with CPython's matching (exceptions.ts). The
	 *  simulator's own refusals and limits are never caught. */
	private tryStatement(n: SyntaxNode, scope: Scope): Flow {
		const k = this.kids(n);
		const body = k[1];
		if (!body) throw this.error('SyntaxError', 'invalid syntax', n);
		const handlers: { type?: SyntaxNode; name?: SyntaxNode; body: SyntaxNode }[] = [];
		let orelse: SyntaxNode | undefined;
		let final: SyntaxNode | undefined;
		for (let i = 2; i < k.length; i++) {
			const c = k[i] as SyntaxNode;
			if (c.name === 'except') {
				const h: { type?: SyntaxNode; name?: SyntaxNode; body?: SyntaxNode } = {};
				let j = i + 1;
				if (k[j] && k[j]?.name !== 'Body') h.type = k[j++];
				if (k[j]?.name === 'as') {
					h.name = k[j + 1];
					j += 2;
				}
				h.body = k[j];
				if (!h.body) throw this.error('SyntaxError', 'invalid syntax', c);
				handlers.push(h as { body: SyntaxNode });
				i = j;
			} else if (c.name === 'else') orelse = k[++i];
			else if (c.name === 'finally') final = k[++i];
		}
		try {
			let raised: PyException | null = null;
			let flow: Flow;
			try {
				flow = this.execBlock(body, scope);
			} catch (err) {
				const e = asPyException(err, body);
				if (uncatchable(e)) throw e;
				raised = e;
			}
			if (raised === null) return orelse ? this.execBlock(orelse, scope) : flow;
			for (const h of handlers) {
				if (h.type && !catches(this.evalExpr(h.type, scope), raised, this.raiser(h.type))) continue;
				if (h.name) this.assign(h.name, new PyExceptionValue(raised.pyType, raised.message), scope);
				this.handling.push(raised);
				try {
					return this.execBlock(h.body, scope);
				} finally {
					this.handling.pop();
				}
			}
			throw raised;
		} finally {
			if (final) {
				const f = this.execBlock(final, scope);
				// A return/break in `finally` replaces whatever was propagating, as in Python.
				if (f) return f; // eslint-disable-line no-unsafe-finally
			}
		}
	}

	private importStatement(n: SyntaxNode, scope: Scope): void {
		const k = this.kids(n);
		const module = (name: string): PyModule =>
			this.modules.get(name) ?? new PyModule(name, new Map());
		if (k[0]?.name === 'from') {
			const importAt = k.findIndex((c) => c.name === 'import');
			const modName = k
				.slice(1, importAt)
				.map((c) => this.text(c))
				.join('');
			const mod = module(modName);
			const names = k
				.slice(importAt + 1)
				.filter((c) => c.name !== ',' && c.name !== '(' && c.name !== ')');
			for (let i = 0; i < names.length; i++) {
				const c = names[i];
				if (!c) continue;
				if (c.name === '*') throw notSupported('`import *`', c);
				const alias = names[i + 1]?.name === 'as' ? names[i + 2] : undefined;
				const name = this.text(c);
				const v = mod.attrs.get(name);
				if (v === undefined && mod.attrs.size > 0)
					throw this.error('ImportError', `cannot import name '${name}' from '${modName}'`, c);
				scope.vars.set(
					alias ? this.text(alias) : name,
					v ?? new PyModule(`${modName}.${name}`, new Map())
				);
				if (alias) i += 2;
			}
			return;
		}
		const parts = k.slice(1);
		for (let i = 0; i < parts.length; i++) {
			const start = parts[i];
			if (!start || start.name === ',') continue;
			let j = i;
			let dotted = '';
			while (parts[j] && parts[j]?.name !== ',' && parts[j]?.name !== 'as') {
				dotted += this.text(parts[j] as SyntaxNode);
				j++;
			}
			const alias = parts[j]?.name === 'as' ? parts[j + 1] : undefined;
			const top = dotted.split('.')[0] ?? dotted;
			scope.vars.set(alias ? this.text(alias) : top, module(alias ? dotted : top));
			i = alias ? j + 1 : j;
		}
	}
}
