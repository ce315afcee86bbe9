/**
 * Function parameters and argument binding: positional parameters with defaults (evaluated once,
 * at `def` time), keyword arguments, and CPython's TypeErrors for missing, extra or unexpected
 * arguments. *args, **kwargs and positional-only markers are outside the subset.
 */
import type { SyntaxNode } from '@lezer/common';
import { notSupported } from './errors';
import type { Span } from './errors';
import type { ExprEvaluator, Scope } from './expressions';
import type { PyValue } from './values';

export interface ParamSpec {
	readonly name: string;
	readonly default?: PyValue;
}

/** Parses a ParamList into names and evaluated defaults. */
export function params(ev: ExprEvaluator, list: SyntaxNode | undefined, scope: Scope): ParamSpec[] {
	const out: ParamSpec[] = [];
	const k = list ? ev.kids(list).filter((c) => !['(', ')', ',', 'TypeDef'].includes(c.name)) : [];
	for (let i = 0; i < k.length; i++) {
		const c = k[i];
		if (!c) continue;
		if (c.name !== 'VariableName')
			throw notSupported(`The parameter form \`${ev.text(c)}\` (*args, **kwargs, /)`, c);
		if (k[i + 1]?.name === 'AssignOp') {
			const d = k[i + 2];
			if (!d) throw ev.error('SyntaxError', 'invalid syntax', c);
			out.push({ name: ev.text(c), default: ev.evalExpr(d, scope) });
			i += 2;
		} else out.push({ name: ev.text(c) });
	}
	return out;
}

/** Binds call arguments to parameters with Python's TypeErrors. */
export function bind(
	ev: ExprEvaluator,
	name: string,
	ps: readonly ParamSpec[],
	args: readonly PyValue[],
	kwargs: ReadonlyMap<string, PyValue>,
	into: Scope,
	at: Span
): void {
	if (args.length > ps.length) {
		throw ev.error(
			'TypeError',
			`${name}() takes ${ps.length} positional argument${ps.length === 1 ? '' : 's'} but ${args.length} ${args.length === 1 ? 'was' : 'were'} given`,
			at
		);
	}
	for (const key of kwargs.keys()) {
		const i = ps.findIndex((p) => p.name === key);
		if (i < 0)
			throw ev.error('TypeError', `${name}() got an unexpected keyword argument '${key}'`, at);
		if (i < args.length)
			throw ev.error('TypeError', `${name}() got multiple values for argument '${key}'`, at);
	}
	const missing: string[] = [];
	ps.forEach((p, i) => {
		const v = i < args.length ? args[i] : kwargs.has(p.name) ? kwargs.get(p.name) : p.default;
		if (v === undefined) missing.push(p.name);
		else into.vars.set(p.name, v);
	});
	if (missing.length) {
		throw ev.error(
			'TypeError',
			`${name}() missing ${missing.length} required positional argument${missing.length === 1 ? '' : 's'}: ${missing.map((m) => `'${m}'`).join(' and ')}`,
			at
		);
	}
}
