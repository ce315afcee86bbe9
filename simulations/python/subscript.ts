/**
 * Indexing and slicing with Python's rules: negative indices count from the end, slices clamp
 * instead of failing, a step may be negative; dicts raise KeyError with the key's repr.
 */
import type { SyntaxNode } from '@lezer/common';
import type { ExprEvaluator, Scope } from './expressions';
import { repr } from './format';
import { PyDict, PyHost, PyTuple, numeric, pyKey, typeName } from './values';
import type { PyValue } from './values';

function sliceIndices(len: number, start: PyValue, stop: PyValue, step: number): number[] {
	const norm = (v: PyValue, dflt: number, lo: number, hi: number) => {
		if (v === null) return dflt;
		const n = Number(v);
		const i = n < 0 ? n + len : n;
		return Math.min(Math.max(i, lo), hi);
	};
	const out: number[] = [];
	if (step > 0) {
		for (let i = norm(start, 0, 0, len); i < norm(stop, len, 0, len); i += step) out.push(i);
	} else {
		for (let i = norm(start, len - 1, -1, len - 1); i > norm(stop, -1, -1, len - 1); i += step)
			out.push(i);
	}
	return out;
}

export function evalSubscript(
	ev: ExprEvaluator,
	obj: PyValue,
	inner: readonly SyntaxNode[],
	scope: Scope,
	n: SyntaxNode
): PyValue {
	const raise = ev.raiser(n);
	if (inner.some((c) => c.name === ':')) {
		const parts: (SyntaxNode | null)[] = [null, null, null];
		let slot = 0;
		for (const c of inner) {
			if (c.name === ':') slot++;
			else if (slot < 3) parts[slot] = c;
		}
		const [a, b, c] = parts.map((p) => (p ? ev.evalExpr(p, scope) : null));
		for (const v of [a, b, c]) {
			if (v !== null && typeof v !== 'number' && typeof v !== 'boolean') {
				throw raise(
					'TypeError',
					'slice indices must be integers or None or have an __index__ method'
				);
			}
		}
		const step = c === null ? 1 : Number(c);
		if (step === 0) throw raise('ValueError', 'slice step cannot be zero');
		const seq =
			typeof obj === 'string'
				? Array.from(obj)
				: Array.isArray(obj)
					? obj
					: obj instanceof PyTuple
						? obj.items
						: undefined;
		if (!seq) throw raise('TypeError', `'${typeName(obj)}' object is not subscriptable`);
		const picked = sliceIndices(seq.length, a ?? null, b ?? null, step).map((i) => seq[i] ?? null);
		if (typeof obj === 'string') return picked.join('');
		return Array.isArray(obj) ? picked : new PyTuple(picked);
	}
	const idxNodes = inner.filter((c) => c.name !== ',');
	const first = idxNodes[0];
	if (!first) throw raise('SyntaxError', 'invalid syntax');
	const key =
		idxNodes.length > 1
			? new PyTuple(idxNodes.map((c) => ev.evalExpr(c, scope)))
			: ev.evalExpr(first, scope);
	const hosted = obj instanceof PyHost ? obj.getItem?.(key, n) : undefined;
	if (hosted !== undefined) return hosted;
	if (obj instanceof PyDict) {
		const e = obj.entries.get(pyKey(key, raise));
		if (!e) throw raise('KeyError', repr(key));
		return e[1];
	}
	const seq =
		typeof obj === 'string'
			? obj
			: Array.isArray(obj)
				? obj
				: obj instanceof PyTuple
					? obj.items
					: undefined;
	if (seq === undefined) throw raise('TypeError', `'${typeName(obj)}' object is not subscriptable`);
	const k = numeric(key);
	if (k === undefined || !(typeof key === 'number' || typeof key === 'boolean')) {
		throw raise(
			'TypeError',
			`${typeName(obj)} indices must be integers or slices, not ${typeName(key)}`
		);
	}
	const i = k < 0 ? seq.length + k : k;
	if (i < 0 || i >= seq.length) {
		throw raise(
			'IndexError',
			`${typeof obj === 'string' ? 'string' : typeName(obj)} index out of range`
		);
	}
	return seq[i] ?? null;
}
