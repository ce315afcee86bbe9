/**
 * Dict displays and comprehensions (`{k: v}`, `[x for x in xs if c]`, `(x for ...)`,
 * `{k: v for ...}`), evaluated eagerly in their own scope as Python 3 does, so a comprehension
 * variable never leaks into the enclosing function.
 */
import type { SyntaxNode } from '@lezer/common';
import { notSupported } from './errors';
import type { ExprEvaluator } from './expressions';
import { Scope } from './expressions';
import { PyDict, pyKey, truthy } from './values';
import type { PyValue } from './values';

export function dictDisplay(ev: ExprEvaluator, n: SyntaxNode, scope: Scope): PyDict {
	const d = new PyDict();
	const k = ev
		.kids(n)
		.slice(1, -1)
		.filter((c) => c.name !== ',');
	for (let i = 0; i < k.length; i += 3) {
		const [kn, colon, vn] = [k[i], k[i + 1], k[i + 2]];
		if (!kn) break;
		if (!colon || colon.name !== ':' || !vn) throw notSupported('This dict display', n);
		const key = ev.evalExpr(kn, scope);
		d.entries.set(pyKey(key, ev.raiser(kn)), [key, ev.evalExpr(vn, scope)]);
	}
	return d;
}

/** `elem for t in xs if c ...` (children between the brackets), evaluated eagerly. */
export function comprehension(
	ev: ExprEvaluator,
	k: readonly SyntaxNode[],
	scope: Scope,
	emit?: (s: Scope) => void
): PyValue[] {
	const forAt = k.findIndex((c) => c.name === 'for');
	const elem = k.slice(0, forAt);
	const out: PyValue[] = [];
	const inner = new Scope(scope);
	const clauses = k.slice(forAt);
	const run = (i: number): void => {
		if (i >= clauses.length) {
			if (emit) emit(inner);
			else if (elem[0]) out.push(ev.evalExpr(elem[0], inner));
			return;
		}
		const c = clauses[i];
		if (c?.name === 'if') {
			const cond = clauses[i + 1];
			if (cond && truthy(ev.evalExpr(cond, inner))) run(i + 2);
			return;
		}
		const inAt = clauses.findIndex((x, j) => j > i && x.name === 'in');
		const targets = clauses.slice(i + 1, inAt);
		const src = clauses[inAt + 1];
		if (!c || !src || inAt < 0) throw notSupported('This comprehension', c ?? k[0]);
		for (const v of ev.iterate(src, inner)) {
			ev.assignTargets(targets, v, inner);
			run(inAt + 2);
		}
	};
	run(0);
	return out;
}

export function dictComprehension(ev: ExprEvaluator, n: SyntaxNode, scope: Scope): PyDict {
	const k = ev.kids(n).slice(1, -1);
	const [kn, , vn] = k;
	if (!kn || !vn || k[1]?.name !== ':') throw notSupported('This dict comprehension', n);
	const d = new PyDict();
	comprehension(ev, k.slice(2), scope, (s) => {
		const key = ev.evalExpr(kn, s);
		d.entries.set(pyKey(key, ev.raiser(kn)), [key, ev.evalExpr(vn, s)]);
	});
	return d;
}
