/**
 * Splitting a stream-stream join condition as Spark's ExtractEquiJoinKeys and
 * StreamingJoinHelper do: equality conjuncts between a left-only and a right-only expression are
 * the join keys, the rest is the residual condition; a side's state can be evicted by value when
 * a residual conjunct bounds its event time by the other side's (R5.3).
 */
import type { Expr, StructField } from '../expr/ast';
import type { Plan } from '../plan';
import { children, lookup } from './exprs';
import type { AnalyzedNode, EventTimeColumn, JoinInfo } from './types';

export function conjuncts(e: Expr | null): Expr[] {
	if (!e) return [];
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

function columnRefs(e: Expr, out: (Expr & { kind: 'col' })[] = []): (Expr & { kind: 'col' })[] {
	if (e.kind === 'col') out.push(e);
	for (const c of children(e)) columnRefs(c, out);
	return out;
}

type Side = 'left' | 'right' | 'both' | 'none';

/** Which join input an expression reads. An unqualified name found on both sides counts as
 *  both (Spark would call it ambiguous). */
export function sideOf(e: Expr, left: readonly StructField[], right: readonly StructField[]): Side {
	let l = false;
	let r = false;
	for (const c of columnRefs(e)) {
		const inL = lookup(left, c.name, c.qualifier).length > 0;
		const inR = lookup(right, c.name, c.qualifier).length > 0;
		if (inL && inR) return 'both';
		l ||= inL;
		r ||= inR;
	}
	return l && r ? 'both' : l ? 'left' : r ? 'right' : 'none';
}

/** The event-time columns an expression reads on one side. */
function eventTimeRefs(
	e: Expr,
	schema: readonly StructField[],
	et: readonly EventTimeColumn[]
): EventTimeColumn[] {
	const out: EventTimeColumn[] = [];
	for (const c of columnRefs(e))
		for (const i of lookup(schema, c.name, c.qualifier)) {
			const hit = et.find((x) => x.index === i);
			if (hit) out.push(hit);
		}
	return out;
}

export function joinInfo(node: AnalyzedNode & { plan: Plan & { op: 'Join' } }): JoinInfo {
	const [left, right] = node.children as [AnalyzedNode, AnalyzedNode];
	const plan = node.plan;
	const leftKeys: Expr[] = plan.using.map((n) => ({ kind: 'col', name: n, at: plan.at }));
	const rightKeys: Expr[] = plan.using.map((n) => ({ kind: 'col', name: n, at: plan.at }));
	const rest: Expr[] = [];
	for (const c of conjuncts(plan.condition)) {
		if (c.kind === 'binary' && (c.op === '=' || c.op === '<=>')) {
			const a = sideOf(c.left, left.schema, right.schema);
			const b = sideOf(c.right, left.schema, right.schema);
			if (a === 'left' && b === 'right') {
				leftKeys.push(c.left);
				rightKeys.push(c.right);
				continue;
			}
			if (a === 'right' && b === 'left') {
				leftKeys.push(c.right);
				rightKeys.push(c.left);
				continue;
			}
		}
		rest.push(c);
	}
	const residual = rest.reduce<Expr | null>(
		(acc, c) => (acc ? { kind: 'binary', op: 'AND', left: acc, right: c } : c),
		null
	);
	return {
		joinType: plan.joinType,
		leftKeys,
		rightKeys,
		residual,
		leftEventTime: left.eventTime,
		rightEventTime: right.eventTime
	};
}

/** StreamingJoinHelper.isWatermarkInJoinKeys: some join key is a watermarked column. */
export function watermarkInJoinKeys(
	info: JoinInfo,
	left: AnalyzedNode,
	right: AnalyzedNode
): boolean {
	const keyed = (keys: readonly Expr[], n: AnalyzedNode): boolean =>
		keys.some((k) => k.kind === 'col' && eventTimeRefs(k, n.schema, n.eventTime).length > 0);
	return keyed(info.leftKeys, left) || keyed(info.rightKeys, right);
}

/** The sign with which a column matching `is` enters an additive expression: +1, -1, or 0
 *  when it does not (the linear forms StreamingJoinHelper rearranges). */
function signOf(e: Expr, is: (c: Expr & { kind: 'col' }) => boolean): number {
	switch (e.kind) {
		case 'col':
			return is(e) ? 1 : 0;
		case 'cast':
		case 'alias':
			return signOf(e.expr, is);
		case 'unary':
			return e.op === 'NEGATE' ? -signOf(e.expr, is) : 0;
		case 'binary':
			if (e.op === '+') return signOf(e.left, is) || signOf(e.right, is);
			if (e.op === '-') return signOf(e.left, is) || -signOf(e.right, is);
			return 0;
		default:
			return 0;
	}
}

/** StreamingJoinHelper.getStateValueWatermark(state side, other side) is defined: some
 *  conjunct `lo < hi` (or <=, >, >=) rearranges to `stateTime > otherEventTime + c`, i.e. the
 *  state side's column enters the greater side positively and the other side's watermarked
 *  column the lesser side positively, so the other side's watermark bounds the state side. */
export function hasRangeCondition(
	info: JoinInfo,
	s: 'left' | 'right',
	left: AnalyzedNode,
	right: AnalyzedNode
): boolean {
	const [me, other] = s === 'left' ? [left, right] : [right, left];
	const mine = (c: Expr & { kind: 'col' }): boolean =>
		lookup(me.schema, c.name, c.qualifier).length > 0;
	const theirs = (c: Expr & { kind: 'col' }): boolean =>
		lookup(other.schema, c.name, c.qualifier).some((i) =>
			other.eventTime.some((x) => x.index === i)
		);
	return conjuncts(info.residual).some((c) => {
		if (c.kind !== 'binary' || !['<', '<=', '>', '>='].includes(c.op)) return false;
		const [lo, hi] = c.op === '<' || c.op === '<=' ? [c.left, c.right] : [c.right, c.left];
		const stateUp = signOf(hi, mine) > 0 || signOf(lo, mine) < 0;
		const otherDown = signOf(lo, theirs) > 0 || signOf(hi, theirs) < 0;
		return stateUp && otherDown;
	});
}
