/**
 * Stream-stream join state watermarks from range conditions (StreamingJoinHelper
 * .getStateValueWatermark; SPARK-SEMANTICS R5.3). Each conjunct comparing this side's time with
 * the other side's watermarked time is rearranged to `S > O - c` (or `>=`); substituting
 * O := eviction watermark gives the oldest S row that can still match: the state watermark is
 * W - c for a strict bound and W - c - 1 ms otherwise; the minimum over conjuncts wins. Terms
 * must be linear in the two columns plus interval literals; anything else gives no bound.
 */
import type { Expr } from '../expr/ast';
import { minOf } from '../../core/arrays';

export type Side = 'L' | 'R';

/** Resolves a column reference to the join side holding it (null: neither or ambiguous). */
export type SideOf = (col: Extract<Expr, { kind: 'col' }>) => Side | null;

interface Linear {
	readonly terms: Map<string, number>;
	readonly constUs: number;
}

const stripAlias = (e: Expr): Expr => (e.kind === 'alias' ? stripAlias(e.expr) : e);

function linear(e: Expr, sideOf: SideOf): Linear | null {
	e = stripAlias(e);
	if (e.kind === 'col') {
		const side = sideOf(e);
		if (side === null) return null;
		return { terms: new Map([[`${side}:${e.name.toLowerCase()}`, 1]]), constUs: 0 };
	}
	if (e.kind === 'lit' && typeof e.value === 'number' && e.type.kind === 'interval') {
		return { terms: new Map(), constUs: e.value };
	}
	if (e.kind === 'unary' && e.op === 'NEGATE') {
		const inner = linear(e.expr, sideOf);
		return inner === null ? null : scale(inner, -1);
	}
	if (e.kind === 'binary' && (e.op === '+' || e.op === '-')) {
		const a = linear(e.left, sideOf);
		const b = linear(e.right, sideOf);
		if (a === null || b === null) return null;
		return add(a, e.op === '-' ? scale(b, -1) : b);
	}
	return null;
}

const scale = (l: Linear, k: number): Linear => ({
	terms: new Map([...l.terms].map(([n, c]) => [n, c * k])),
	constUs: l.constUs * k
});

function add(a: Linear, b: Linear): Linear {
	const terms = new Map(a.terms);
	for (const [n, c] of b.terms) terms.set(n, (terms.get(n) ?? 0) + c);
	for (const [n, c] of terms) if (c === 0) terms.delete(n);
	return { terms, constUs: a.constUs + b.constUs };
}

/** Splits a condition into its AND-ed conjuncts; BETWEEN becomes two comparisons. */
export function conjuncts(e: Expr | null): Expr[] {
	if (e === null) return [];
	if (e.kind === 'binary' && e.op === 'AND') return [...conjuncts(e.left), ...conjuncts(e.right)];
	if (e.kind === 'call' && e.fn === 'between' && e.args.length === 3) {
		const [x, lo, hi] = e.args as [Expr, Expr, Expr];
		return [
			{ kind: 'binary', op: '>=', left: x, right: lo },
			{ kind: 'binary', op: '<=', left: x, right: hi }
		];
	}
	return [e];
}

/**
 * The state watermark of side `state` as a function of the eviction watermark (ms), or null when
 * no conjunct bounds it. `stateCol`/`otherCol` are the two sides' watermarked column names.
 */
export function stateValueWatermark(
	condition: Expr | null,
	state: Side,
	stateCol: string,
	otherCol: string,
	sideOf: SideOf
): ((evictionWatermarkMs: number) => number) | null {
	const sKey = `${state}:${stateCol.toLowerCase()}`;
	const oKey = `${state === 'L' ? 'R' : 'L'}:${otherCol.toLowerCase()}`;
	const offsets: number[] = [];
	for (const c of conjuncts(condition)) {
		if (c.kind !== 'binary') continue;
		let small: Expr;
		let big: Expr;
		if (c.op === '<' || c.op === '<=') [small, big] = [c.left, c.right];
		else if (c.op === '>' || c.op === '>=') [small, big] = [c.right, c.left];
		else continue;
		const strict = c.op === '<' || c.op === '>';
		const a = linear(small, sideOf);
		const b = linear(big, sideOf);
		if (a === null || b === null) continue;
		// d = big - small, and the conjunct says d > 0 (or >= 0).
		const d = add(b, scale(a, -1));
		if (d.terms.size !== 2 || d.terms.get(sKey) !== 1 || d.terms.get(oKey) !== -1) continue;
		// S - O + c >= 0  →  S >= O - c: rows with S below W - c can never match again.
		const boundMs = -d.constUs / 1000;
		offsets.push(strict ? boundMs : boundMs - 1);
	}
	if (offsets.length === 0) return null;
	const offset = minOf(offsets);
	return (w) => w + offset;
}
