/**
 * Comparisons: `==`, `!=`, ordering with Python's TypeError across unorderable types, `in`,
 * `is`, and chains (`a < b <= c`), which parse left-nested but evaluate each middle operand once
 * and stop at the first false link.
 */
import type { SyntaxNode } from '@lezer/common';
import { items } from './builtins';
import type { Span } from './errors';
import type { ExprEvaluator, Scope } from './expressions';
import { PyDict, hostBinary, pyCompare, pyEquals, pyKey, typeName } from './values';
import type { PyValue } from './values';

export const COMPARE = new Set(['<', '>', '<=', '>=', '==', '!=', 'in', 'not in', 'is', 'is not']);

/** `a < b <= c` parses left-nested; Python evaluates b once and stops at the first false. */
export function compareChain(ev: ExprEvaluator, n: SyntaxNode, scope: Scope): PyValue {
	const operands: SyntaxNode[] = [];
	const ops: string[] = [];
	let cur: SyntaxNode = n;
	for (;;) {
		const k = ev.kids(cur);
		const first = k[0];
		const last = k[k.length - 1];
		if (!first || !last) throw ev.error('SyntaxError', 'invalid syntax', cur);
		operands.unshift(last);
		ops.unshift(ev.opText(k));
		if (first.name === 'BinaryExpression' && COMPARE.has(ev.opText(ev.kids(first)))) cur = first;
		else {
			operands.unshift(first);
			break;
		}
	}
	let a = ev.evalExpr(operands[0] ?? n, scope);
	for (let i = 0; i < ops.length; i++) {
		const b = ev.evalExpr(operands[i + 1] ?? n, scope);
		// A single comparison with an engine object may be overloaded (Column == 1 is a Column).
		const hosted = ops.length === 1 ? hostBinary(ops[i] ?? '', a, b, n) : undefined;
		if (hosted !== undefined) return hosted;
		if (!compare(ev, ops[i] ?? '', a, b, n)) return false;
		a = b;
	}
	return true;
}

export function compare(ev: ExprEvaluator, op: string, a: PyValue, b: PyValue, at: Span): boolean {
	const raise = ev.raiser(at);
	switch (op) {
		case '==':
			return pyEquals(a, b);
		case '!=':
			return !pyEquals(a, b);
		case 'is':
			return a === b;
		case 'is not':
			return a !== b;
		case 'in':
		case 'not in': {
			let found: boolean;
			if (typeof b === 'string') {
				if (typeof a !== 'string')
					throw raise(
						'TypeError',
						`'in <string>' requires string as left operand, not ${typeName(a)}`
					);
				found = b.includes(a);
			} else if (b instanceof PyDict) found = b.entries.has(pyKey(a, raise));
			else found = items(b).some((x) => pyEquals(x, a));
			return op === 'in' ? found : !found;
		}
	}
	const c = pyCompare(a, b, (t, m) => raise(t, m.replace("'<'", `'${op}'`)));
	return op === '<' ? c < 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : c >= 0;
}
